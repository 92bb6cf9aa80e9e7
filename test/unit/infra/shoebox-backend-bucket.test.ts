import { describe, expect, it } from 'vitest';
import { StackEvaluator } from './evaluate-intrinsics';
import { loadBackendTemplate } from './load-template';

const template = loadBackendTemplate();
const bucketArn = 'arn:aws:s3:::shoebox-photos-1a2b3c';
const stack = new StackEvaluator(template, {
  parameters: { DomainPrefix: 'shoebox-xyz' },
  refs: { PhotoBucket: 'shoebox-photos-1a2b3c', 'AWS::Partition': 'aws' },
  attributes: { 'PhotoBucket.Arn': bucketArn },
});

const bucket = template.Resources.PhotoBucket;
const properties = bucket?.Properties ?? {};

describe('the photo bucket', () => {
  it('is an S3 bucket kept when the stack is deleted or replaced', () => {
    expect(bucket?.Type).toBe('AWS::S3::Bucket');
    expect(bucket?.DeletionPolicy).toBe('Retain');
    expect(bucket?.UpdateReplacePolicy).toBe('Retain');
  });

  it('encrypts at rest', () => {
    const rules = (properties.BucketEncryption as { ServerSideEncryptionConfiguration: unknown[] })
      .ServerSideEncryptionConfiguration;
    expect(rules).toEqual([
      {
        ServerSideEncryptionByDefault: {
          SSEAlgorithm: expect.stringMatching(/^(AES256|aws:kms)$/),
        },
      },
    ]);
  });

  it('can never be made public, and ACLs are off', () => {
    expect(properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(properties.OwnershipControls).toEqual({
      Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }],
    });
    expect(properties.AccessControl).toBeUndefined();
    expect(properties.WebsiteConfiguration).toBeUndefined();
  });

  it('aborts incomplete multipart uploads across the whole bucket within a week', () => {
    const rules = (properties.LifecycleConfiguration as { Rules: Record<string, unknown>[] }).Rules;
    const abort = rules.filter((rule) => rule.AbortIncompleteMultipartUpload !== undefined);
    expect(abort).toHaveLength(1);
    expect(abort[0]).toMatchObject({ Status: 'Enabled' });
    expect(abort[0]?.Prefix ?? '').toBe('');
    expect(abort[0]?.TagFilters).toBeUndefined();
    const days = (abort[0]?.AbortIncompleteMultipartUpload as { DaysAfterInitiation: number })
      .DaysAfterInitiation;
    expect(days).toBeGreaterThanOrEqual(1);
    expect(days).toBeLessThanOrEqual(7);
  });

  it('refuses every request that is not over TLS, and allows nothing by policy', () => {
    const policies = Object.values(template.Resources).filter(
      (r) => r.Type === 'AWS::S3::BucketPolicy',
    );
    expect(policies).toHaveLength(1);
    const policy = stack.evaluate(policies[0]?.Properties) as {
      Bucket: string;
      PolicyDocument: { Statement: Record<string, unknown>[] };
    };
    expect(policy.Bucket).toBe('shoebox-photos-1a2b3c');
    expect(policy.PolicyDocument.Statement).toEqual([
      {
        Sid: expect.any(String),
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ]);
  });
});
