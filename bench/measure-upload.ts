import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { originalFile } from '../main/library/library-paths';
import {
  BUCKET,
  makeClient,
  startUploadCloud,
  type UploadCloud,
} from '../test/integration/cloud/upload-fixture';
import {
  addRawPhoto,
  openLibrary,
  queueFor,
  sessionFor,
  type TestLibrary,
} from '../test/integration/cloud/upload-queue-fixture';
import { round, type Figure } from './figures';

const MiB = 1024 * 1024;

/**
 * Upload throughput to the local cloud's S3 (s3rver behind the SigV4-checking gateway) through
 * the upload queue as the app runs it (catalog jobs, part ledger, HeadObject dedupe, Content-MD5,
 * verification, thumbnail and metadata document beside each original): 64 × 4 MB photos, then
 * one 256 MB file, each as a ratio to raw PutObject streams of the same originals to the same
 * server in the same run.
 */
export async function measureUpload(work: string): Promise<Figure[]> {
  const cloud = await startUploadCloud();
  const raw = makeClient(cloud).client;
  try {
    const photos = await measureOne(cloud, raw, join(work, 'upload-photos'), 64, 4 * MiB);
    const big = await measureOne(cloud, raw, join(work, 'upload-big'), 1, 256 * MiB);
    const mbps = (bytes: number, ms: number) => round(bytes / MiB / (ms / 1000), 1);
    return [
      {
        name: 'upload.photos-ratio',
        value: round(photos.rawMs / photos.queueMs, 2),
        unit: 'ratio',
        what: 'Upload of 64 × 4 MB photos (queue, with thumbnails and metadata) vs raw PutObject',
        goal: '≥ 0.5',
        baseline: {
          name: 'raw.put-photos',
          value: mbps(photos.bytes, photos.rawMs),
          unit: 'MiB/s',
        },
      },
      {
        name: 'upload.photos-throughput',
        value: mbps(photos.bytes, photos.queueMs),
        unit: 'MiB/s',
        what: 'Upload throughput, 64 × 4 MB photos',
      },
      {
        name: 'upload.big-file-ratio',
        value: round(big.rawMs / big.queueMs, 2),
        unit: 'ratio',
        what: 'Upload of one 256 MB file (multipart) vs one raw PutObject stream',
        goal: '≥ 0.65',
        baseline: { name: 'raw.put-big', value: mbps(big.bytes, big.rawMs), unit: 'MiB/s' },
      },
      {
        name: 'upload.big-file-throughput',
        value: mbps(big.bytes, big.queueMs),
        unit: 'MiB/s',
        what: 'Upload throughput, one 256 MB file',
      },
    ];
  } finally {
    raw.destroy();
    await cloud.stop();
  }
}

/** Puts `count` files of `size` bytes raw, then through a fresh library's upload queue. */
async function measureOne(
  cloud: UploadCloud,
  raw: S3Client,
  root: string,
  count: number,
  size: number,
): Promise<{ rawMs: number; queueMs: number; bytes: number }> {
  const library = openLibrary(root);
  const { session } = sessionFor(cloud);
  try {
    const added: { sha256: string }[] = [];
    for (let i = 0; i < count; i++) added.push(await addRawPhoto(library, size, `p${i}.jpg`));
    const rawMs = await timed(async () => {
      for (const photo of added) await putRaw(raw, library, photo.sha256);
    });
    const queue = queueFor(library, session);
    const queueMs = await timed(async () => {
      queue.enqueueAllLocal();
      await queue.whenIdle();
    });
    const status = queue.status();
    if (status.uploaded !== count) {
      throw new Error(`bench uploaded ${status.uploaded} of ${count} (${status.message ?? ''})`);
    }
    return { rawMs, queueMs, bytes: count * size };
  } finally {
    await library.close();
    session.dispose();
  }
}

/** The baseline: one plain PutObject of the original, streamed from disk, to a key of its own. */
async function putRaw(client: S3Client, library: TestLibrary, sha256: string): Promise<void> {
  const file = originalFile(library.paths, sha256, 'jpg');
  const { size } = await stat(file);
  await client.send(
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: `raw/${sha256}`,
      Body: createReadStream(file),
      ContentLength: size,
    }),
  );
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}
