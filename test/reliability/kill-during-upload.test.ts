import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type ProxiedRequest } from '../local-cloud/fault-proxy';
import type { RunningFaultProxy } from '../local-cloud/fault-proxy';
import { tempDir } from '../support/temp-dir';
import {
  BUCKET,
  download,
  makeClient,
  sha256Hex,
  startUploadCloud,
  type UploadCloud,
} from '../integration/cloud/upload-fixture';
import type { ChildConfig, ChildReport } from '../integration/cloud/upload-queue-child';
import {
  MiB,
  addRawPhoto,
  keysOf,
  ledgerParts,
  openLibrary,
  queueFor,
  sessionFor,
  slowDown,
  until,
  type TestLibrary,
} from '../integration/cloud/upload-queue-fixture';
import { seededRandom } from '../support/seeded-random';

const CHILD = fileURLToPath(new URL('../integration/cloud/upload-queue-child.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const PART = 5 * MiB;
const UPLOADS_AT_ONCE = 2;
const PARTS_AT_ONCE = 2;

/** An UploadPart request as the proxy saw it, as `key#partNumber`; null for anything else. */
function partOf(request: ProxiedRequest): string | null {
  if (request.method !== 'PUT') return null;
  const url = new URL(request.url, 'http://s3');
  const partNumber = url.searchParams.get('partNumber');
  if (!url.searchParams.get('uploadId') || !partNumber) return null;
  const key = decodeURIComponent(url.pathname).slice(`/${BUCKET}/`.length);
  return `${key}#${partNumber}`;
}

function startChild(config: ChildConfig): { child: ChildProcess; stderr: () => string } {
  const child = fork(CHILD, [JSON.stringify(config)], {
    cwd: REPO,
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

function reportOf(run: { child: ChildProcess; stderr: () => string }): Promise<ChildReport> {
  return new Promise<ChildReport>((resolve, reject) => {
    run.child.once('message', (message: ChildReport) => resolve(message));
    run.child.once('exit', (code) =>
      reject(new Error(`the child exited (${code}) without a report: ${run.stderr()}`)),
    );
  });
}

function integrity(library: TestLibrary): unknown {
  return library.db.prepare('PRAGMA integrity_check').get();
}

/** The parts the ledger holds as acknowledged, as `key#partNumber`. */
function ledgered(library: TestLibrary): Set<string> {
  const rows = library.db.prepare('SELECT key, part_number FROM multipart_parts').all() as {
    key: string;
    part_number: number;
  }[];
  return new Set(rows.map((row) => `${row.key}#${row.part_number}`));
}

function cloudStates(library: TestLibrary, ids: readonly number[]): Map<number, string> {
  return new Map(ids.map((id) => [id, library.photos.get(id)!.cloud]));
}

// docs/reliability.md, "Uploads cut short": kill -9 once a seeded number of parts has been
// acknowledged (the kill is sent the moment the proxy hands that answer over), then a fresh
// process finishes the job.
describe('kill -9 during an upload (issue 16 #8)', () => {
  let cloud: UploadCloud;
  let work: Awaited<ReturnType<typeof tempDir>>;
  let proxy: RunningFaultProxy;
  /** Every UploadPart the proxy saw, and the ones it handed a 200 back for, in this run. */
  let sent: string[] = [];
  let acknowledged: string[] = [];
  let onAcknowledged: (() => void) | null = null;
  beforeAll(async () => {
    cloud = await startUploadCloud();
    work = await tempDir('kill-upload');
    proxy = await startFaultProxy({
      target: cloud.s3.endpoint,
      observer: {
        onRequest(request) {
          const part = partOf(request);
          if (part) sent.push(part);
        },
        onAnswered(request, status) {
          const part = partOf(request);
          if (!part || status !== 200) return;
          acknowledged.push(part);
          onAcknowledged?.();
        },
      },
    });
  });
  afterAll(async () => {
    await proxy?.stop();
    await cloud?.stop();
    await work?.remove();
  });

  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: nothing acknowledged is sent again, every object is byte-identical`, async () => {
      const random = seededRandom(seed);
      const library = openLibrary(join(work.path, `library-${seed}`));
      library.settings.update({
        uploadConcurrency: UPLOADS_AT_ONCE,
        partConcurrency: PARTS_AT_ONCE,
      });
      const photos = [
        await addRawPhoto(library, 3 * PART + MiB, 'a.jpg'),
        await addRawPhoto(library, MiB, 'small-1.jpg'),
        await addRawPhoto(library, 3 * PART + 2 * MiB, 'b.jpg'),
        await addRawPhoto(library, 2 * MiB, 'small-2.jpg'),
      ];
      const totalParts = 4 + 4;
      const config: ChildConfig = {
        dataDir: library.paths.root,
        endpoint: proxy.endpoint,
        bucket: BUCKET,
        credentials: cloud.credentials,
        partSize: PART,
      };

      // First run: killed the moment the k-th part's answer has been handed over, mid-photo.
      const killAfter = 3 + Math.floor(random() * (totalParts - 5));
      sent = [];
      acknowledged = [];
      const first = startChild(config);
      onAcknowledged = () => {
        if (acknowledged.length === killAfter) first.child.kill('SIGKILL');
      };
      const firstReport = reportOf(first).then(
        () => 'done',
        () => 'killed',
      );
      expect(await exited(first.child), first.stderr()).toBe('SIGKILL');
      onAcknowledged = null;
      expect(await firstReport).toBe('killed'); // the child had not finished
      const firstSent = new Set(sent);
      const firstAcknowledged = new Set(acknowledged);

      expect(integrity(library)).toEqual({ integrity_check: 'ok' });
      const afterKill = cloudStates(
        library,
        photos.map((photo) => photo.id),
      );
      expect([...afterKill.values()].filter((state) => state === 'cloud').length).toBeLessThan(
        photos.length,
      );
      const recorded = ledgered(library);
      expect(recorded.size).toBeGreaterThan(0); // a multipart upload was cut short
      const client = makeClient(cloud).client;
      // Nothing is marked as in the cloud that is not there, whole.
      for (const photo of photos) {
        if (afterKill.get(photo.id) !== 'cloud') continue;
        const keys = keysOf(cloud, photo.sha256);
        expect(sha256Hex(await download(client, keys.original))).toBe(photo.sha256);
      }

      // Second run: a fresh process finishes.
      sent = [];
      acknowledged = [];
      const second = startChild(config);
      const report = await reportOf(second);
      await exited(second.child);
      expect(report).toMatchObject({ failed: 0 });

      // No part the ledger had recorded as acknowledged was sent again (under any upload id);
      // the parts sent again are at most those in flight when the process died.
      expect(sent.filter((part) => recorded.has(part))).toEqual([]);
      // Nor any part S3 acknowledged whose answer the ledger never saw (ListParts finds those).
      expect(sent.filter((part) => firstAcknowledged.has(part))).toEqual([]);
      const again = new Set(sent.filter((part) => firstSent.has(part)));
      expect(again.size).toBeLessThanOrEqual(UPLOADS_AT_ONCE * PARTS_AT_ONCE);

      expect(integrity(library)).toEqual({ integrity_check: 'ok' });
      expect(ledgerParts(library)).toBe(0);
      for (const photo of photos) {
        expect(library.photos.get(photo.id)!.cloud).toBe('cloud');
        const keys = keysOf(cloud, photo.sha256);
        expect(sha256Hex(await download(client, keys.original))).toBe(photo.sha256);
        expect(sha256Hex(await download(client, keys.thumb))).toBe(sha256Hex(photo.thumb));
      }
      client.destroy();
      await library.close();
    });
  }
});

describe('a part S3 stored but the ledger missed (issue 16 #8)', () => {
  it('is found with ListParts on resume and not sent again', async () => {
    const cloud = await startUploadCloud();
    const work = await tempDir('stored-parts');
    const library = openLibrary(join(work.path, 'library'));
    try {
      library.settings.update({ uploadConcurrency: 1, partConcurrency: 1 });
      const photo = await addRawPhoto(library, 3 * PART + MiB, 'big.jpg');
      const first = sessionFor(cloud).session;
      slowDown(first.s3, ['UploadPartCommand'], 150);
      const cut = queueFor(library, first, { partSize: PART, multipartThreshold: PART });
      cut.enqueueAllLocal();
      await until(() => ledgerParts(library) >= 2, 'two parts are acknowledged');
      await cut.stop();
      // The answer to the last part is lost (the process died as it arrived): S3 has the part,
      // the ledger does not.
      const recorded = ledgerParts(library);
      library.db
        .prepare(
          'DELETE FROM multipart_parts WHERE part_number = (SELECT max(part_number) FROM multipart_parts)',
        )
        .run();

      const { session, counts } = sessionFor(cloud);
      const resumed = queueFor(library, session, { partSize: PART, multipartThreshold: PART });
      resumed.enqueueAllLocal();
      await resumed.whenIdle();

      expect(library.photos.get(photo.id)!.cloud).toBe('cloud');
      expect(counts.get('ListPartsCommand')).toBe(1);
      expect(counts.get('UploadPartCommand')).toBe(4 - recorded);
      const client = makeClient(cloud).client;
      const keys = keysOf(cloud, photo.sha256);
      expect(sha256Hex(await download(client, keys.original))).toBe(photo.sha256);
      client.destroy();
    } finally {
      await library.close();
      await cloud.stop();
      await work.remove();
    }
  });
});
