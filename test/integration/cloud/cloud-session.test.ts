import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCloudSession } from '../../../main/aws/cloud-session';
import type { ShoeboxConfig } from '../../../main/config/shoebox-config';
import { configFor, startLocalCloud, type LocalCloud } from '../../local-cloud/start-local-cloud';
import { mintIdToken } from '../voice/voice-fixture';

describe('createCloudSession against the local cloud', () => {
  let cloud: LocalCloud;
  let config: ShoeboxConfig;
  let idToken: string;

  beforeAll(async () => {
    cloud = await startLocalCloud();
    config = configFor(cloud);
    idToken = await mintIdToken(cloud, 'Alice');
  });
  afterAll(async () => {
    await cloud?.stop();
  });

  it('renews credentials on demand, for S3 and Rekognition alike, and goes on with them', async () => {
    const session = createCloudSession(config, async () => idToken);
    const calls = cloud.identity.knobs.calls;
    try {
      const identityId = await session.identityId();
      const key = `users/${identityId}/probe.txt`;
      await session.s3.send(new PutObjectCommand({ Bucket: config.bucket, Key: key, Body: 'x' }));
      const before = calls.GetCredentialsForIdentity;
      const old = await (await session.s3.client()).config.credentials();
      // Both clients hold the old credentials (each memoizes them) before the renewal.
      expect((await (await session.rekognition.client()).config.credentials()).accessKeyId).toBe(
        old.accessKeyId,
      );

      await session.renewCredentials!();

      expect(calls.GetCredentialsForIdentity).toBe(before + 1);
      const renewed = await (await session.s3.client()).config.credentials();
      expect(renewed.accessKeyId).not.toBe(old.accessKeyId);
      expect((await (await session.rekognition.client()).config.credentials()).accessKeyId).toBe(
        renewed.accessKeyId,
      );
      expect(await session.identityId()).toBe(identityId);
      expect(calls.GetCredentialsForIdentity).toBe(before + 1); // the renewed ones are shared
      const head = await session.s3.send(
        new HeadObjectCommand({ Bucket: config.bucket, Key: key }),
      );
      expect(head.ContentLength).toBe(1);
    } finally {
      session.dispose();
    }
  });

  it('sends a body of several MB without Expect: 100-continue, so on its kept-alive connections', async () => {
    const session = createCloudSession(config, async () => idToken);
    try {
      const client = await session.s3.client();
      const sent: Record<string, string>[] = [];
      // After the SDK's own middleware has set every header (Expect is set while building).
      client.middlewareStack.add(
        (next) => (args) => {
          sent.push({ ...(args.request as { headers: Record<string, string> }).headers });
          return next(args);
        },
        { step: 'finalizeRequest', name: 'recordHeaders', priority: 'low' },
      );
      const key = `users/${await session.identityId()}/big.bin`;
      const body = Buffer.alloc(4 * 1024 * 1024, 7);
      await session.s3.send(new PutObjectCommand({ Bucket: config.bucket, Key: key, Body: body }));

      expect(sent).toHaveLength(1);
      expect(Object.keys(sent[0]!).map((name) => name.toLowerCase())).not.toContain('expect');
      const head = await session.s3.send(
        new HeadObjectCommand({ Bucket: config.bucket, Key: key }),
      );
      expect(head.ContentLength).toBe(body.length);
    } finally {
      session.dispose();
    }
  });
});
