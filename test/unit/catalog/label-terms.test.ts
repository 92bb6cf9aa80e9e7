import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LabelRepository } from '../../../main/catalog/label-repository';
import { migrations } from '../../../main/catalog/migrations';
import { openCatalog } from '../../../main/catalog/open-catalog';
import { OrganiseRepository } from '../../../main/catalog/organise-repository';
import { PhotoRepository } from '../../../main/catalog/photo-repository';
import { SearchResults, type SearchFilter } from '../../../main/catalog/search-results';
import { searchWords } from '../../../main/model/search-words';
import { expectedSearch } from '../../support/expected-search';
import { newPhoto } from '../../support/new-photo';
import { seededRandom } from '../../support/seeded-random';
import { tempDir } from '../../support/temp-dir';

// Many terms share their first letters, so a short word's range holds several terms, and a photo
// often has more than one of them; 'C' is a term of its own, as a label's last word often is.
const names = ['Car', 'Cat', 'Cattle', 'Café', 'City', 'C', 'Dog', 'Document', 'Sea', 'Seal'];
const parents = ['Animal', 'Vehicle', 'Plant', 'Palm Tree', 'Sea Life', 'Café'];
const queries = ['c', 'ca', 'cat', 'cafe', 'd', 's', 'se', 'sea', 'p', 'c d', 'ca s', 'plant c'];
const settings = [0, 50, 70, 88.5, 100];

/** Every label term, in one order, whatever the table's key. */
function terms(db: DatabaseSync): unknown[] {
  return db
    .prepare('SELECT term, photo_id, confidence FROM label_terms ORDER BY term, photo_id')
    .all()
    .map((row) => [row['term'], row['photo_id'], row['confidence']]);
}

function filters(): SearchFilter[] {
  return queries.flatMap((query) =>
    settings.map((minConfidence) => ({
      sort: 'taken-desc' as const,
      scope: 'library' as const,
      album: '',
      words: searchWords(query),
      label: '',
      minConfidence,
    })),
  );
}

/** What each search answers (ids in order, and the count), read the way SearchResults reads it. */
function searched(db: DatabaseSync): number[][] {
  const results = new SearchResults(db);
  return filters().map((filter) => {
    const first = results.page(filter, 0, 5);
    const all = [...results.ids(filter)];
    expect([...first.ids]).toEqual(all.slice(0, 5));
    expect(first.total).toBe(all.length);
    return all;
  });
}

function expectSameAsPlainQuery(db: DatabaseSync): void {
  const all = filters().map((filter) => expectedSearch(db, filter));
  expect(searched(db)).toEqual(all);
}

describe('label terms keyed by confidence (migration 9)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    dir = await tempDir('label-terms');
  });
  afterEach(() => dir.remove());

  it('keeps every term of a catalog made before it; searches answer as before, and after changes', () => {
    const next = seededRandom(11);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
    const confidence = () => pick([0, 20, 50, 70, 88.5, 99, 100, Math.round(next() * 1000) / 10]);
    const randomAnswer = () => ({
      Labels: Array.from({ length: 1 + Math.floor(next() * 6) }, () => ({
        Name: pick(names),
        Confidence: confidence(),
        Parents: Array.from({ length: Math.floor(next() * 3) }, () => ({ Name: pick(parents) })),
      })),
    });

    // A catalog as the previous build left it (schema 8), labelled through the repositories,
    // whose statements read and write label_terms the same way under either key.
    const file = join(dir.path, 'old.sqlite');
    const old = new DatabaseSync(file);
    old.exec('PRAGMA foreign_keys = ON');
    migrations.slice(0, 8).forEach((migration) => old.exec(migration));
    old.exec('PRAGMA user_version = 8');
    const oldPhotos = new PhotoRepository(old);
    const oldLabels = new LabelRepository(old);
    old.exec('BEGIN');
    const ids = Array.from({ length: 120 }, (_, n) => {
      const id = oldPhotos.insert(
        newPhoto(n + 1, { takenAt: Date.UTC(2021, 0, 1) + ((n * 7919) % 120) * 60_000 }),
      )!;
      oldLabels.storeResult(id, { raw: randomAnswer(), modelVersion: '3.0', labelledAt: 1 });
      return id;
    });
    old.exec('COMMIT');
    new OrganiseRepository(old).trash(
      ids.filter((id) => id % 9 === 0),
      1,
    );
    const termsBefore = terms(old);
    const before = searched(old);
    expectSameAsPlainQuery(old);
    // Not vacuous: most searches find several photos, and not every photo.
    expect(before.filter((found) => found.length > 5 && found.length < 100).length).toBeGreaterThan(
      before.length / 2,
    );
    old.close();

    const db = openCatalog(file);
    expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: migrations.length });
    expect(terms(db)).toEqual(termsBefore);
    const key = db
      .prepare(
        `SELECT i.name FROM pragma_index_list('label_terms') l, pragma_index_info(l.name) i
         WHERE l.origin = 'pk' ORDER BY i.seqno`,
      )
      .all()
      .map((row) => row['name']);
    expect(key).toEqual(['term', 'confidence', 'photo_id']);
    expect(searched(db)).toEqual(before);

    // New answers, the person's edits, photos deleted (their terms go with them) and added.
    const photos = new PhotoRepository(db);
    const labels = new LabelRepository(db);
    let at = 10;
    for (let step = 0; step < 300; step++) {
      if (step % 100 === 0) db.exec('BEGIN');
      const id = pick(ids);
      const have = photos.get(id, 0)!.labels.map((label) => label.name);
      const roll = next();
      if (roll < 0.3) labels.addLabel(id, pick([...names, ...parents]), at++);
      else if (roll < 0.5 && have.length > 0) labels.removeLabel(id, pick(have), at++);
      else if (roll < 0.9) {
        labels.storeResult(id, { raw: randomAnswer(), modelVersion: '3.0', labelledAt: at++ });
      } else {
        db.prepare('DELETE FROM photos WHERE id = ?').run(id);
        expect(
          db.prepare('SELECT count(*) AS n FROM label_terms WHERE photo_id = ?').get(id),
        ).toEqual({ n: 0 });
        ids.splice(ids.indexOf(id), 1, photos.insert(newPhoto(1000 + step))!);
      }
      if (step % 100 === 99) {
        db.exec('COMMIT');
        expectSameAsPlainQuery(db);
      }
    }
    db.close();
  });
});
