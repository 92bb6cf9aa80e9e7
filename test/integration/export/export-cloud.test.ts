import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ExportProgress } from '../../../contract/export';
import { mediaPath } from '../../../contract/media';
import { catalogOn } from '../../../main/catalog/catalog';
import { ExportError } from '../../../main/export/export-error';
import { ExportJobs } from '../../../main/export/export-jobs';
import { tempDir } from '../../support/temp-dir';
import {
  newIdentity,
  openDevice,
  putCloudPhoto,
  startSyncCloud,
  testSession,
  type Device,
  type SyncCloud,
  type TestSession,
} from '../sync/sync-fixture';
import { fileSha256 } from './export-fixture';

let cloud: SyncCloud;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  cloud = await startSyncCloud();
});
afterAll(async () => {
  await cloud?.stop();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function session(identity: string, offline = false): Promise<TestSession> {
  const made = await testSession(cloud, identity, { offline });
  cleanups.push(() => made.dispose());
  return made;
}

/**
 * Export runs on a device whose photo came from another device (its original only in the
 * cloud), wired as services.ts wires them: originals through the media path that opening a
 * photo uses.
 */
async function deviceWithCloudOnlyPhoto() {
  const identity = newIdentity();
  const writer = await session(identity);
  const photo = await putCloudPhoto(writer, 75, { filename: 'from-the-phone.jpg' });
  const reader = await session(identity);
  const device: Device = await openDevice(reader);
  cleanups.push(() => device.close());
  await device.sync.run();
  const id = device.catalog.findBySha(photo.sha256)?.id;
  if (id === undefined) throw new Error('sync did not bring the photo');
  const progress: ExportProgress[] = [];
  const ended = new Map<string, (last: ExportProgress) => void>();
  const jobs = new ExportJobs({
    sources: (ids) => catalogOn(device.db).exportSources.get(ids),
    originalOf: async (source) => {
      const media = await device.resolve(mediaPath.original(source.sha256));
      if (!media) throw new ExportError('missing', 'gone');
      return media.file;
    },
    emit: (update) => {
      progress.push(update);
      if (update.state !== 'running') ended.get(update.jobId)?.(update);
    },
  });
  cleanups.push(() => jobs.close());
  const destination = await tempDir('export-cloud');
  cleanups.push(destination.remove);
  const finished = (jobId: string) =>
    new Promise<ExportProgress>((resolve) => {
      const last = progress.find((p) => p.jobId === jobId && p.state !== 'running');
      if (last) resolve(last);
      else ended.set(jobId, resolve);
    });
  return { identity, photo, id, device, reader, jobs, destination: destination.path, finished };
}

describe('exporting a photo whose original is only in the cloud', () => {
  it('fetches the original first and writes it byte for byte', async () => {
    const { photo, id, reader, jobs, destination, finished } = await deviceWithCloudOnlyPhoto();
    const getsBefore = reader.counts.get('GetObjectCommand') ?? 0;

    const last = await finished(jobs.startFolder([id], destination).jobId);

    expect(last).toMatchObject({ state: 'done', exported: 1, failures: [] });
    expect(reader.counts.get('GetObjectCommand')).toBe(getsBefore + 1);
    expect(await readdir(destination)).toEqual(['from-the-phone.jpg']);
    expect(await fileSha256(join(destination, 'from-the-phone.jpg'))).toBe(photo.sha256);
  });

  it('names the photo when the cloud cannot be reached', async () => {
    const { identity, id, device, jobs, destination, finished } = await deviceWithCloudOnlyPhoto();
    device.setSession(await session(identity, true));

    const last = await finished(jobs.startFolder([id], destination).jobId);

    expect(last.failures).toEqual([
      expect.objectContaining({ photoId: id, filename: 'from-the-phone.jpg', code: 'offline' }),
    ]);
    expect(await readdir(destination)).toEqual([]);
  });
});
