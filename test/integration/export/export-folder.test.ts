import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportProgress, ExportStarted } from '../../../contract/export';
import { originalFile } from '../../../main/library/library-paths';
import type { Services } from '../../../main/services';
import { makePhoto } from '../../support/make-photos';
import { tempDir } from '../../support/temp-dir';
import { exportingServices, fileSha256, importPhotos } from './export-fixture';

let dirs: { path: string; remove(): Promise<void> }[] = [];
let open: Services[] = [];

beforeEach(() => {
  dirs = [];
  open = [];
});
afterEach(async () => {
  for (const services of open) await services.close();
  for (const dir of dirs) await dir.remove();
});

async function dir(prefix: string): Promise<string> {
  const made = await tempDir(prefix);
  dirs.push(made);
  return made.path;
}

/** A library of three photos, two of them imported under the same name from two folders. */
async function library(onProgress?: (p: ExportProgress, s: Services) => void) {
  const source = await dir('export-src');
  await makePhoto(join(source, 'a'), { name: 'IMG_0001.jpg', hue: 10 });
  await makePhoto(join(source, 'b'), { name: 'IMG_0001.jpg', hue: 120 });
  await makePhoto(source, { name: 'sunset.png', hue: 200, format: 'png' });
  const destination = await dir('export-dest');
  const made = exportingServices(await dir('export-lib'), { folder: destination }, onProgress);
  open.push(made.services);
  const photos = await importPhotos(made.services, source, 3);
  return { ...made, destination, photos };
}

async function start(services: Services, ids: readonly number[]): Promise<ExportStarted> {
  const started = await services.handlers['export.start']({ targets: { ids: [...ids] } });
  if (!started) throw new Error('the folder dialog was answered, so the export must start');
  return started;
}

describe('export into a folder', () => {
  it('writes each original byte for byte, numbering clashes and never overwriting a file there', async () => {
    const { services, destination, photos, finished } = await library();
    // Someone's own file, already in the folder under a name the export wants.
    await writeFile(join(destination, 'IMG_0001.jpg'), 'not a photo of ours');

    const started = await start(
      services,
      photos.map((p) => p.id),
    );
    const last = await finished(started.jobId);

    expect(last).toMatchObject({ state: 'done', total: 3, done: 3, exported: 3, failures: [] });
    expect(last.folder).toBe(destination);
    expect((await readdir(destination)).sort()).toEqual([
      'IMG_0001 (2).jpg',
      'IMG_0001 (3).jpg',
      'IMG_0001.jpg',
      'sunset.png',
    ]);
    expect(await readFile(join(destination, 'IMG_0001.jpg'), 'utf8')).toBe('not a photo of ours');
    const exported = await Promise.all(
      ['IMG_0001 (2).jpg', 'IMG_0001 (3).jpg', 'sunset.png'].map((name) =>
        fileSha256(join(destination, name)),
      ),
    );
    expect(exported.sort()).toEqual(photos.map((p) => p.sha256).sort());
    expect(last.bytes).toBe(photos.reduce((sum, p) => sum + p.byteSize, 0));
  });

  it('names a photo whose original is gone or changed, and exports the rest', async () => {
    const { services, destination, photos, finished } = await library();
    const [gone, changed, fine] = photos as [Photo, Photo, Photo];
    await rm(originalFile(services.paths, gone.sha256, gone.format));
    await writeFile(originalFile(services.paths, changed.sha256, changed.format), 'other bytes');

    const last = await finished((await start(services, [gone.id, changed.id, fine.id])).jobId);

    expect(last).toMatchObject({ state: 'done', done: 3, exported: 1 });
    expect(last.failures).toEqual([
      expect.objectContaining({ photoId: gone.id, filename: gone.filename, code: 'missing' }),
      expect.objectContaining({ photoId: changed.id, filename: changed.filename, code: 'changed' }),
    ]);
    // The changed file was written, found wrong, and removed again: only the good one is there.
    const names = await readdir(destination);
    expect(names).toHaveLength(1);
    expect(await fileSha256(join(destination, names[0]!))).toBe(fine.sha256);
  });

  it('stops when cancelled, leaving only whole photos behind', async () => {
    let cancelledAfter = 0;
    const { services, destination, photos, finished } = await library((progress, core) => {
      if (progress.state === 'running' && progress.done === 1 && cancelledAfter === 0) {
        cancelledAfter = progress.done;
        core.handlers['export.cancel']({ jobId: progress.jobId }).catch(() => undefined);
      }
    });

    const last = await finished(
      (
        await start(
          services,
          photos.map((p) => p.id),
        )
      ).jobId,
    );

    expect(cancelledAfter).toBe(1);
    expect(last.state).toBe('cancelled');
    expect(last.exported).toBe(1);
    const names = await readdir(destination);
    expect(names).toHaveLength(1);
    expect(photos.map((p) => p.sha256)).toContain(await fileSha256(join(destination, names[0]!)));
  });

  it('starts nothing when the folder dialog is closed', async () => {
    const made = exportingServices(await dir('export-lib'), { folder: null });
    open.push(made.services);
    const source = await dir('export-src');
    await makePhoto(source, { name: 'one.jpg' });
    const [photo] = await importPhotos(made.services, source, 1);

    expect(
      await made.services.handlers['export.start']({ targets: { ids: [photo!.id] } }),
    ).toBeNull();
    expect(made.progress).toEqual([]);
  });
});

type Photo = Awaited<ReturnType<typeof library>>['photos'][number];
