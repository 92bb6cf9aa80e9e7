import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { libraryPaths, originalFile, thumbFile } from '../../main/library/library-paths';
import { createServices, type Services } from '../../main/services';
import { makePhoto } from '../support/make-photos';
import { tempDir } from '../support/temp-dir';

// docs/reliability.md, "Files before rows": what an import killed mid-way leaves is reconciled.
describe('reconciling at start (issue 16 #5)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>> | null = null;
  let services: Services | null = null;
  afterEach(async () => {
    await services?.close();
    services = null;
    await dir?.remove();
  });

  const open = (dataDir: string) =>
    createServices({ dataDir, version: 'test', host: 'web' }, { emit: () => undefined });

  it('adopts originals without rows, removes partial files and thumbnails of nothing', async () => {
    dir = await tempDir('reconcile');
    const source = join(dir.path, 'source');
    for (const n of [1, 2, 3]) await makePhoto(source, { name: `p${n}.jpg`, hue: n * 90 });
    const dataDir = join(dir.path, 'library');
    const first = open(dataDir);
    first.importer.start([source]);
    await first.importer.whenIdle();
    const lost = first.photos.findBySha(
      (await readdir(join(dataDir, 'originals'), { recursive: true }))
        .filter((name) => name.endsWith('.jpg'))
        .map((name) => name.slice(-68, -4))[0]!,
    );
    await first.close();
    // What a crash between the files and the row leaves: the row of one photo is missing...
    const db = new DatabaseSync(join(dataDir, 'catalog.sqlite'));
    db.prepare('DELETE FROM photos WHERE id = ?').run(lost!.id);
    db.close();
    // ...a half-written original and thumbnail, and the thumbnail of a photo never recorded.
    const stray = randomBytes(32).toString('hex');
    const paths = libraryPaths(dataDir);
    const partialOriginal = `${originalFile(paths, stray, 'jpg')}.x.partial`;
    const partialThumb = `${thumbFile(paths, stray)}.y.partial`;
    const strayThumb = thumbFile(paths, stray);
    for (const file of [partialOriginal, partialThumb, strayThumb]) {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, file.endsWith('.partial') ? '' : randomBytes(100));
    }
    await new Promise((resolve) => setTimeout(resolve, 5)); // mtimes before the next start

    services = open(dataDir);
    const report = await services.reconciled;
    await services.importer.whenIdle();

    expect(report).toMatchObject({ partialsRemoved: 2, thumbsRemoved: 1 });
    expect(report.orphanOriginals).toHaveLength(1);
    expect(services.photos.count()).toBe(3);
    for (const file of [partialOriginal, partialThumb, strayThumb])
      expect(existsSync(file)).toBe(false);
  });
});
