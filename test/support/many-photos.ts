import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { openCatalog } from '../../main/catalog/open-catalog';

/**
 * Adds `count` photos' rows to the catalog at `file` (made if missing) in one SQL statement, so a
 * test gets a catalog whose full check takes seconds in as many seconds: about 3 s to add a
 * million here, whose `integrity_check` then takes 3 to 4 s. Rows only, no files.
 */
export function addManyPhotoRows(file: string, count: number): void {
  mkdirSync(dirname(file), { recursive: true });
  const db = openCatalog(file);
  try {
    db.exec(`
      INSERT INTO photos (sha256, format, byte_size, width, height, orientation, taken_at,
                          imported_at, camera, filename, source_path)
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count})
      SELECT lower(hex(randomblob(32))), 'jpg', 3000000 + i, 4000, 3000, 1,
             1420070400000 + i * 3600000, 1796678450795, 'Canon EOS R5',
             'beach-' || i || '.jpg', '/seed/' || i || '.jpg'
      FROM n`);
  } finally {
    db.close();
  }
}
