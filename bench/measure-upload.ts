import { randomBytes, createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { uploadFile } from '../main/cloud/s3-uploader';
import { MemoryPartLedger } from '../main/cloud/part-ledger';
import { CredentialRegistry } from '../test/local-cloud/credential-registry';
import { s3ClientConfig, startS3 } from '../test/local-cloud/s3-server';
import { round, type Figure } from './figures';

const MiB = 1024 * 1024;
const bucket = 'shoebox-bench';

interface BenchFile {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

/**
 * Upload throughput to the local cloud's S3 (s3rver behind the SigV4-checking gateway): 64 × 4 MB
 * photos and one 256 MB file through Shoebox's uploader, each as a ratio to raw PutObject streams
 * of the same bytes to the same server in the same run.
 */
export async function measureUpload(work: string): Promise<Figure[]> {
  const registry = new CredentialRegistry();
  const issued = registry.issue(`eu-west-1:${randomUUID()}`, 3600);
  const s3 = await startS3({ bucket, registry, directory: join(work, 's3') });
  const client = new S3Client({
    ...s3ClientConfig(s3.endpoint),
    credentials: {
      accessKeyId: issued.accessKeyId,
      secretAccessKey: issued.secretAccessKey,
      sessionToken: issued.sessionToken,
    },
    maxAttempts: 1,
  });
  try {
    const dir = join(work, 'upload-files');
    await mkdir(dir, { recursive: true });
    const photos = await Promise.all(
      Array.from({ length: 64 }, (_, i) => writeRandom(join(dir, `photo-${i}.jpg`), 4 * MiB)),
    );
    const big = await writeRandom(join(dir, 'big.bin'), 256 * MiB);

    const rawPhotos = await timed(() => putRaw(client, photos, 'raw-photos'));
    const ourPhotos = await timed(() => uploadAll(client, photos, 'ours-photos', 3));
    const rawBig = await timed(() => putRaw(client, [big], 'raw-big'));
    const ourBig = await timed(() => uploadAll(client, [big], 'ours-big', 1));

    const photoBytes = photos.length * 4 * MiB;
    const mbps = (bytes: number, ms: number) => round(bytes / MiB / (ms / 1000), 1);
    return [
      {
        name: 'upload.photos-ratio',
        value: round(rawPhotos / ourPhotos, 2),
        unit: 'ratio',
        what: 'Upload of 64 × 4 MB photos vs raw PutObject streams',
        goal: '≥ 0.5',
        baseline: { name: 'raw.put-photos', value: mbps(photoBytes, rawPhotos), unit: 'MiB/s' },
      },
      {
        name: 'upload.photos-throughput',
        value: mbps(photoBytes, ourPhotos),
        unit: 'MiB/s',
        what: 'Upload throughput, 64 × 4 MB photos',
      },
      {
        name: 'upload.big-file-ratio',
        value: round(rawBig / ourBig, 2),
        unit: 'ratio',
        what: 'Upload of one 256 MB file vs one raw PutObject stream',
        goal: '≥ 0.65',
        baseline: { name: 'raw.put-big', value: mbps(big.size, rawBig), unit: 'MiB/s' },
      },
      {
        name: 'upload.big-file-throughput',
        value: mbps(big.size, ourBig),
        unit: 'MiB/s',
        what: 'Upload throughput, one 256 MB file (multipart)',
      },
    ];
  } finally {
    client.destroy();
    await s3.stop();
  }
}

async function writeRandom(path: string, size: number): Promise<BenchFile> {
  const bytes = randomBytes(size);
  await writeFile(path, bytes);
  return { path, size, sha256: createHash('sha256').update(bytes).digest('hex') };
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/** The baseline: one plain PutObject per file, streamed from disk, one at a time. */
async function putRaw(client: S3Client, files: readonly BenchFile[], prefix: string) {
  for (const file of files) {
    await client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: `${prefix}/${file.sha256}`,
        Body: createReadStream(file.path),
        ContentLength: file.size,
      }),
    );
  }
}

async function uploadAll(
  client: S3Client,
  files: readonly BenchFile[],
  prefix: string,
  concurrency: number,
) {
  const queue = [...files];
  const ledger = new MemoryPartLedger();
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      await uploadFile({
        s3: client,
        bucket,
        key: `${prefix}/${file.sha256}`,
        file: file.path,
        size: file.size,
        sha256: file.sha256,
        contentType: 'image/jpeg',
        ledger,
      });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
