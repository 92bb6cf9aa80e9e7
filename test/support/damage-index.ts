import { open } from 'node:fs/promises';
import { DatabaseSync } from 'node:sqlite';

/**
 * Flips one character of a photo's SHA-256 inside the unique index over `photos.sha256`, on disk,
 * as a bad sector or a stray write would: the table still holds the row, the index no longer
 * finds it. SQLite's `quick_check` passes (it does not compare indexes with their tables);
 * `integrity_check` reports "row N missing from index sqlite_autoindex_photos_1". The catalog
 * must be closed (its WAL checkpointed) and its index must fit one page (a few photos).
 */
export async function damagePhotoIndex(catalog: string): Promise<void> {
  const db = new DatabaseSync(catalog);
  const { rootpage } = db
    .prepare(`SELECT rootpage FROM sqlite_schema WHERE name = 'sqlite_autoindex_photos_1'`)
    .get() as { rootpage: number };
  const { page_size: pageSize } = db.prepare('PRAGMA page_size').get() as { page_size: number };
  const { sha256 } = db.prepare('SELECT sha256 FROM photos ORDER BY id LIMIT 1').get() as {
    sha256: string;
  };
  db.close();
  const file = await open(catalog, 'r+');
  try {
    const page = Buffer.alloc(pageSize);
    const offset = (rootpage - 1) * pageSize;
    await file.read(page, 0, pageSize, offset);
    const at = page.indexOf(sha256, 0, 'latin1');
    if (at < 0) throw new Error(`the index page holds no ${sha256}`);
    const last = at + sha256.length - 1;
    page[last] = page[last] === 0x30 ? 0x31 : 0x30; // '0' <-> '1', or anything -> '0'
    await file.write(page, 0, pageSize, offset);
  } finally {
    await file.close();
  }
}
