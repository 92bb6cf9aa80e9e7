import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp-dir';
import { BUCKET, makeClient, startUploadCloud } from './upload-fixture';
import type { UploadCloud } from './upload-fixture';
import type { ChildConfig, ChildReport } from './upload-queue-child';
import { MiB, addRawPhoto, keysOf, ledgerParts, openLibrary, until } from './upload-queue-fixture';

const CHILD = fileURLToPath(new URL('./upload-queue-child.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const PART = 5 * MiB;
const SIZE = 100 * MiB;
const PARTS = SIZE / PART;

let cloud: UploadCloud;
let work: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  cloud = await startUploadCloud();
  work = await tempDir('upload-crash');
});
afterAll(async () => {
  await cloud?.stop();
  await work?.remove();
});

/** The queue in a process of its own on the data dir (same Node, TypeScript through tsx). */
function startChild(config: ChildConfig): { child: ChildProcess; stderr: () => string } {
  const child = fork(CHILD, [JSON.stringify(config)], {
    cwd: REPO,
    execPath: process.execPath,
    execArgv: ['--import', 'tsx', '--no-warnings'],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return { child, stderr: () => stderr };
}

function exited(child: ChildProcess): Promise<NodeJS.Signals | number | null> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(child.signalCode ?? child.exitCode);
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
}

describe('UploadQueue after a crash', () => {
  it('resumes a 100 MiB upload killed with SIGKILL, sending only the parts it lacked', async () => {
    const library = openLibrary(join(work.path, 'library'));
    const photo = await addRawPhoto(library, SIZE, 'scan.jpg');
    library.settings.update({ partConcurrency: 2 });
    const config: ChildConfig = {
      dataDir: library.paths.root,
      endpoint: cloud.s3.endpoint,
      bucket: BUCKET,
      credentials: cloud.credentials,
      partSize: PART,
    };

    const first = startChild(config);
    await until(() => ledgerParts(library) >= 4 || first.child.exitCode !== null, 'parts land');
    first.child.kill('SIGKILL');
    expect(await exited(first.child), first.stderr()).toBe('SIGKILL');
    const saved = ledgerParts(library);
    expect(saved).toBeGreaterThanOrEqual(4);
    expect(saved).toBeLessThan(PARTS);
    expect(library.photos.get(photo.id)!.cloud).toBe('uploading'); // as the crash left it

    const second = startChild(config);
    const report = await new Promise<ChildReport>((resolve, reject) => {
      second.child.once('message', (message: ChildReport) => resolve(message));
      second.child.once('exit', (code) =>
        reject(new Error(`the child exited (${code}) without a report: ${second.stderr()}`)),
      );
    });
    await exited(second.child);
    expect(report).toMatchObject({ uploaded: 1, failed: 0 });
    expect(report.requests['CreateMultipartUploadCommand']).toBeUndefined();
    // The parts it lacked: those the ledger did not have, less any S3 had stored as the process
    // died (found with ListParts, at most the 2 that were in flight).
    expect(report.requests['ListPartsCommand']).toBe(1);
    expect(report.requests['UploadPartCommand']).toBeLessThanOrEqual(PARTS - saved);
    expect(report.requests['UploadPartCommand']).toBeGreaterThanOrEqual(PARTS - saved - 2);
    expect(report.requests['CompleteMultipartUploadCommand']).toBe(1);
    expect(library.photos.get(photo.id)!.cloud).toBe('cloud');
    expect(ledgerParts(library)).toBe(0);

    const client = makeClient(cloud).client;
    const key = keysOf(cloud, photo.sha256).original;
    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(head.ContentLength).toBe(SIZE);
    // Hash the object as it streams back rather than holding 100 MiB twice.
    const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    const hash = createHash('sha256');
    for await (const chunk of got.Body as Readable) hash.update(chunk as Buffer);
    expect(hash.digest('hex')).toBe(photo.sha256);
    await library.close();
  });
});
