import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCatalogIntegrity } from '../../../main/catalog/catalog-checks';
import { openCatalog } from '../../../main/catalog/open-catalog';
import { tempDir } from '../../support/temp-dir';

// docs/reliability.md, "A damaged catalog": SQLite's full check, in a worker thread.
describe('checkCatalogIntegrity', () => {
  it('answers null for a sound catalog, open on another connection meanwhile', async () => {
    const dir = await tempDir('integrity');
    const file = join(dir.path, 'catalog.sqlite');
    const db = openCatalog(file);
    await expect(checkCatalogIntegrity(file)).resolves.toBeNull();
    db.close();
    await dir.remove();
  });

  it('names a file that is not a database as damage', async () => {
    const dir = await tempDir('integrity');
    const file = join(dir.path, 'catalog.sqlite');
    await writeFile(file, Buffer.alloc(8192, 0x5a));
    await expect(checkCatalogIntegrity(file)).resolves.toBe('the file is not a database');
    await dir.remove();
  });

  it('stopped before it starts: refused as stopped, not answered as sound', async () => {
    const stop = new AbortController();
    stop.abort();
    await expect(
      checkCatalogIntegrity('/nowhere/catalog.sqlite', stop.signal),
    ).rejects.toMatchObject({ code: 'stopped' });
  });
});
