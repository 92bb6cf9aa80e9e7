import { fork } from 'node:child_process';
import { once } from 'node:events';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../main/services';
import { makePhoto } from '../support/make-photos';
import { tempDir } from '../support/temp-dir';
import { seededRandom } from '../support/seeded-random';

const CHILD = join(import.meta.dirname, 'import-child.ts');
const TOTAL = 24;

async function sha256Of(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

function rowsIn(dataDir: string): number {
  const db = new DatabaseSync(join(dataDir, 'catalog.sqlite'));
  try {
    return (db.prepare('SELECT count(*) AS n FROM photos').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

// docs/reliability.md, "Files before rows": kill -9 at a point chosen by the seed, then start.
describe('kill -9 during an import (issue 16 #5)', () => {
  let work: Awaited<ReturnType<typeof tempDir>>;
  let source: string;
  /** The sha256 of every source file. */
  const sources = new Set<string>();
  beforeAll(async () => {
    work = await tempDir('kill-import');
    source = join(work.path, 'source');
    for (let n = 1; n <= TOTAL; n++)
      await makePhoto(source, {
        name: `p${n}.jpg`,
        hue: n * 15,
        width: 900,
        height: 700,
        noise: true,
      });
    for (const name of await readdir(source)) sources.add(await sha256Of(join(source, name)));
  });
  afterAll(() => work.remove());

  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: after the restart the catalog is sound, every original has its row, nothing partial is left`, async () => {
      const dataDir = join(work.path, `library-${seed}`);
      const child = fork(CHILD, [dataDir, source], {
        execArgv: ['--import', 'tsx', '--no-warnings'],
        stdio: 'ignore',
      });
      // Killed once the child says a seeded number of photos is done: mid-import, never after.
      const killAt = 2 + Math.floor(seededRandom(seed)() * (TOTAL / 2));
      let reportedDone = false;
      child.on('message', (message: { type: string; done?: number }) => {
        if (message.type === 'done') reportedDone = true;
        if (message.type === 'progress' && (message.done ?? 0) >= killAt) child.kill('SIGKILL');
      });
      const [, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
      expect(signal).toBe('SIGKILL');
      expect(reportedDone).toBe(false);
      const rowsAtKill = rowsIn(dataDir);
      expect(rowsAtKill).toBeLessThan(TOTAL);

      const services = createServices(
        { dataDir, version: 'test', host: 'web' },
        { emit: () => undefined },
      );
      await services.reconciled;
      await services.importer.whenIdle();
      const count = services.photos.count();
      await services.close();

      const files = await readdir(join(dataDir, 'originals'), { recursive: true }).catch(() => []);
      const originals = files.filter((name) => name.endsWith('.jpg'));
      expect(files.filter((name) => name.endsWith('.partial'))).toEqual([]);
      expect(count).toBe(originals.length);
      const thumbs = (
        await readdir(join(dataDir, 'thumbs'), { recursive: true }).catch(() => [])
      ).filter((n) => n.endsWith('.webp'));
      expect(thumbs.length).toBe(count);
      expect(count).toBeGreaterThanOrEqual(rowsAtKill);
      // Each original is its source, byte for byte: named by its hash, and that hash a source's.
      for (const name of originals) {
        const hash = await sha256Of(join(dataDir, 'originals', name));
        expect(name).toContain(hash);
        expect(sources.has(hash), name).toBe(true);
      }
      const db = new DatabaseSync(join(dataDir, 'catalog.sqlite'));
      expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
      db.close();
    });
  }
});
