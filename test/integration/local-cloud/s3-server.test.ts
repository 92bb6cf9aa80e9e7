import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialRegistry } from '../../local-cloud/credential-registry';
import { s3ClientConfig, startS3 } from '../../local-cloud/s3-server';
import type { RunningS3 } from '../../local-cloud/s3-server';
import { presignGet } from './presign-get';

const BUCKET = 'shoebox-test';
const registry = new CredentialRegistry();
const creds = registry.issue('us-east-1:alice', 3600);
let s3: RunningS3;

function client(
  overrides: Partial<{
    endpoint: string;
    secret: string;
    sessionToken: string;
    accessKeyId: string;
    systemClockOffset: number;
  }> = {},
): S3Client {
  return new S3Client({
    ...s3ClientConfig(overrides.endpoint ?? s3.endpoint),
    credentials: {
      accessKeyId: overrides.accessKeyId ?? creds.accessKeyId,
      secretAccessKey: overrides.secret ?? creds.secretAccessKey,
      sessionToken: overrides.sessionToken ?? creds.sessionToken,
    },
    maxAttempts: 1,
    systemClockOffset: overrides.systemClockOffset ?? 0,
  });
}

beforeAll(async () => {
  s3 = await startS3({ bucket: BUCKET, registry });
});
afterAll(async () => {
  await s3?.stop();
});

describe('S3 (s3rver behind the SigV4 gateway)', () => {
  it('puts, heads and gets an object with metadata', async () => {
    const c = client();
    const key = 'users/us-east-1:alice/originals/a b+c.jpg';
    await c.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: key,
        Body: Buffer.from('hello'),
        ContentType: 'image/jpeg',
        Metadata: { taken: '2024' },
      }),
    );
    const head = await c.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(head.ContentLength).toBe(5);
    expect(head.Metadata).toEqual({ taken: '2024' });
    const got = await c.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(await got.Body!.transformToString()).toBe('hello');
  });

  it('lists with pagination (continuation tokens need the legacy OpenSSL provider)', async () => {
    const c = client();
    const prefix = 'users/us-east-1:alice/page/';
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        c.send(
          new PutObjectCommand({
            Bucket: BUCKET,
            Key: `${prefix}${String(i).padStart(3, '0')}`,
            Body: 'x',
          }),
        ),
      ),
    );
    const keys: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await c.send(
        new ListObjectsV2Command({
          Bucket: BUCKET,
          Prefix: prefix,
          MaxKeys: 10,
          ContinuationToken: token,
        }),
      );
      pages += 1;
      keys.push(...(page.Contents ?? []).map((o) => o.Key!));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    expect(pages).toBe(3);
    expect(keys).toHaveLength(25);
    expect(new Set(keys).size).toBe(25);
  });

  it('completes a multipart upload', async () => {
    const c = client();
    const key = 'users/us-east-1:alice/originals/big.bin';
    const part1 = Buffer.alloc(5 * 1024 * 1024, 1);
    const part2 = Buffer.from('tail');
    const { UploadId } = await c.send(
      new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }),
    );
    const e1 = await c.send(
      new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: 1, Body: part1 }),
    );
    const e2 = await c.send(
      new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: 2, Body: part2 }),
    );
    await c.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: key,
        UploadId,
        MultipartUpload: {
          Parts: [
            { PartNumber: 1, ETag: e1.ETag },
            { PartNumber: 2, ETag: e2.ETag },
          ],
        },
      }),
    );
    const head = await c.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(head.ContentLength).toBe(part1.length + part2.length);
  });

  it('serves presigned GETs and refuses expired ones', async () => {
    const c = client();
    const key = 'users/us-east-1:alice/thumbs/p.webp';
    await c.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'thumb' }));
    const url = await presignGet(s3.endpoint, BUCKET, key, creds, { expiresIn: 60 });
    expect(await (await fetch(url)).text()).toBe('thumb');
    const tampered = url.replace('thumbs/p.webp', 'thumbs/q.webp');
    expect((await fetch(tampered)).status).toBe(403);
    const old = await presignGet(s3.endpoint, BUCKET, key, creds, {
      expiresIn: 60,
      signingDate: new Date(Date.now() - 120_000),
    });
    const refused = await fetch(old);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Request has expired');
  });

  it('refuses what S3 refuses: unknown key, wrong secret, wrong token, expired, skewed clock', async () => {
    const put = (c: S3Client) =>
      c.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'users/x/k', Body: 'x' }));
    await expect(put(client({ accessKeyId: 'ASIAUNKNOWN' }))).rejects.toMatchObject({
      name: 'InvalidAccessKeyId',
    });
    await expect(put(client({ secret: 'wrong' }))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
    });
    await expect(put(client({ sessionToken: 'stolen' }))).rejects.toMatchObject({
      name: 'InvalidToken',
    });
    await expect(put(client({ systemClockOffset: 10 * 60_000 }))).rejects.toMatchObject({
      name: 'RequestTimeTooSkewed',
    });
    let now = Date.now();
    const clocked = new CredentialRegistry(() => now);
    const short = clocked.issue('us-east-1:bob', 60);
    const s3b = await startS3({ bucket: 'b2', registry: clocked });
    try {
      const c = new S3Client({
        ...s3ClientConfig(s3b.endpoint),
        credentials: short,
        maxAttempts: 1,
      });
      await c.send(new PutObjectCommand({ Bucket: 'b2', Key: 'k', Body: 'x' }));
      now += 61_000;
      await expect(
        c.send(new PutObjectCommand({ Bucket: 'b2', Key: 'k', Body: 'x' })),
      ).rejects.toMatchObject({ name: 'ExpiredToken' });
    } finally {
      await s3b.stop();
    }
    const anonymous = await fetch(`${s3.endpoint}/${BUCKET}/users/x/k`);
    expect(anonymous.status).toBe(403);
    expect(s3.counters.refused).toBeGreaterThanOrEqual(5);
  });
});
