import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryPartLedger } from '../../support/memory-part-ledger';
import { originalKey } from '../../../main/model/photo-keys';
import { uploadFile } from '../../../main/upload/upload-file';
import {
  BUCKET,
  FAST_RETRY,
  download,
  makeClient,
  randomFile,
  sha256Hex,
  startUploadCloud,
} from './upload-fixture';
import type { UploadCloud } from './upload-fixture';

let cloud: UploadCloud;
beforeAll(async () => {
  cloud = await startUploadCloud();
});
afterAll(async () => {
  await cloud?.stop();
});

describe('uploadFile, single-request path', () => {
  it('uploads 40 photos that download back byte-identical, with their sha256 metadata', async () => {
    const { client, counts } = makeClient(cloud);
    // What each PutObject was signed with as its payload hash, after signing.
    const signedHashes = new Map<string, string>();
    client.middlewareStack.add(
      (next) => (args) => {
        const request = args.request as { path: string; headers: Record<string, string> };
        signedHashes.set(
          decodeURIComponent(request.path),
          request.headers['x-amz-content-sha256']!,
        );
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low', name: 'recordPayloadHash' },
    );
    const files = await Promise.all(
      Array.from({ length: 40 }, (_, i) => randomFile(cloud, 200 * 1024 + i)),
    );
    const keys = files.map((f) => originalKey(cloud.identityId, f.sha256, 'jpg'));
    const ledger = new MemoryPartLedger();
    const statuses = await Promise.all(
      files.map((f, i) =>
        uploadFile({
          s3: client,
          bucket: BUCKET,
          key: keys[i]!,
          file: f.path,
          size: f.bytes.length,
          sha256: f.sha256,
          contentType: 'image/jpeg',
          ledger,
          retry: FAST_RETRY,
        }),
      ),
    );
    expect(statuses.every((s) => s.status === 'uploaded')).toBe(true);
    expect(counts.get('PutObjectCommand')).toBe(40);
    expect(counts.get('CreateMultipartUploadCommand')).toBeUndefined();
    for (const [i, f] of files.entries()) {
      // The hash S3 checks the body against is the file's own: a 200 proves the bytes.
      expect(signedHashes.get(`/${BUCKET}/${keys[i]!}`)).toBe(f.sha256);
      const back = await download(client, keys[i]!);
      expect(sha256Hex(back)).toBe(f.sha256);
      expect(back.equals(f.bytes)).toBe(true);
    }
    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: keys[0]! }));
    expect(head.Metadata).toEqual({ sha256: files[0]!.sha256 });
    expect(head.ContentType).toBe('image/jpeg');
  });

  it('answers already-there for the same bytes, sending no PutObject', async () => {
    const { client, counts } = makeClient(cloud);
    const f = await randomFile(cloud, 150 * 1024);
    const options = {
      s3: client,
      bucket: BUCKET,
      key: originalKey(cloud.identityId, f.sha256, 'png'),
      file: f.path,
      size: f.bytes.length,
      sha256: f.sha256,
      contentType: 'image/png',
      ledger: new MemoryPartLedger(),
      retry: FAST_RETRY,
    };
    expect(await uploadFile(options)).toEqual({ status: 'uploaded' });
    const gatewayBefore = cloud.s3.counters.requests;
    const progress: number[] = [];
    expect(await uploadFile({ ...options, onProgress: (n) => progress.push(n) })).toEqual({
      status: 'already-there',
    });
    expect(counts.get('PutObjectCommand')).toBe(1);
    // The check of the first upload (its PUT's 200 is the verification), the check of the second.
    expect(counts.get('HeadObjectCommand')).toBe(2);
    expect(cloud.s3.counters.requests - gatewayBefore).toBe(1); // the HeadObject alone
    expect(progress).toEqual([f.bytes.length]);
  });

  it('uploads again when a different object sits at the key (wrong size or sha256)', async () => {
    const { client, counts } = makeClient(cloud);
    const f = await randomFile(cloud, 64 * 1024);
    const key = originalKey(cloud.identityId, f.sha256, 'gif');
    const other = await randomFile(cloud, 64 * 1024);
    const base = { s3: client, bucket: BUCKET, key, contentType: 'image/gif', retry: FAST_RETRY };
    // Simulate a broken earlier object at this key: other bytes, claiming this sha256.
    await uploadFile({
      ...base,
      file: other.path,
      size: other.bytes.length,
      sha256: other.sha256,
      ledger: new MemoryPartLedger(),
    });
    const result = await uploadFile({
      ...base,
      file: f.path,
      size: f.bytes.length,
      sha256: f.sha256,
      ledger: new MemoryPartLedger(),
    });
    expect(result.status).toBe('uploaded');
    expect(counts.get('PutObjectCommand')).toBe(2);
    expect((await download(client, key)).equals(f.bytes)).toBe(true);
  });

  it('retries SlowDown and InternalError answers, on the check and on the put', async () => {
    const { client, counts } = makeClient(cloud, 'proxy');
    // Arm the faults when the first PutObject attempt starts, so the put's own attempts meet them.
    let armed = false;
    client.middlewareStack.add(
      (next, context) => (args) => {
        if (context.commandName === 'PutObjectCommand' && !armed) {
          armed = true;
          cloud.proxy.knobs.failNext(503, 2);
        }
        return next(args);
      },
      { step: 'initialize', name: 'failPuts' },
    );
    const f = await randomFile(cloud, 32 * 1024);
    const key = originalKey(cloud.identityId, f.sha256, 'webp');
    const failedBefore = cloud.proxy.counters.failed;
    const requestsBefore = cloud.proxy.counters.requests;
    cloud.proxy.knobs.failNext(500, 1);
    const result = await uploadFile({
      s3: client,
      bucket: BUCKET,
      key,
      file: f.path,
      size: f.bytes.length,
      sha256: f.sha256,
      contentType: 'image/webp',
      ledger: new MemoryPartLedger(),
      retry: FAST_RETRY,
    });
    expect(result.status).toBe('uploaded');
    expect(counts.get('PutObjectCommand')).toBe(3); // each retry is a fresh send
    expect(cloud.proxy.counters.failed - failedBefore).toBe(3);
    // HEAD twice (500, then 404), PUT three times (503, 503, 200); S3's 200 is the verification.
    expect(cloud.proxy.counters.requests - requestsBefore).toBe(5);
    expect((await download(makeClient(cloud).client, key)).equals(f.bytes)).toBe(true);
  });

  it('refuses a file whose bytes no longer match the sha256 it claims', async () => {
    const { client, counts } = makeClient(cloud);
    const f = await randomFile(cloud, 10 * 1024);
    await expect(
      uploadFile({
        s3: client,
        bucket: BUCKET,
        key: originalKey(cloud.identityId, 'f'.repeat(64), 'jpg'),
        file: f.path,
        size: f.bytes.length,
        sha256: 'f'.repeat(64),
        contentType: 'image/jpeg',
        ledger: new MemoryPartLedger(),
      }),
    ).rejects.toMatchObject({ code: 'upload-file-changed' });
    expect(counts.get('PutObjectCommand')).toBeUndefined();
  });
});

