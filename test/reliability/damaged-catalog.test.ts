import { existsSync } from 'node:fs';
import { open as openFile, readFile, readdir, rename, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import type { PageRequest } from '../../contract/photos';
import { createServices, type Services } from '../../main/services';
import { damagePhotoIndex } from '../support/damage-index';
import { describedLibrary } from '../support/described-library';
import { tempDir } from '../support/temp-dir';

const everything: PageRequest = { sort: 'imported-desc', offset: 0, limit: 100 };

// docs/reliability.md, "A damaged catalog": each damage is repaired or recovered, in words,
// with the damaged file kept aside and no photo lost.
describe('a damaged catalog (issue 16 #4)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>> | null = null;
  let services: Services | null = null;
  afterEach(async () => {
    await services?.close();
    services = null;
    await dir?.remove();
  });

  const open = (dataDir: string, catalogNotice?: (words: string) => void) =>
    createServices(
      { dataDir, version: 'test', host: 'web' },
      { emit: () => undefined, ...(catalogNotice ? { catalogNotice } : {}) },
    );

  /** Three photos, one described; a backup of that state or none (describedLibrary). */
  async function library(backedUp: boolean) {
    dir = await tempDir('catalog');
    return describedLibrary(dir.path, backedUp);
  }

  async function reopen(dataDir: string) {
    services = open(dataDir);
    await services.reconciled;
    await services.importer.whenIdle();
    return services;
  }

  const descriptions = (s: Services) =>
    s.photos.page(everything).items.map((p) => s.photos.get(p.id)?.description);

  for (const [what, damage] of [
    ['emptied to 0 bytes', (file: string) => truncate(file, 0)],
    [
      'truncated to half',
      async (file: string) => truncate(file, Math.floor((await stat(file)).size / 2)),
    ],
    [
      'overwritten with garbage in the middle',
      async (file: string) => {
        const handle = await openFile(file, 'r+');
        await handle.write(Buffer.alloc(8192, 0x5a), 0, 8192, 4096);
        await handle.close();
      },
    ],
  ] as const) {
    it(`${what}: kept aside, restored from the backup, every photo back, in words`, async () => {
      const { dataDir, catalog } = await library(true);
      await damage(catalog);

      const s = await reopen(dataDir);

      expect(s.catalogNotice).toMatch(
        new RegExp(
          `^The catalog ${catalog} was damaged \\(.+\\); it is kept as .+catalog\\.damaged-.+\\.sqlite\\. Shoebox restored the backup of`,
        ),
      );
      const aside = (await readdir(dataDir)).filter((name) => name.startsWith('catalog.damaged-'));
      expect(aside).toHaveLength(1);
      expect(s.photos.count()).toBe(3);
      expect(descriptions(s)).toContain('grandma');
    });
  }

  it('no backup: a new catalog with every photo on disk added back, and the loss named', async () => {
    const { dataDir, catalog } = await library(false);
    await truncate(catalog, 0);

    const s = await reopen(dataDir);

    expect(s.catalogNotice).toMatch(
      /There was no usable backup, so Shoebox started a new catalog and added back every photo/,
    );
    expect(s.photos.count()).toBe(3);
    expect(existsSync(catalog)).toBe(true);
  });

  it('a damaged search index is rebuilt at start and search works again', async () => {
    const { dataDir, catalog } = await library(false);
    const db = new DatabaseSync(catalog);
    // Fixed garbage, not randomblob(): about one random blob in thirty makes SQLite's check
    // itself fail with "out of memory", which reads as a damaged catalog, not a damaged index.
    db.exec(`UPDATE photos_fts_data SET block = X'${'ff'.repeat(40)}' WHERE id > 1`);
    db.close();

    const s = await reopen(dataDir);
    expect(s.catalogNotice).toBe(
      'The search index was damaged; Shoebox rebuilt it from the catalog. Nothing was lost.',
    );
    await s.close();
    services = null;
    const check = new DatabaseSync(catalog);
    const hits = check
      .prepare(`SELECT rowid FROM photos_fts WHERE photos_fts MATCH 'grandma'`)
      .all();
    expect(check.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    check.close();
    expect(hits).toHaveLength(1);
  });

  it('an index that disagrees with its table: told while running, never backed up, recovered next start', async () => {
    const { dataDir, catalog } = await library(true);
    // The backup is two days old, so one is due: the full check runs first, at start.
    const backups = join(dataDir, 'backups');
    const [backup] = await readdir(backups);
    const old = `catalog-${Date.now() - 2 * 24 * 60 * 60_000}.sqlite`;
    await rename(join(backups, backup!), join(backups, old));
    await damagePhotoIndex(catalog);
    const quick = new DatabaseSync(catalog);
    expect(quick.prepare('PRAGMA quick_check').all()).toEqual([{ quick_check: 'ok' }]);
    quick.close();

    const told: string[] = [];
    services = open(dataDir, (words) => told.push(words));
    await services.reconciled;
    await services.checkCatalog();

    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(
      new RegExp(
        `^The catalog ${catalog} is damaged \\(SQLite's check found: row \\d+ missing from index sqlite_autoindex_photos_1.*\\)\\. Shoebox made no backup of it`,
      ),
    );
    expect(services.catalogNotice).toBe(told[0]);
    expect(await readdir(backups)).toEqual([old]);
    const log = await readFile(join(dataDir, 'logs', 'shoebox.log'), 'utf8');
    expect(log).toContain('the catalog check found damage');
    await services.close();
    services = null;

    const s = await reopen(dataDir);

    expect(s.catalogNotice).toMatch(
      new RegExp(
        `^The catalog ${catalog} was damaged \\(found while Shoebox ran: SQLite's check found: row .+\\); it is kept as .+catalog\\.damaged-.+\\.sqlite\\. Shoebox restored the backup of`,
      ),
    );
    const aside = (await readdir(dataDir)).filter((name) => name.startsWith('catalog.damaged-'));
    expect(aside).toHaveLength(1);
    expect(s.photos.count()).toBe(3);
    expect(descriptions(s)).toContain('grandma');
    expect(existsSync(`${catalog}.needs-recovery`)).toBe(false);
    await s.close();
    services = null;
    const check = new DatabaseSync(catalog);
    expect(check.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
    check.close();
  });

  it('a catalog restored from a backup is fully checked soon after start, by itself; a damaged backup is not restored twice', async () => {
    const { dataDir, catalog } = await library(true);
    // The backup's index disagrees with its table: the quick check that chose it cannot see that.
    const backups = join(dataDir, 'backups');
    const [backup] = await readdir(backups);
    await damagePhotoIndex(join(backups, backup!));
    await truncate(catalog, 0);

    let told: (words: string) => void = () => undefined;
    const found = new Promise<string>((resolve) => (told = resolve));
    services = open(dataDir, (words) => told(words));
    await services.catalogChecked;
    expect(services.catalogNotice).toMatch(/Shoebox restored the backup of/);

    // Nothing asks for the check: the schedule's first step, once the first screen is served.
    expect(await found).toMatch(
      new RegExp(
        `^The catalog ${catalog} is damaged \\(SQLite's check found: row \\d+ missing from index sqlite_autoindex_photos_1`,
      ),
    );
    expect(services.catalogNotice).toBe(await found);
    // The backup holds the same damage: set aside, kept, never restored again.
    const aside = backup!.replace(/\.sqlite$/, '.damaged.sqlite');
    expect(await found).toContain(`that backup is kept as ${join(backups, aside)}`);
    expect(await readdir(backups)).toEqual([aside]);
    await services.close();
    services = null;

    // The next start does not restore it again: with no other backup, every photo is added back.
    const s = await reopen(dataDir);
    expect(s.catalogNotice).toMatch(/There was no usable backup/);
    expect(s.photos.count()).toBe(3);
    await s.close();
    services = null;
    const check = new DatabaseSync(catalog);
    expect(check.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
    check.close();
  });
});
