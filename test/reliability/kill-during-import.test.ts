import { fork } from 'node:child_process';
import { once } from 'node:events';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../main/services';
import { makePhoto } from '../support/make-photos';
import { tempDir } from '../support/temp-dir';

const CHILD = join(import.meta.dirname, 'import-child.ts');

/** A small deterministic generator (mulberry32), so a failing seed can be run again. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// docs/reliability.md, "Files before rows": kill -9 at a point chosen by the seed, then start.
describe('kill -9 during an import (issue 16 #5)', () => {
  let work: Awaited<ReturnType<typeof tempDir>>;
  let source: string;
  beforeAll(async () => {
    work = await tempDir('kill-import');
    source = join(work.path, 'source');
    for (let n = 1; n <= 24; n++)
      await makePhoto(source, {
        name: `p${n}.jpg`,
        hue: n * 15,
        width: 900,
        height: 700,
        noise: true,
      });
  });
  afterAll(() => work.remove());

  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: after the restart the catalog is sound, every original has its row, nothing partial is left`, async () => {
      const dataDir = join(work.path, `library-${seed}`);
      const child = fork(CHILD, [dataDir, source], {
        execArgv: ['--import', 'tsx', '--no-warnings'],
        stdio: 'ignore',
      });
      await once(child, 'message');
      const exited = once(child, 'exit');
      await new Promise((resolve) => setTimeout(resolve, Math.floor(seeded(seed)() * 1500)));
      child.kill('SIGKILL');
      await exited;

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
      expect(thumbs.length).toBeGreaterThanOrEqual(count);
      const db = new DatabaseSync(join(dataDir, 'catalog.sqlite'));
      expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
      db.close();
    });
  }
});
