import { statfsSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../contract/import';
import { openLibraryCatalog, type Catalog } from '../../main/catalog/catalog';
import { Importer } from '../../main/import/importer';
import { freeBytes } from '../../main/library/disk-space';
import { libraryPaths } from '../../main/library/library-paths';
import { createServices, type Services } from '../../main/services';
import { makePhoto } from '../support/make-photos';
import { cannotMountMessage, mountScratch, type ScratchMount } from '../support/scratch-mount';
import { tempDir } from '../support/temp-dir';

const MB = 1024 * 1024;
const diskFullWords = /^The disk holding your library is full \(needs \d+ MB more\)\./;

// docs/reliability.md, "A full disk": the library on a small tmpfs, photos worth far more.
describe('a full disk (issue 16 #6)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>> | null = null;
  let mount: ScratchMount | null = null;
  let services: Services | null = null;
  let catalog: Catalog | null = null;
  afterEach(async () => {
    await services?.close();
    services = null;
    catalog?.close();
    catalog = null;
    mount?.unmount();
    mount = null;
    await dir?.remove();
  });

  /** A tmpfs of `size` bytes at `<tmp>/disk`, and `count` large photos beside it. */
  async function diskAndPhotos(size: number, count: number) {
    dir = await tempDir('full-disk');
    const disk = join(dir.path, 'disk');
    mount = mountScratch(disk, size);
    if (!mount) return null;
    const source = join(dir.path, 'source');
    for (const n of Array.from({ length: count }, (_, i) => i + 1)) {
      await makePhoto(source, {
        name: `big-${n}.jpg`,
        width: 1200,
        height: 900,
        noise: true,
        hue: n * 30,
      });
    }
    return { disk, source, dataDir: join(disk, 'library') };
  }

  /**
   * What the person frees: a file that leaves `leave` bytes free on the disk of `folder`.
   * Written at once, blocking, so no photo's check runs meanwhile; a write already under way
   * may take some of the space first, and then the filler fills the disk, as wanted.
   */
  function fillDisk(folder: string, leave: number): string {
    const filler = join(folder, 'filler.bin');
    const { bavail, bsize } = statfsSync(folder);
    try {
      writeFileSync(filler, Buffer.alloc(Math.max(bavail * bsize - leave, 0), 1));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    }
    return filler;
  }

  function recorder() {
    const progress: ImportProgress[] = [];
    return {
      progress,
      emit: (event: string, payload: unknown) => {
        if (event === 'import.progress') progress.push(payload as ImportProgress);
      },
      /** The last progress of the newest job, and every failure it reported. */
      lastJob() {
        const jobId = progress[progress.length - 1]!.jobId;
        const mine = progress.filter((p) => p.jobId === jobId);
        return { last: mine[mine.length - 1]!, failures: mine.flatMap((p) => p.newFailures) };
      },
    };
  }

  /** No partial file, a sound catalog, and an original for each of its `photos` rows. */
  async function expectSound(dataDir: string, photos: number): Promise<void> {
    const files = await readdir(dataDir, { recursive: true });
    expect(files.filter((name) => name.endsWith('.partial'))).toEqual([]);
    const originals = await readdir(join(dataDir, 'originals'), { recursive: true });
    expect(originals.filter((name) => name.endsWith('.jpg'))).toHaveLength(photos);
    const db = new DatabaseSync(join(dataDir, 'catalog.sqlite'));
    expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    expect(db.prepare('SELECT count(*) AS n FROM photos').get()).toEqual({ n: photos });
    db.close();
  }

  it('stops the batch at the full disk, says how much more it needs, keeps what was done', async (context) => {
    const setup = await diskAndPhotos(6 * MB, 12);
    if (!setup) return context.skip(cannotMountMessage);
    const { source, dataDir } = setup;
    const events = recorder();
    services = createServices({ dataDir, version: 'test', host: 'web' }, { emit: events.emit });
    services.importer.start([source]);
    await services.importer.whenIdle();

    const { last, failures } = events.lastJob();
    expect(last.imported).toBeGreaterThan(0);
    expect(last.imported).toBeLessThan(12);
    expect(last.done).toBe(12);
    // One failure for the batch, in words, not "unreadable" file by file.
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ reason: 'disk-full' });
    expect(failures[0]!.message).toMatch(diskFullWords);
    expect(services.photos.count()).toBe(last.imported);
    await services.close();
    services = null;
    await expectSound(dataDir, last.imported);
  });

  it('once space is freed, importing the same files again carries on where it stopped', async (context) => {
    const setup = await diskAndPhotos(32 * MB, 12);
    if (!setup) return context.skip(cannotMountMessage);
    const { disk, source, dataDir } = setup;
    const events = recorder();
    services = createServices({ dataDir, version: 'test', host: 'web' }, { emit: events.emit });
    await services.reconciled;
    const filler = fillDisk(disk, 6 * MB);
    services.importer.start([source]);
    await services.importer.whenIdle();
    const first = events.lastJob();
    expect(first.failures).toHaveLength(1);
    expect(first.failures[0]!.message).toMatch(diskFullWords);
    expect(first.last.imported).toBeGreaterThan(0);
    expect(first.last.imported).toBeLessThan(12);
    expect(services.photos.count()).toBe(first.last.imported);

    await rm(filler); // the person frees some space
    services.importer.start([source]);
    await services.importer.whenIdle();

    const again = events.lastJob();
    expect(again.failures).toEqual([]);
    expect(again.last).toMatchObject({
      state: 'finished',
      total: 12,
      done: 12,
      imported: 12 - first.last.imported,
      duplicates: first.last.imported,
    });
    expect(services.photos.count()).toBe(12);
    await services.close();
    services = null;
    await expectSound(dataDir, 12);
  });

  it('an ENOSPC met after the free-space check passed is the same full disk, and nothing is lost', async (context) => {
    const setup = await diskAndPhotos(32 * MB, 6);
    if (!setup) return context.skip(cannotMountMessage);
    const { disk, source, dataDir } = setup;
    const paths = libraryPaths(dataDir);
    await mkdir(dataDir);
    catalog = openLibraryCatalog(join(dataDir, 'catalog.sqlite'));
    const events = recorder();
    let checks = 0;
    let filler: string | null = null;
    const importer = new Importer({
      paths,
      photos: catalog.photos,
      emit: events.emit,
      now: Date.now,
      decodeConcurrency: 1,
      // The third check answers what is free, then the disk fills before that photo is written.
      freeBytes: async (folder) => {
        const free = await freeBytes(folder);
        if (++checks === 3) filler = fillDisk(disk, 64 * 1024);
        return free;
      },
    });
    importer.start([source]);
    await importer.whenIdle();

    expect(filler).not.toBeNull();
    const first = events.lastJob();
    expect(first.failures).toHaveLength(1);
    expect(first.failures[0]).toMatchObject({ reason: 'disk-full' });
    expect(first.failures[0]!.message).toMatch(diskFullWords);
    expect(first.last.imported).toBeLessThan(6);
    expect(catalog.photos.count()).toBe(first.last.imported);

    await rm(filler!);
    importer.start([source]);
    await importer.whenIdle();
    const again = events.lastJob();
    expect(again.failures).toEqual([]);
    expect(again.last).toMatchObject({ imported: 6 - first.last.imported, done: 6 });
    expect(catalog.photos.count()).toBe(6);
    catalog.close();
    catalog = null;
    await expectSound(dataDir, 6);
  });
});
