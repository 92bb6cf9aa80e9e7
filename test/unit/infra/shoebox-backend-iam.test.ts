import { describe, expect, it } from 'vitest';
import { StackEvaluator } from './evaluate-intrinsics';
import { loadBackendTemplate } from './load-template';

const template = loadBackendTemplate();
const bucketArn = 'arn:aws:s3:::shoebox-photos-1a2b3c';
const identityPoolId = 'eu-west-1:0a1b2c3d-4e5f-6789-abcd-ef0123456789';
const stackWith = (parameters: Record<string, string>) =>
  new StackEvaluator(template, {
    parameters: { DomainPrefix: 'shoebox-xyz', ...parameters },
    refs: { 'AWS::Region': 'eu-west-1', 'AWS::Partition': 'aws', IdentityPool: identityPoolId },
    attributes: { 'PhotoBucket.Arn': bucketArn },
  });
// A new stack labels in the cloud (the parameter's default); older ones label in the app.
const stack = stackWith({});
const appLabelling = stackWith({ CloudLabelling: 'false' });

interface Statement {
  Sid?: string;
  Effect: string;
  Principal?: unknown;
  Action: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

const list = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

const role = template.Resources.AuthenticatedRole;
const roleProperties = role?.Properties ?? {};

function permissionStatements(evaluator = stack): Statement[] {
  const policies = evaluator.evaluate(roleProperties.Policies) as {
    PolicyDocument: { Version: string; Statement: Statement[] };
  }[];
  return policies.flatMap((policy) => {
    // Policy variables such as ${cognito-identity.amazonaws.com:sub} need this version.
    expect(policy.PolicyDocument.Version).toBe('2012-10-17');
    return policy.PolicyDocument.Statement;
  });
}

const ownPrefix = 'users/${cognito-identity.amazonaws.com:sub}/';

describe('the authenticated role', () => {
  it('is, with the labeller’s role, the only IAM principal the template creates, with no managed policies', () => {
    const iamResources = Object.entries(template.Resources).filter(([, r]) =>
      r.Type.startsWith('AWS::IAM::'),
    );
    expect(iamResources.map(([name, r]) => [name, r.Type])).toEqual([
      ['AuthenticatedRole', 'AWS::IAM::Role'],
      ['LabellerRole', 'AWS::IAM::Role'],
    ]);
    expect(appLabelling.creates('LabellerRole')).toBe(false);
    expect(role?.Type).toBe('AWS::IAM::Role');
    expect(roleProperties.ManagedPolicyArns).toBeUndefined();
  });

  it('trusts only authenticated identities of this identity pool', () => {
    const trust = stack.evaluate(roleProperties.AssumeRolePolicyDocument) as {
      Statement: Statement[];
    };
    expect(trust.Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': identityPoolId },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
        },
      },
    ]);
  });

  it('grants exactly the actions Shoebox needs, and only allows', () => {
    const statements = permissionStatements();
    expect(statements.every((statement) => statement.Effect === 'Allow')).toBe(true);
    expect(statements.every((s) => !('NotAction' in s) && !('NotResource' in s))).toBe(true);
    const actions = statements.flatMap((statement) => list(statement.Action)).sort();
    // Labelling in the cloud: signed-in users cannot call Rekognition themselves.
    expect(actions).toEqual([
      'polly:DescribeVoices',
      'polly:SynthesizeSpeech',
      's3:AbortMultipartUpload',
      's3:DeleteObject',
      's3:GetObject',
      's3:ListBucket',
      's3:ListMultipartUploadParts',
      's3:PutObject',
    ]);
  });

  it('may call DetectLabels when the stack leaves labelling to the app', () => {
    const actions = permissionStatements(appLabelling)
      .flatMap((s) => list(s.Action))
      .sort();
    expect(actions).toEqual([
      'polly:DescribeVoices',
      'polly:SynthesizeSpeech',
      'rekognition:DetectLabels',
      's3:AbortMultipartUpload',
      's3:DeleteObject',
      's3:GetObject',
      's3:ListBucket',
      's3:ListMultipartUploadParts',
      's3:PutObject',
    ]);
  });

  it("scopes object access to the caller's own prefix", () => {
    const objectActions = [
      's3:GetObject',
      's3:PutObject',
      's3:DeleteObject',
      's3:AbortMultipartUpload',
      's3:ListMultipartUploadParts',
    ];
    for (const statement of permissionStatements()) {
      if (!list(statement.Action).some((action) => objectActions.includes(action))) continue;
      expect(list(statement.Action).every((action) => objectActions.includes(action))).toBe(true);
      expect(list(statement.Resource)).toEqual([`${bucketArn}/${ownPrefix}*`]);
      expect(statement.Condition).toBeUndefined();
    }
  });

  it('lists the bucket only under the caller’s own prefix', () => {
    const listing = permissionStatements().filter((s) => list(s.Action).includes('s3:ListBucket'));
    expect(listing).toHaveLength(1);
    expect(list(listing[0]?.Action)).toEqual(['s3:ListBucket']);
    expect(list(listing[0]?.Resource)).toEqual([bucketArn]);
    expect(listing[0]?.Condition).toEqual({
      StringLike: { 's3:prefix': [ownPrefix, `${ownPrefix}*`] },
    });
  });

  it('calls Rekognition and Polly without touching anything else', () => {
    for (const statement of permissionStatements(appLabelling)) {
      const services = new Set(list(statement.Action).map((action) => action.split(':')[0]));
      if (services.has('rekognition') || services.has('polly')) {
        expect(services.has('s3')).toBe(false);
        expect(list(statement.Resource)).toEqual(['*']);
        expect(statement.Condition).toBeUndefined();
      }
    }
  });
});
