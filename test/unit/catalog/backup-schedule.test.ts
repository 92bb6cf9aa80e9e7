import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keepBackingUp } from '../../../main/catalog/backup-schedule';
import { backupGenerations, backUpCatalog } from '../../../main/catalog/checked-catalog';
import { openCatalog } from '../../../main/catalog/open-catalog';
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
