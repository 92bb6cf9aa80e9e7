import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkThenBackUp, keepBackingUp } from '../../../main/catalog/backup-schedule';
import { backupDue, backupGenerations, backUpCatalog } from '../../../main/catalog/checked-catalog';
import { checkCatalogIntegrity } from '../../../main/catalog/catalog-checks';
import { openCatalog } from '../../../main/catalog/open-catalog';
import { damagePhotoIndex } from '../../support/damage-index';
import { tempDir } from '../../support/temp-dir';

const hour = 60 * 60_000;
const day = 24 * hour;

afterEach(() => vi.useRealTimers());

// docs/reliability.md, "A damaged catalog": backups while running, a few generations kept.
describe('catalog backups while the app runs (issue 16 #4)', () => {
  it('a library left open for a week gets a backup a day, and only the newest few are kept', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(new Date('2026-03-01T09:00:00Z'));
    const dir = await tempDir('backup-schedule');
    const backupsDir = join(dir.path, 'backups');
    const db = openCatalog(join(dir.path, 'catalog.sqlite'));
    const failures: unknown[] = [];
    const schedule = keepBackingUp(
      () => backUpCatalog(db, backupsDir),
      (error) => failures.push(error),
    );
    const taken: string[] = [];
    for (let hours = 1; hours <= 7 * 24; hours += 1) {
      await vi.advanceTimersByTimeAsync(hour);
      await schedule.settled();
      for (const name of await readdir(backupsDir).catch(() => [])) {
        if (!taken.includes(name)) taken.push(name);
      }
    }
    await schedule.stop();

    expect(failures).toEqual([]);
    expect(taken).toHaveLength(7); // one a day, not one an hour
    const kept = (await readdir(backupsDir)).sort();
    expect(kept).toHaveLength(backupGenerations);
    expect(kept).toEqual(taken.slice(-backupGenerations).sort());
    const times = kept.map((name) => Number(name.slice('catalog-'.length, -'.sqlite'.length)));
    expect(times[times.length - 1]! - times[0]!).toBe((backupGenerations - 1) * day);
    db.close();
    await dir.remove();
  });
});

// docs/reliability.md, "A damaged catalog": SQLite's full check in the background, before backups.
describe('the full catalog check while the app runs (issue 16)', () => {
  /** A week of hourly ticks over a real catalog; answers what happened, in order. */
  async function aWeek(options: {
    readonly backups: boolean;
    readonly damaged?: boolean;
    readonly checkFirst?: boolean;
  }) {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(new Date('2026-03-01T09:00:00Z'));
    const dir = await tempDir('full-check');
    const file = join(dir.path, 'catalog.sqlite');
    const backupsDir = join(dir.path, 'backups');
    const db = openCatalog(file);
    db.prepare(
      `INSERT INTO photos (sha256, format, byte_size, width, height, imported_at, filename, source_path)
       VALUES (?, 'jpg', 1, 1, 1, 1, 'a.jpg', '/a.jpg')`,
    ).run('ab'.repeat(32));
    if (options.damaged) {
      db.close();
      await damagePhotoIndex(file);
    }
    const live = options.damaged ? openCatalog(file) : db;
    const events: string[] = [];
    const failures: unknown[] = [];
    const schedule = keepBackingUp(
      checkThenBackUp({
        check: async () => {
          events.push(`check day ${dayOf(Date.now())}`);
          return checkCatalogIntegrity(file);
        },
        backupDue: () => options.backups && backupDue(backupsDir),
        backUp: async () => {
          events.push(`backup day ${dayOf(Date.now())}`);
          return backUpCatalog(live, backupsDir);
        },
        onDamage: (what) => events.push(`damage: ${what}`),
        now: Date.now,
        ...(options.checkFirst ? { checkFirst: true } : {}),
      }),
      (error) => failures.push(error),
    );
    await schedule.runNow(); // as at start
    // A week at most: a schedule that checks more often than it should shows by the second day.
    for (let hours = 1; hours <= 7 * 24 && events.length <= 2 * 8; hours += 1) {
      await vi.advanceTimersByTimeAsync(hour);
      await schedule.settled();
    }
    await schedule.stop();
    live.close();
    const backups = await readdir(backupsDir).catch(() => []);
    await dir.remove();
    expect(failures).toEqual([]);
    return { events, backups };
  }
  const start = Date.parse('2026-03-01T09:00:00Z');
  const dayOf = (time: number) => Math.floor((time - start) / day);

  it('checks right before each daily backup, and not more often', async () => {
    const { events } = await aWeek({ backups: true });
    const days = [0, 1, 2, 3, 4, 5, 6, 7];
    expect(events).toEqual(days.flatMap((d) => [`check day ${d}`, `backup day ${d}`]));
  });

  it('with no backup due, still checks once a day', async () => {
    const { events } = await aWeek({ backups: false });
    expect(events).toEqual([1, 2, 3, 4, 5, 6, 7].map((d) => `check day ${d}`));
  });

  it('a catalog restored from a backup is checked at the first step, then once a day', async () => {
    const { events } = await aWeek({ backups: false, checkFirst: true });
    expect(events).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((d) => `check day ${d}`));
  });

  it('a catalog whose index disagrees with its table is reported once and never backed up', async () => {
    const { events, backups } = await aWeek({ backups: true, damaged: true });
    expect(events).toHaveLength(2);
    expect(events[0]).toBe('check day 0');
    expect(events[1]).toMatch(
      /^damage: SQLite's check found: row \d+ missing from index sqlite_autoindex_photos_1/,
    );
    expect(backups).toEqual([]);
  });
});
