import { fork } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { checkCatalogIntegrity } from '../../main/catalog/catalog-checks';
import { addManyPhotoRows } from '../support/many-photos';
import { tempDir } from '../support/temp-dir';

const CHILD = resolve(import.meta.dirname, 'full-check-child.ts');

/** The catalog check processes whose parent is `pid` (Linux's /proc), not tsx's esbuild. */
function checksOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        // pid (comm) state ppid …; comm may hold spaces, so read after its closing parenthesis.
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return parent === pid && readFileSync(`/proc/${name}/cmdline`).includes('integrity_check');
      } catch {
        return false; // it ended meanwhile
      }
    })
    .map(Number);
}

/** Whether `pid` is still a process: not gone, nor a zombie left for its new parent to reap. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

// docs/reliability.md, "A damaged catalog": quitting never waits for SQLite's full check.
// The check's process is found through /proc, so this runs on Linux (CI) only.
describe.skipIf(process.platform !== 'linux')(
  'quitting during the full catalog check (issue 16)',
  () => {
    let dir: Awaited<ReturnType<typeof tempDir>> | null = null;
    afterEach(async () => {
      await dir?.remove();
      dir = null;
    });

    it('ends the app at once, and the check process with it', async () => {
      dir = await tempDir('quit-check');
      const dataDir = join(dir.path, 'library');
      const catalog = join(dataDir, 'catalog.sqlite');
      addManyPhotoRows(catalog, 600_000);
      // What the check costs on this machine now: the bound below is half of it, whatever the load.
      const began = performance.now();
      await expect(checkCatalogIntegrity(catalog)).resolves.toBeNull();
      const fullCheckMs = performance.now() - began;

      const child = fork(CHILD, [dataDir], { execArgv: ['--import', 'tsx', '--no-warnings'] });
      const exited = once(child, 'exit');
      await once(child, 'message');
      // The check's process, once it has started (the check asked for may wait on nothing else).
      let checks: number[] = [];
      for (let tries = 0; tries < 25 && checks.length === 0; tries++) {
        await sleep(20);
        checks = checksOf(child.pid!);
      }
      const quitAt = performance.now();
      child.send('quit');
      const [code] = (await exited) as [number | null];
      const quitMs = performance.now() - quitAt;

      expect(code).toBe(0);
      // Had quitting waited for SQLite, the process would have ended with the check, not before.
      expect(quitMs, `quit took ${quitMs} ms; the check ${fullCheckMs} ms`).toBeLessThan(
        fullCheckMs / 2,
      );
      expect(checks).toHaveLength(1);
      expect(checks.filter(isRunning)).toEqual([]);
    }, 120_000);
  },
);