describe('integrity: a body changed in flight is refused, not stored', () => {
  it('refuses a PutObject whose bytes differ from the signed payload hash, without retrying', async () => {
    const { client } = makeClient(cloud);
    // Runs after signing (finalizeRequest) and right before the bytes go out: flips one byte
    // of the body, as a bad NIC, proxy or disk read would.
    client.middlewareStack.add(
      (next) => (args) => {
        const request = args.request as { body?: unknown };
        if (request.body instanceof Uint8Array) {
          const corrupted = Buffer.from(request.body);
          corrupted[1000] = (corrupted[1000] ?? 0) ^ 0xff;
          request.body = corrupted;
        }
        return next(args);
      },
      { step: 'deserialize', priority: 'low', name: 'corruptBody' },
    );
    const f = await randomFile(cloud, 50 * 1024);
    const key = originalKey(cloud.identityId, f.sha256, 'jpg');
    const refusedBefore = cloud.s3.counters.refused;
    await expect(
      uploadFile({
        s3: client,
        bucket: BUCKET,
        key,
        file: f.path,
        size: f.bytes.length,
        sha256: f.sha256,
        contentType: 'image/jpeg',
        ledger: new MemoryPartLedger(),
        retry: FAST_RETRY,
      }),
    ).rejects.toMatchObject({ name: 'XAmzContentSHA256Mismatch' });
    expect(cloud.s3.counters.refused - refusedBefore).toBe(1);
    await expect(
      makeClient(cloud).client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key })),
    ).rejects.toMatchObject({ name: 'NotFound' });
  });
});
