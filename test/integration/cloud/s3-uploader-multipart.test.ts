import { HeadObjectCommand, NoSuchUpload } from '@aws-sdk/client-s3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCatalog } from '../../../main/catalog/open-catalog';
import { MemoryPartLedger } from '../../support/memory-part-ledger';
import type { LedgerPart, PartLedger } from '../../../main/catalog/part-ledger';
import { originalKey } from '../../../main/model/photo-keys';
import { uploadFile } from '../../../main/upload/upload-file';
import { SqlitePartLedger } from '../../../main/catalog/sqlite-part-ledger';
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

const MiB = 1024 * 1024;
let cloud: UploadCloud;
beforeAll(async () => {
  cloud = await startUploadCloud();
});
afterAll(async () => {
  await cloud?.stop();
});

describe('uploadFile, multipart path', () => {
  it('completes a 48 MiB upload through connections cut mid-part, byte-identical', async () => {
    const { client, counts } = makeClient(cloud, 'proxy');
    const f = await randomFile(cloud, 48 * MiB);
    const key = originalKey(cloud.identityId, f.sha256, 'tif');
    const droppedBefore = cloud.proxy.counters.dropped;
    // The next 4 requests die after 3 MiB of body: HEAD and CreateMultipartUpload send none and
    // pass, so two UploadParts are cut mid-way and must be sent again.
    cloud.proxy.knobs.dropConnectionsAfterBytes(3 * MiB, 4, 'request');
    const progress: number[] = [];
    const ledger = new MemoryPartLedger();
    const result = await uploadFile({
      s3: client,
      bucket: BUCKET,
      key,
      file: f.path,
      size: f.bytes.length,
      sha256: f.sha256,
      contentType: 'image/tiff',
      ledger,
      retry: FAST_RETRY,
      onProgress: (n) => progress.push(n),
    });
    cloud.proxy.knobs.reset();
    expect(result.status).toBe('uploaded');
    expect(cloud.proxy.counters.dropped - droppedBefore).toBe(2);
    expect(counts.get('CreateMultipartUploadCommand')).toBe(1);
    expect(counts.get('UploadPartCommand')).toBe(6 + 2);
    expect(counts.get('CompleteMultipartUploadCommand')).toBe(1);
    expect(progress.at(-1)).toBe(48 * MiB);
    expect(await ledger.load(key)).toBeNull();
    const back = await download(makeClient(cloud).client, key);
    expect(back.length).toBe(f.bytes.length);
    expect(sha256Hex(back)).toBe(f.sha256);
    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(head.Metadata).toEqual({ sha256: f.sha256 });
    expect(head.ContentType).toBe('image/tiff');
  });

  it('resumes after an abort, sending only the parts the ledger lacks', async () => {
    const f = await randomFile(cloud, 40 * MiB + 123);
    const key = originalKey(cloud.identityId, f.sha256, 'png');
    const catalogPath = join(cloud.workDir, 'catalog.sqlite');
    const controller = new AbortController();
    const firstCatalog = openCatalog(catalogPath);
    const fileLedger = new SqlitePartLedger(firstCatalog);
    let recorded = 0;
    // Abort the moment the second part is safely in the ledger, with the others in flight.
    const abortingLedger: PartLedger = {
      load: (k) => fileLedger.load(k),
      begin: (k, id) => fileLedger.begin(k, id),
      finish: (k) => fileLedger.finish(k),
      async recordPart(k: string, part: LedgerPart) {
        await fileLedger.recordPart(k, part);
        recorded += 1;
        if (recorded === 2) controller.abort();
      },
    };
    const options = {
      bucket: BUCKET,
      key,
      file: f.path,
      size: f.bytes.length,
      sha256: f.sha256,
      contentType: 'image/png',
      retry: FAST_RETRY,
      partConcurrency: 2,
    };
    const first = makeClient(cloud);
    await expect(
      uploadFile({
        ...options,
        s3: first.client,
        ledger: abortingLedger,
        signal: controller.signal,
      }),
    ).rejects.toMatchObject({ name: 'UploadError', code: 'upload-aborted' });
    // Promptly: no part starts after the abort; at most the two in flight were cut.
    expect(first.counts.get('UploadPartCommand')).toBeLessThanOrEqual(4);

    // A fresh connection to the same catalog, as after a restart of the app.
    firstCatalog.close();
    const catalog = openCatalog(catalogPath);
    const ledger = new SqlitePartLedger(catalog);
    const saved = await ledger.load(key);
    expect(saved).not.toBeNull();
    const savedParts = saved!.parts.length;
    expect(savedParts).toBeGreaterThanOrEqual(2);
    expect(savedParts).toBeLessThan(6);

    const second = makeClient(cloud);
    const result = await uploadFile({ ...options, s3: second.client, ledger });
    expect(result.status).toBe('uploaded');
    expect(second.counts.get('CreateMultipartUploadCommand')).toBeUndefined();
    // The parts the ledger lacks, less any S3 stored before the abort cut their answers (found
    // with ListParts; at most the two that were in flight).
    expect(second.counts.get('ListPartsCommand')).toBe(1);
    expect(second.counts.get('UploadPartCommand')).toBeLessThanOrEqual(6 - savedParts);
    expect(second.counts.get('UploadPartCommand')).toBeGreaterThanOrEqual(4 - savedParts);
    expect(await ledger.load(key)).toBeNull();
    catalog.close();
    const back = await download(second.client, key);
    expect(back.length).toBe(f.bytes.length);
    expect(sha256Hex(back)).toBe(f.sha256);
  });

  it('starts over cleanly when S3 no longer knows the ledger’s upload id', async () => {
    const { client, counts } = makeClient(cloud);
    // s3rver accepts parts for any upload id, so answer NoSuchUpload for the stale id here,
    // as S3 does once an upload was aborted or expired by a lifecycle rule.
    client.middlewareStack.add(
      (next) => (args) => {
        const input = args.input as { UploadId?: string };
        if (input.UploadId === 'expired-upload') {
          throw new NoSuchUpload({
            message: 'The specified upload does not exist.',
            $metadata: { httpStatusCode: 404 },
          });
        }
        return next(args);
      },
      { step: 'initialize', name: 'expiredUpload' },
    );
    const f = await randomFile(cloud, 17 * MiB);
    const key = originalKey(cloud.identityId, f.sha256, 'avif');
    const ledger = new MemoryPartLedger();
    await ledger.begin(key, 'expired-upload');
    // The part's own hash: the ledger is right about the file, S3 has forgotten the upload.
    await ledger.recordPart(key, {
      partNumber: 1,
      etag: '"x"',
      size: 8 * MiB,
      sha256: sha256Hex(f.bytes.subarray(0, 8 * MiB)),
    });
    const result = await uploadFile({
      s3: client,
      bucket: BUCKET,
      key,
      file: f.path,
      size: f.bytes.length,
      sha256: f.sha256,
      contentType: 'image/avif',
      ledger,
      retry: FAST_RETRY,
    });
    expect(result.status).toBe('uploaded');
    expect(counts.get('CreateMultipartUploadCommand')).toBe(1);
    expect(await ledger.load(key)).toBeNull();
    expect(sha256Hex(await download(client, key))).toBe(f.sha256);
  });

  it('completes nothing when the file read as parts is not the catalog’s, and aborts the upload', async () => {
    const { client, counts } = makeClient(cloud);
    const f = await randomFile(cloud, 17 * MiB);
    const key = originalKey(cloud.identityId, f.sha256, 'jpg');
    const ledger = new MemoryPartLedger();
    const abortedBefore = cloud.s3.abortedUploads.length;
    await expect(
      uploadFile({
        s3: client,
        bucket: BUCKET,
        key,
        file: f.path,
        size: f.bytes.length,
        // What the catalog says the file is; the file on disk is other bytes of the same size.
        sha256: sha256Hex(Buffer.from('another photo')),
        contentType: 'image/jpeg',
        ledger,
        retry: FAST_RETRY,
      }),
    ).rejects.toMatchObject({ name: 'UploadError', code: 'upload-file-changed' });
    expect(counts.get('UploadPartCommand')).toBe(3);
    expect(counts.get('CompleteMultipartUploadCommand')).toBeUndefined();
    expect(cloud.s3.abortedUploads.length - abortedBefore).toBe(1);
    expect(await ledger.load(key)).toBeNull();
    await expect(
      client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key })),
    ).rejects.toMatchObject({ name: 'NotFound' });
  });

  it('starts over when a part the ledger lists was sent with bytes the file no longer has', async () => {
    const { client, counts } = makeClient(cloud);
    const f = await randomFile(cloud, 17 * MiB);
    const key = originalKey(cloud.identityId, f.sha256, 'heic');
    const ledger = new MemoryPartLedger();
    await ledger.begin(key, 'stale-upload');
    await ledger.recordPart(key, {
      partNumber: 1,
      etag: '"x"',
      size: 8 * MiB,
      sha256: '0'.repeat(64),
    });
    const result = await uploadFile({
      s3: client,
      bucket: BUCKET,
      key,
      file: f.path,
      size: f.bytes.length,
      sha256: f.sha256,
      contentType: 'image/heic',
      ledger,
      retry: FAST_RETRY,
    });
    expect(result.status).toBe('uploaded');
    expect(cloud.s3.abortedUploads).toContain('stale-upload');
    expect(counts.get('CreateMultipartUploadCommand')).toBe(1);
    expect(counts.get('UploadPartCommand')).toBe(3);
    expect(await ledger.load(key)).toBeNull();
    expect(sha256Hex(await download(client, key))).toBe(f.sha256);
  });

  it('refuses a part whose bytes were changed in flight, and records no such part', async () => {
    const { client } = makeClient(cloud);
    client.middlewareStack.add(
      (next, context) => (args) => {
        const request = args.request as { body?: unknown };
        if (context.commandName === 'UploadPartCommand' && request.body instanceof Uint8Array) {
          const corrupted = Buffer.from(request.body);
          corrupted[0] = (corrupted[0] ?? 0) ^ 0x01;
          request.body = corrupted;
        }
        return next(args);
      },
      { step: 'deserialize', priority: 'low', name: 'corruptParts' },
    );
    const f = await randomFile(cloud, 17 * MiB);
    const key = originalKey(cloud.identityId, f.sha256, 'jpg');
    const ledger = new MemoryPartLedger();
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
        ledger,
        retry: FAST_RETRY,
      }),
    ).rejects.toMatchObject({ name: 'XAmzContentSHA256Mismatch' });
    // Three parts, each refused once and never retried.
    expect(cloud.s3.counters.refused - refusedBefore).toBe(3);
    expect((await ledger.load(key))!.parts).toEqual([]);
  });
});
