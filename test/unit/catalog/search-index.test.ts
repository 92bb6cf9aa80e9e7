import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../main/catalog/migrations';
import { openCatalog } from '../../../main/catalog/open-catalog';
import { PhotoRepository } from '../../../main/catalog/photo-repository';
import { toFtsQuery } from '../../../main/model/search-words';
import { newPhoto } from '../../support/new-photo';
import { seededRandom } from '../../support/seeded-random';
import { tempDir } from '../../support/temp-dir';

// Words that share first letters, numbers (a first digit starts many), accents and case.
const words = ['Café', 'cafe', 'CAT', 'canal', 'Zürich', 'zoo', 'IMG', 'dunes', 'Ärger', 'a'];
const cameras = ['Canon EOS R5', 'Fujifilm X100V', null];

/** What a search would type: every word's first one, two and three letters, and a few more. */
function prefixes(db: DatabaseSync): string[] {
  const tokens = db
    .prepare('SELECT filename, camera, description FROM photos')
    .all()
    .flatMap((row) => Object.values(row).flatMap((text) => String(text).split(/[^\p{L}\p{N}]+/u)));
  const found = new Set(['é', 'É', 'ü', 'Zu', '12', '7', 'x1', 'q']);
  for (const token of tokens)
    for (const n of [1, 2, 3]) if (token.length >= n) found.add(token.slice(0, n));
  return [...found].sort();
}

/** Each prefix's matches in `table`, in id order. */
function matches(db: DatabaseSync, table: string, all: readonly string[]): [string, number[]][] {
  const query = db.prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid`);
  return all.map((prefix) => [
    prefix,
    query.all(toFtsQuery(prefix)).map((row) => Number(row['rowid'])),
  ]);
}

/** The same matches from a search index without prefix entries, built afresh from the photos. */
function reference(db: DatabaseSync, all: readonly string[]): [string, number[]][] {
  db.exec(`DROP TABLE IF EXISTS reference_fts;
    CREATE VIRTUAL TABLE reference_fts USING fts5(filename, camera, description,
      content = 'photos', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
    INSERT INTO reference_fts (reference_fts) VALUES ('rebuild');`);
  const found = matches(db, 'reference_fts', all);
  db.exec('DROP TABLE reference_fts');
  return found;
}

describe('the search index with prefix entries (migration 10)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    dir = await tempDir('search-index');
  });
  afterEach(() => dir.remove());

  it('finds what it found before for every prefix, and after photos are added, described and deleted', () => {
    const next = seededRandom(5);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
    const text = () => Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(words));
    const photo = (n: number) =>
      newPhoto(n, {
        filename: `${text().join('_')}-${Math.floor(next() * 2000)}.jpg`,
        camera: pick(cameras),
      });

    // A catalog as the previous build left it (schema 9).
    const file = join(dir.path, 'old.sqlite');
    const old = new DatabaseSync(file);
    migrations.slice(0, 9).forEach((migration) => old.exec(migration));
    old.exec('PRAGMA user_version = 9');
    const oldPhotos = new PhotoRepository(old);
    old.exec('BEGIN');
    for (let n = 1; n <= 150; n++) {
      const id = oldPhotos.insert(photo(n))!;
      if (n % 4 === 0) oldPhotos.describe(id, text().join(' '), n);
    }
    old.exec('COMMIT');
    const all = prefixes(old);
    const before = matches(old, 'photos_fts', all);
    // Not vacuous: most prefixes find some photos.
    expect(before.filter(([, ids]) => ids.length > 0).length).toBeGreaterThan(all.length / 2);
    old.close();

    const db = openCatalog(file);
    const { sql } = db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'photos_fts'").get() as {
      sql: string;
    };
    expect(sql).toContain("prefix = '1 2'");
    expect(matches(db, 'photos_fts', all)).toEqual(before);
    db.exec("INSERT INTO photos_fts (photos_fts, rank) VALUES ('integrity-check', 1)");

    const photos = new PhotoRepository(db);
    const ids = db
      .prepare('SELECT id FROM photos')
      .all()
      .map((row) => Number(row['id']));
    for (let step = 0; step < 120; step++) {
      const roll = next();
      if (roll < 0.4) ids.push(photos.insert(photo(1000 + step))!);
      else if (roll < 0.8) photos.describe(pick(ids), text().join(' '), 1000 + step);
      else {
        const id = pick(ids);
        db.prepare('DELETE FROM photos WHERE id = ?').run(id);
        ids.splice(ids.indexOf(id), 1);
      }
    }
    const now = prefixes(db);
    expect(matches(db, 'photos_fts', now)).toEqual(reference(db, now));
    db.exec("INSERT INTO photos_fts (photos_fts, rank) VALUES ('integrity-check', 1)");
    db.close();
  });
});
