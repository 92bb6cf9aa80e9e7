// Shared set-up for the uploader's integration tests: the local cloud's S3 (optionally behind
// the fault proxy), a client that leaves retries to the uploader, and a request counter.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3ClientConfig } from '@aws-sdk/client-s3';
import { CredentialRegistry } from '../../local-cloud/credential-registry';
import type { IssuedCredentials } from '../../local-cloud/credential-registry';
import { startFaultProxy } from '../../local-cloud/fault-proxy';
import type { RunningFaultProxy } from '../../local-cloud/fault-proxy';
import { s3ClientConfig, startS3 } from '../../local-cloud/s3-server';
import type { RunningS3 } from '../../local-cloud/s3-server';
import { sdkCredentials } from '../local-cloud/credentials';
import type { RetryPolicy } from '../../../main/aws/retry';

export const BUCKET = 'shoebox-uploads';
/** Short waits so retry tests stay quick; the shape of the backoff is unit-tested. */
export const FAST_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 20, maxDelayMs: 200 };

export interface UploadCloud {
  readonly registry: CredentialRegistry;
  readonly s3: RunningS3;
  readonly proxy: RunningFaultProxy;
  readonly credentials: IssuedCredentials;
  readonly identityId: string;
  readonly workDir: string;
  stop(): Promise<void>;
}

/** `registryNow`: the clock the credential registry judges expiry by (the gateway's stays real). */
export async function startUploadCloud(
  options: { registryNow?: () => number } = {},
): Promise<UploadCloud> {
  const registry = new CredentialRegistry(options.registryNow);
  const identityId = `us-east-1:${randomUUID()}`;
  const credentials = registry.issue(identityId, 3600);
  const s3 = await startS3({ bucket: BUCKET, registry });
  const proxy = await startFaultProxy({ target: s3.endpoint });
  const workDir = await mkdtemp(join(tmpdir(), 'shoebox-upload-'));
  return {
    registry,
    s3,
    proxy,
    credentials,
    identityId,
    workDir,
    async stop() {
      await proxy.stop();
      await s3.stop();
      await rm(workDir, { recursive: true, force: true });
    },
  };
}

/** Requests sent through a client, by command name (the uploader retries with a fresh send). */
export type CommandCounts = Map<string, number>;

/** Where a client sends its requests: the gateway, the fault proxy, or any endpoint. */
export type Via = 'gateway' | 'proxy' | { readonly endpoint: string };

/** A client with SDK retries off, so every retry seen is the uploader's own. */
export function makeClient(
  cloud: UploadCloud,
  via: Via = 'gateway',
  credentials: S3ClientConfig['credentials'] = sdkCredentials(cloud.credentials),
): { client: S3Client; counts: CommandCounts } {
  const endpoint =
    via === 'gateway' ? cloud.s3.endpoint : via === 'proxy' ? cloud.proxy.endpoint : via.endpoint;
  const client = new S3Client({
    ...s3ClientConfig(endpoint),
    credentials,
    maxAttempts: 1,
  });
  const counts: CommandCounts = new Map();
  client.middlewareStack.add(
    (next, context) => (args) => {
      const name = context.commandName ?? '?';
      counts.set(name, (counts.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'countCommands' },
  );
  return { client, counts };
}

/** Writes `size` random bytes to a new file in the work dir; returns its path and sha256. */
export async function randomFile(
  cloud: UploadCloud,
  size: number,
): Promise<{ path: string; sha256: string; bytes: Buffer }> {
  const bytes = randomBytes(size);
  const path = join(cloud.workDir, `${randomUUID()}.bin`);
  await writeFile(path, bytes);
  return { path, sha256: sha256Hex(bytes), bytes };
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The object's bytes as S3 serves them back. */
export async function download(client: S3Client, key: string): Promise<Buffer> {
  const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return Buffer.from(await got.Body!.transformToByteArray());
}
