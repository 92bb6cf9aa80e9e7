import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialRegistry } from '../../local-cloud/credential-registry';
import { startFaultProxy } from '../../local-cloud/fault-proxy';
import type { RunningFaultProxy } from '../../local-cloud/fault-proxy';
import { s3ClientConfig, startS3 } from '../../local-cloud/s3-server';
import type { RunningS3 } from '../../local-cloud/s3-server';
import { sdkCredentials } from './credentials';

const BUCKET = 'faulty';
const registry = new CredentialRegistry();
const creds = registry.issue('us-east-1:carol', 3600);
let s3: RunningS3;
let proxy: RunningFaultProxy;

const client = (maxAttempts = 1) =>
  new S3Client({
    ...s3ClientConfig(proxy.endpoint),
    credentials: sdkCredentials(creds),
    maxAttempts,
  });
const body = Buffer.alloc(256 * 1024, 7);

beforeAll(async () => {
  s3 = await startS3({ bucket: BUCKET, registry });
  proxy = await startFaultProxy({ target: s3.endpoint });
  await client().send(new PutObjectCommand({ Bucket: BUCKET, Key: 'big', Body: body }));
});
afterAll(async () => {
  await proxy?.stop();
  await s3?.stop();
});

describe('fault proxy in front of S3', () => {
  it('passes signed requests through unchanged', async () => {
    const got = await client().send(new GetObjectCommand({ Bucket: BUCKET, Key: 'big' }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true);
    expect(proxy.counters.bytesFromTarget).toBeGreaterThanOrEqual(body.length);
  });

  it('answers 503 SlowDown / 500 InternalError for the next N requests', async () => {
    const failedBefore = proxy.counters.failed;
    proxy.knobs.failNext(503, 1);
    await expect(
      client().send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'big' })),
    ).rejects.toMatchObject({
      $metadata: { httpStatusCode: 503 },
    });
    proxy.knobs.failNext(503, 1);
    await expect(
      client().send(new GetObjectCommand({ Bucket: BUCKET, Key: 'big' })),
    ).rejects.toMatchObject({ name: 'SlowDown' });
    const before = proxy.counters.requests;
    proxy.knobs.failNext(500, 2);
    await client(3).send(new PutObjectCommand({ Bucket: BUCKET, Key: 'retried', Body: 'ok' }));
    expect(proxy.counters.requests - before).toBe(3);
    expect(proxy.counters.failed - failedBefore).toBe(4);
  });

  it('drops connections before the answer and mid-download', async () => {
    proxy.knobs.dropConnectionsAfterBytes(0, 1);
    await expect(
      client().send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'big' })),
    ).rejects.toThrow();
    proxy.knobs.dropConnectionsAfterBytes(10_000, 1);
    await expect(
      client()
        .send(new GetObjectCommand({ Bucket: BUCKET, Key: 'big' }))
        .then((out) => out.Body!.transformToByteArray()),
    ).rejects.toThrow();
    expect(proxy.counters.dropped).toBe(2);
  });

  it('drops connections mid-upload; the object is not stored, and a retry gets through', async () => {
    const dropped = proxy.counters.dropped;
    proxy.knobs.dropConnectionsAfterBytes(64 * 1024, 1, 'request');
    await expect(
      client().send(new PutObjectCommand({ Bucket: BUCKET, Key: 'upload', Body: body })),
    ).rejects.toThrow();
    expect(proxy.counters.dropped).toBe(dropped + 1);
    await expect(
      client().send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'upload' })),
    ).rejects.toMatchObject({ name: 'NotFound' });
    proxy.knobs.dropConnectionsAfterBytes(64 * 1024, 1, 'request');
    await client(2).send(new PutObjectCommand({ Bucket: BUCKET, Key: 'upload', Body: body }));
    expect(
      (await client().send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'upload' }))).ContentLength,
    ).toBe(body.length);
  });
});
