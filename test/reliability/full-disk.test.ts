import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../contract/import';
import { createServices, type Services } from '../../main/services';
import { makePhoto } from '../support/make-photos';
import { cannotMountMessage, mountScratch, type ScratchMount } from '../support/scratch-mount';
import { tempDir } from '../support/temp-dir';

// docs/reliability.md, "A full disk": the library on a 6 MB tmpfs, photos worth far more.
describe('a full disk (issue 16 #6)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>> | null = null;
  let mount: ScratchMount | null = null;
  let services: Services | null = null;
  afterEach(async () => {
    await services?.close();
    services = null;
    mount?.unmount();
    mount = null;
    await dir?.remove();
  });

  it('stops the batch at the full disk, says how much more it needs, keeps what was done', async (context) => {
    dir = await tempDir('full-disk');
    const disk = join(dir.path, 'disk');
    mount = mountScratch(disk, 6 * 1024 * 1024);
    if (!mount) return context.skip(cannotMountMessage);
    const source = join(dir.path, 'source');
    for (const n of Array.from({ length: 12 }, (_, i) => i + 1)) {
      await makePhoto(source, {
        name: `big-${n}.jpg`,
        width: 1200,
        height: 900,
        noise: true,
        hue: n * 30,
      });
    }
    const progress: ImportProgress[] = [];
    const dataDir = join(disk, 'library');
    services = createServices(
      { dataDir, version: 'test', host: 'web' },
      {
        emit: (event, payload) => {
          if (event === 'import.progress') progress.push(payload as ImportProgress);
        },
      },
    );
    services.importer.start([source]);
    await services.importer.whenIdle();

    const last = progress[progress.length - 1]!;
    const failures = progress.flatMap((p) => p.newFailures);
    expect(last.imported).toBeGreaterThan(0);
    expect(last.imported).toBeLessThan(12);
    expect(last.done).toBe(12);
    // One failure for the batch, in words, not "unreadable" file by file.
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ reason: 'disk-full' });
    expect(failures[0]!.message).toMatch(
      /^The disk holding your library is full \(needs \d+ MB more\)\./,
    );
    expect(services.photos.count()).toBe(last.imported);
    const leftovers = await readdir(join(dataDir, 'originals'), { recursive: true });
    expect(leftovers.filter((name) => name.endsWith('.partial'))).toEqual([]);
    await services.close();
    services = null;
    const db = new DatabaseSync(join(dataDir, 'catalog.sqlite'));
    expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    db.close();
  });
});
