import { describe, expect, it } from 'vitest';
import { schemeRedirectUri } from '../../../main/config/redirect-uris';
import {
  configFromStackOutputs,
  outputKeyByField,
  stackOutputsFromConfig,
  type StackOutput,
} from '../../../infra/stack-outputs-to-config';
import { StackEvaluator } from './evaluate-intrinsics';
import { loadBackendTemplate } from './load-template';

const template = loadBackendTemplate();
const identityPoolId = 'eu-west-1:0a1b2c3d-4e5f-6789-abcd-ef0123456789';

/** The outputs a deploy of the template would print, given what AWS names the resources. */
function deployedOutputs(parameters: Record<string, string>): StackOutput[] {
  const stack = new StackEvaluator(template, {
    parameters: { DomainPrefix: 'shoebox-xyz', ...parameters },
    refs: {
      'AWS::Region': 'eu-west-1',
      UserPool: 'eu-west-1_AbCdEf123',
      UserPoolClient: '4gh5vq8p1example2l1mn3o',
      IdentityPool: identityPoolId,
      PhotoBucket: 'shoebox-photobucket-1a2b3c4d5e6f',
    },
  });
  return Object.entries(template.Outputs).map(([key, output]) => ({
    OutputKey: key,
    OutputValue: String(stack.evaluate(output.Value)),
  }));
}

const outputs = deployedOutputs({});
const expectedConfig = {
  region: 'eu-west-1',
  userPoolId: 'eu-west-1_AbCdEf123',
  userPoolClientId: '4gh5vq8p1example2l1mn3o',
  hostedUiDomain: 'https://shoebox-xyz.auth.eu-west-1.amazoncognito.com',
  identityPoolId,
  bucket: 'shoebox-photobucket-1a2b3c4d5e6f',
  redirectUri: 'http://localhost:17823/callback',
  identityProviders: ['COGNITO'],
  cloudLabelling: true,
};

describe('stack outputs ↔ config', () => {
  it('has one template output per mapped config field, and no others', () => {
    expect(Object.keys(template.Outputs).sort()).toEqual(Object.values(outputKeyByField).sort());
  });

  it("turns a deploy's outputs into a valid config", () => {
    expect(configFromStackOutputs(outputs)).toEqual({ ok: true, value: expectedConfig });
  });

  it('maps every output back from the config it produced', () => {
    const config = configFromStackOutputs(outputs);
    if (!config.ok) throw new Error(config.errors.join('\n'));
    expect(stackOutputsFromConfig(config.value)).toEqual(outputs);
  });

  it('lists Login with Amazon when the stack has it', () => {
    const withAmazon = deployedOutputs({
      LoginWithAmazonClientId: 'amzn1.client',
      LoginWithAmazonClientSecret: 'secret',
    });
    const config = configFromStackOutputs(withAmazon);
    expect(config).toMatchObject({
      ok: true,
      value: { identityProviders: ['COGNITO', 'LoginWithAmazon'] },
    });
    if (config.ok) expect(stackOutputsFromConfig(config.value)).toEqual(withAmazon);
  });

  it('reads the whole describe-stacks answer, ignoring fields and outputs it does not use', () => {
    const answer = {
      Stacks: [
        {
          StackName: 'shoebox',
          Outputs: [
            ...outputs.map((o) => ({
              ...o,
              Description: 'x',
              ExportName: `shoebox-${o.OutputKey}`,
            })),
            { OutputKey: 'SomethingNew', OutputValue: 'ignored' },
          ],
        },
      ],
    };
    expect(configFromStackOutputs(answer)).toEqual({ ok: true, value: expectedConfig });
  });

  it('says whether the stack labels in the cloud; a stack from before the option does not', () => {
    expect(configFromStackOutputs(deployedOutputs({ CloudLabelling: 'false' }))).toMatchObject({
      ok: true,
      value: { cloudLabelling: false },
    });
    const older = outputs.filter((o) => o.OutputKey !== 'CloudLabelling');
    expect(configFromStackOutputs(older)).toMatchObject({
      ok: true,
      value: { cloudLabelling: false },
    });
    const garbled = outputs.map((o) =>
      o.OutputKey === 'CloudLabelling' ? { ...o, OutputValue: 'maybe' } : o,
    );
    expect(configFromStackOutputs(garbled)).toEqual({
      ok: false,
      errors: ['cloudLabelling (stack output CloudLabelling): must be true or false'],
    });
  });

  it('takes the redirect URI a packaged app uses', () => {
    expect(configFromStackOutputs(outputs, { redirectUri: schemeRedirectUri })).toMatchObject({
      ok: true,
      value: { redirectUri: schemeRedirectUri },
    });
  });

  it('names every missing output and the field it gives', () => {
    const partial = outputs.filter((o) => !['UserPoolId', 'Bucket'].includes(o.OutputKey));
    expect(configFromStackOutputs(partial)).toEqual({
      ok: false,
      errors: [
        'stack output UserPoolId is missing (it gives userPoolId)',
        'stack output Bucket is missing (it gives bucket)',
      ],
    });
  });

  it('names the field and the output when a value is wrong', () => {
    const bad = outputs.map((o) =>
      o.OutputKey === 'IdentityPoolId' ? { ...o, OutputValue: 'not-a-pool' } : o,
    );
    expect(configFromStackOutputs(bad)).toEqual({
      ok: false,
      errors: [
        'identityPoolId (stack output IdentityPoolId): must look like "eu-west-1:0a1b2c3d-4e5f-6789-abcd-ef0123456789"',
      ],
    });
  });

  it('refuses JSON that is not describe-stacks output, or more than one stack', () => {
    const shape = configFromStackOutputs({ Outputs: outputs });
    expect(shape.ok).toBe(false);
    if (!shape.ok) expect(shape.errors[0]).toMatch(/describe-stacks/);
    const two = configFromStackOutputs({ Stacks: [{ Outputs: outputs }, { Outputs: outputs }] });
    expect(two).toEqual({
      ok: false,
      errors: ['expected exactly one stack, found 2: pass --stack-name'],
    });
  });
});
