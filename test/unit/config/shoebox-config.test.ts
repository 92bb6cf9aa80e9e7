import { describe, expect, it } from 'vitest';
import { parseShoeboxConfig } from '../../../main/config/shoebox-config';

const valid = {
  region: 'eu-west-1',
  userPoolId: 'eu-west-1_AbCdEf123',
  userPoolClientId: '4gh5vq8p1example2l1mn3o',
  hostedUiDomain: 'https://shoebox-xyz.auth.eu-west-1.amazoncognito.com',
  identityPoolId: 'eu-west-1:0a1b2c3d-4e5f-6789-abcd-ef0123456789',
  bucket: 'shoebox-photobucket-1a2b3c4d5e6f',
};

function errorsFor(config: unknown): string[] {
  const result = parseShoeboxConfig(config);
  return result.ok ? [] : result.errors;
}

describe('parseShoeboxConfig', () => {
  it('accepts a deployed stack’s config and fills in the defaults', () => {
    expect(parseShoeboxConfig(valid)).toEqual({
      ok: true,
      value: {
        ...valid,
        redirectUri: 'http://localhost:17823/callback',
        identityProviders: ['COGNITO'],
        // A config from before cloud labelling existed: the app labels.
        cloudLabelling: false,
      },
    });
  });

  it('takes whether the stack labels in the cloud, as a boolean', () => {
    expect(parseShoeboxConfig({ ...valid, cloudLabelling: true })).toMatchObject({
      ok: true,
      value: { cloudLabelling: true },
    });
    expect(errorsFor({ ...valid, cloudLabelling: 'yes' })).toEqual([
      'cloudLabelling: must be true or false',
    ]);
  });

  it('accepts the local test cloud’s overrides', () => {
    const local = {
      ...valid,
      redirectUri: 'shoebox://auth/callback',
      identityProviders: ['COGNITO', 'LoginWithAmazon'],
      endpoints: {
        s3: 'http://127.0.0.1:4569',
        cognitoIdentity: 'http://localhost:4570/',
        rekognition: 'http://127.0.0.1:4571',
        polly: 'http://[::1]:4572',
        hostedUiIssuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123',
        hostedUiBase: 'http://127.0.0.1:4573',
      },
      s3ForcePathStyle: true,
      cloudLabelling: true,
    };
    expect(parseShoeboxConfig(local)).toEqual({ ok: true, value: local });
  });

  it('drops a trailing slash from the Hosted UI origin', () => {
    const result = parseShoeboxConfig({ ...valid, hostedUiDomain: `${valid.hostedUiDomain}/` });
    expect(result).toMatchObject({ ok: true, value: { hostedUiDomain: valid.hostedUiDomain } });
  });

  it.each([
    ['region', 'Ireland', 'region: must be an AWS region like "eu-west-1"'],
    ['userPoolId', 'AbCdEf123', 'userPoolId: must look like "eu-west-1_AbCdEf123"'],
    ['userPoolClientId', 'has spaces', 'userPoolClientId: must be the app client id'],
    [
      'hostedUiDomain',
      'http://shoebox-xyz.auth.eu-west-1.amazoncognito.com',
      'hostedUiDomain: must be the Hosted UI origin',
    ],
    [
      'hostedUiDomain',
      `${valid.hostedUiDomain}/login`,
      'hostedUiDomain: must be the Hosted UI origin',
    ],
    ['identityPoolId', 'eu-west-1:nope', 'identityPoolId: must look like "eu-west-1:'],
    ['bucket', 'My_Photos', 'bucket: must use lowercase letters'],
    ['bucket', 'ab', 'bucket: must be 3 to 63 characters long'],
    ['bucket', 'my..photos', 'bucket: must not contain two dots in a row'],
    ['bucket', '192.168.1.1', 'bucket: must not look like an IP address'],
    [
      'redirectUri',
      'http://localhost:8080/callback',
      'redirectUri: must be "http://localhost:17823/callback" or "shoebox://auth/callback"',
    ],
    ['identityProviders', 'COGNITO', 'identityProviders: must be a list'],
    ['identityProviders', [], 'identityProviders: must name at least one identity provider'],
    [
      'identityProviders',
      ['Google'],
      'identityProviders.0: must be "COGNITO" or "LoginWithAmazon"',
    ],
    [
      'identityProviders',
      ['COGNITO', 'COGNITO'],
      'identityProviders: must not name a provider twice',
    ],
    ['endpoints', 'http://127.0.0.1:4569', 'endpoints: must be an object of service URLs'],
    [
      'endpoints',
      { s3: 'http://192.168.1.20:4569' },
      'endpoints.s3: must be an https URL (or http to localhost)',
    ],
    ['endpoints', { polly: 'not a url' }, 'endpoints.polly: must be an https URL'],
    [
      'endpoints',
      { hostedUiBase: 'https://x.example/?q=1' },
      'endpoints.hostedUiBase: must be an https URL',
    ],
    ['s3ForcePathStyle', 'yes', 's3ForcePathStyle: must be true or false'],
    ['region', 42, 'region: must be an AWS region (a string)'],
  ])('refuses a bad %s (%j)', (field, value, message) => {
    const errors = errorsFor({ ...valid, [field]: value });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(message);
  });

  it('names every missing required field', () => {
    expect(errorsFor({})).toEqual([
      'region: is required',
      'userPoolId: is required',
      'userPoolClientId: is required',
      'hostedUiDomain: is required',
      'identityPoolId: is required',
      'bucket: is required',
    ]);
  });

  it('refuses unknown keys, at the top and inside endpoints', () => {
    expect(
      errorsFor({ ...valid, userPool: 'x', endpoints: { sts: 'https://sts.amazonaws.com' } }),
    ).toEqual(['endpoints.sts: is not a known setting', 'userPool: is not a known setting']);
  });

  it('refuses pool ids and a Hosted UI domain from another region', () => {
    expect(errorsFor({ ...valid, region: 'us-east-1' })).toEqual([
      'userPoolId: is in region "eu-west-1" but region is "us-east-1"',
      'identityPoolId: is in region "eu-west-1" but region is "us-east-1"',
      'hostedUiDomain: is in region "eu-west-1" but region is "us-east-1"',
    ]);
  });

  it('allows a custom Hosted UI domain, which carries no region', () => {
    expect(parseShoeboxConfig({ ...valid, hostedUiDomain: 'https://login.example.com' }).ok).toBe(
      true,
    );
  });

  it('refuses something that is not an object', () => {
    expect(errorsFor(null)).toEqual(['config: must be a JSON object']);
    expect(errorsFor([valid])).toEqual(['config: must be a JSON object']);
  });
});
