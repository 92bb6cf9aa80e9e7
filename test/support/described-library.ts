import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { backUpCatalog } from '../../main/catalog/checked-catalog';
import { createServices } from '../../main/services';
import { makePhoto } from './make-photos';

/** A library the catalog tests damage and recover (docs/reliability.md, "A damaged catalog"). */
export interface DescribedLibrary {
  readonly dataDir: string;
  readonly catalog: string;
  /** The photo described "grandma". */
  readonly described: number;
}

/**
 * Imports three photos into a new library under `root`, describes one "grandma", and leaves
 * exactly one backup of that state in its backups folder (`backedUp`), or none.
 */
export async function describedLibrary(root: string, backedUp: boolean): Promise<DescribedLibrary> {
  const source = join(root, 'source');
  for (const n of [1, 2, 3]) await makePhoto(source, { name: `p${n}.jpg`, hue: n * 90 });
  const dataDir = join(root, 'library');
  const first = createServices(
    { dataDir, version: 'test', host: 'web' },
    { emit: () => undefined },
  );
  first.importer.start([source]);
  await first.importer.whenIdle();
  const [photo] = first.photos.page({ sort: 'imported-desc', offset: 0, limit: 100 }).items;
  await first.handlers['photo.setDescription']({ id: photo!.id, description: 'grandma' });
  await first.close();
  const catalog = join(dataDir, 'catalog.sqlite');
  await rm(join(dataDir, 'backups'), { recursive: true, force: true });
  if (backedUp) {
    const db = new DatabaseSync(catalog);
    await backUpCatalog(db, join(dataDir, 'backups'));
    db.close();
  }
  return { dataDir, catalog, described: photo!.id };
}
