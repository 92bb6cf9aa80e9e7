import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LabelRepository } from '../../../main/catalog/label-repository';
import { migrations } from '../../../main/catalog/migrations';
import { openCatalog } from '../../../main/catalog/open-catalog';
import { PhotoRepository } from '../../../main/catalog/photo-repository';
import { newPhoto } from '../../support/new-photo';
import { seededRandom } from '../../support/seeded-random';
import { tempDir } from '../../support/temp-dir';

/**
 * A tile's labels as they were read before `labels.child_confidence` (migration 8): the three
 * best at the setting that no label of the photo at the setting names as a parent, every
 * parents list read for every label. What the stored number must answer, on any catalog.
 */
function tilesAsBefore(db: DatabaseSync, min: number): Map<number, [string, number][]> {
  const rows = db
    .prepare(
      `SELECT p.id, (SELECT json_group_array(json_array(name, confidence)) FROM (
         SELECT t.name, t.confidence FROM labels t
         WHERE t.photo_id = p.id AND t.confidence >= $min
           AND NOT EXISTS (
             SELECT 1 FROM labels c, json_each(c.parents) j
             WHERE c.photo_id = p.id AND c.confidence >= $min AND lower(j.value) = lower(t.name))
         ORDER BY t.confidence DESC, t.name LIMIT 3)) AS top
       FROM photos p`,
    )
    .all({ min });
  return new Map(rows.map((row) => [Number(row['id']), JSON.parse(String(row['top']))]));
}

function tilesNow(photos: PhotoRepository, min: number): Map<number, [string, number][]> {
  const page = photos.page({ sort: 'taken-desc', offset: 0, limit: 10_000 }, min);
  return new Map(
    page.items.map((item) => [item.id, item.topLabels.map((l) => [l.name, l.confidence])]),
  );
}

/** Labels whose stored child_confidence is not what counting their children afresh gives. */
function staleRows(db: DatabaseSync): unknown[] {
  return db
    .prepare(
      `SELECT photo_id, name, child_confidence, (
         SELECT max(c.confidence) FROM labels c, json_each(c.parents) j
         WHERE c.photo_id = t.photo_id AND lower(j.value) = lower(t.name)) AS counted
       FROM labels t WHERE child_confidence IS NOT counted`,
    )
    .all();
}

const settings = [0, 20, 50, 70, 88.5, 99, 100];

function expectSameTilesAsBefore(db: DatabaseSync, photos: PhotoRepository): void {
  expect(staleRows(db)).toEqual([]);
  for (const min of settings) {
    expect(tilesNow(photos, min), `setting ${min}`).toEqual(tilesAsBefore(db, min));
  }
}

// Names that collide without case, and ones whose non-ASCII letters SQLite does not fold.
const names = ['Animal', 'Dog', 'Pet', 'Puppy', 'Nature', 'Beach', 'Sea', 'Water', 'Café', 'CAFÉ'];

const answer = (labels: [string, number, string[]?][]) => ({
  Labels: labels.map(([Name, Confidence, parents = []]) => ({
    Name,
    Confidence,
    Parents: parents.map((parent) => ({ Name: parent })),
  })),
});

describe('top labels (labels.child_confidence)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let db: DatabaseSync;
  let photos: PhotoRepository;
  let labels: LabelRepository;

  beforeEach(async () => {
    dir = await tempDir('top-labels');
    db = openCatalog(join(dir.path, 'catalog.sqlite'));
    photos = new PhotoRepository(db);
    labels = new LabelRepository(db);
  });
  afterEach(async () => {
    db.close();
    await dir.remove();
  });

  const topNames = (id: number, min: number) =>
    photos.get(id, min)!.topLabels.map((label) => label.name);

  it('hides a parent while a child at the setting names it, in any case, through edits', () => {
    const id = photos.insert(newPhoto(1))!;
    labels.storeResult(id, {
      raw: answer([
        ['Animal', 99],
        ['Dog', 95, ['animal', 'PET']],
        ['Pet', 90],
        ['Puppy', 60, ['dog']],
      ]),
      modelVersion: '3.0',
      labelledAt: 1_000,
    });
    expect(topNames(id, 50)).toEqual(['Puppy']);
    expect(topNames(id, 70)).toEqual(['Dog']);
    expect(topNames(id, 96)).toEqual(['Animal']);
    // Taking Puppy away shows its parent again; confirming it (at 100) hides Dog at any setting.
    labels.removeLabel(id, 'puppy', 2_000);
    expect(topNames(id, 50)).toEqual(['Dog']);
    labels.addLabel(id, 'PUPPY', 3_000);
    expect(topNames(id, 99)).toEqual(['Puppy', 'Animal']);
    // Removing "Pet" drops it from Dog's parents too; Dog still hides Animal.
    labels.removeLabel(id, 'pet', 4_000);
    expect(topNames(id, 0)).toEqual(['Puppy']);
    expect(staleRows(db)).toEqual([]);
    // A new answer replaces the old labels: Dog names no parent any more.
    labels.storeResult(id, {
      raw: answer([
        ['Animal', 99],
        ['Dog', 95],
        ['Sea', 80, ['Water']],
        ['Water', 85],
      ]),
      modelVersion: '3.0',
      labelledAt: 5_000,
    });
    // The person's "PUPPY" is theirs alone now, spelled as they typed it.
    expect(topNames(id, 50)).toEqual(['PUPPY', 'Animal', 'Dog']);
    labels.removeLabel(id, 'dog', 6_000);
    expect(topNames(id, 50)).toEqual(['PUPPY', 'Animal', 'Sea']);
    expect(topNames(id, 81)).toEqual(['PUPPY', 'Animal', 'Water']);
    expect(staleRows(db)).toEqual([]);
    db.prepare('DELETE FROM photos WHERE id = ?').run(id);
    expect(db.prepare('SELECT count(*) AS n FROM labels').get()).toEqual({ n: 0 });
  });

  it('answers what the query it replaces answered, on a randomized catalog and its changes', () => {
    const next = seededRandom(7);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
    const caseOf = (name: string) => pick([name, name.toLowerCase(), name.toUpperCase()]);
    const confidence = () => pick([0, 20, 50, 70, 88.5, 99, 100, Math.round(next() * 1000) / 10]);
    const randomAnswer = () =>
      answer(
        Array.from({ length: 1 + Math.floor(next() * 7) }, () => [
          caseOf(pick(names)),
          confidence(),
          Array.from({ length: Math.floor(next() * 3) }, () => caseOf(pick(names))),
        ]),
      );
    const ids = Array.from({ length: 150 }, (_, n) => photos.insert(newPhoto(n + 1))!);
    for (const id of ids) {
      labels.storeResult(id, { raw: randomAnswer(), modelVersion: '3.0', labelledAt: 1 });
    }
    expectSameTilesAsBefore(db, photos);

    // The person's edits, new answers, and writes straight to the table.
    let at = 10;
    for (let step = 0; step < 400; step++) {
      const id = pick(ids);
      const have = photos.get(id, 0)!.labels.map((label) => label.name);
      const roll = next();
      if (roll < 0.25) labels.addLabel(id, caseOf(pick(names)), at++);
      else if (roll < 0.45 && have.length > 0) labels.removeLabel(id, pick(have), at++);
      else if (roll < 0.65) {
        labels.storeResult(id, { raw: randomAnswer(), modelVersion: '3.0', labelledAt: at++ });
      } else if (roll < 0.75 && have.length > 0) {
        db.prepare('UPDATE labels SET confidence = ? WHERE photo_id = ? AND name = ?').run(
          confidence(),
          id,
          pick(have),
        );
      } else if (roll < 0.85 && have.length > 0) {
        const parents = [caseOf(pick(names)), caseOf(pick(names))];
        db.prepare('UPDATE labels SET parents = ? WHERE photo_id = ? AND name = ?').run(
          JSON.stringify(parents),
          id,
          pick(have),
        );
      } else if (roll < 0.9 && have.length > 0) {
        db.prepare('UPDATE OR IGNORE labels SET name = ? WHERE photo_id = ? AND name = ?').run(
          caseOf(pick(names)),
          id,
          pick(have),
        );
      } else if (roll < 0.95 && have.length > 0) {
        db.prepare('DELETE FROM labels WHERE photo_id = ? AND name = ?').run(id, pick(have));
      } else {
        db.prepare('DELETE FROM photos WHERE id = ?').run(id);
        ids.splice(ids.indexOf(id), 1, photos.insert(newPhoto(1000 + step))!);
      }
      if (step % 100 === 99) expectSameTilesAsBefore(db, photos);
    }
  });

  it('fills child_confidence for the labels of a catalog made before it', () => {
    db.close();
    const file = join(dir.path, 'old.sqlite');
    const old = new DatabaseSync(file);
    migrations.slice(0, 7).forEach((migration) => old.exec(migration));
    old.exec('PRAGMA user_version = 7');
    old.exec(
      `INSERT INTO photos (sha256, format, byte_size, width, height, imported_at, filename,
         source_path) VALUES ('a', 'jpg', 1, 1, 1, 1, 'a.jpg', '/a'), ('b', 'jpg', 1, 1, 1, 2,
         'b.jpg', '/b')`,
    );
    const put = old.prepare(
      "INSERT INTO labels (photo_id, name, confidence, parents, source) VALUES (?, ?, ?, ?, 'rekognition')",
    );
    for (const [photo, name, confidence, parents] of [
      [1, 'Nature', 99, []],
      [1, 'Beach', 95, ['nature', 'Shoreline']],
      [1, 'Shoreline', 96, ['NATURE']],
      [1, 'Sand', 40, ['Nature', 'Beach']],
      [2, 'Nature', 80, []],
      [2, 'Café', 90, ['café']],
      [2, 'Cafe', 70, ['CAFÉ', 'Nature']],
    ] as const) {
      put.run(photo, name, confidence, JSON.stringify(parents));
    }
    old.close();

    db = openCatalog(file);
    photos = new PhotoRepository(db);
    const stored = db
      .prepare('SELECT photo_id, name, child_confidence FROM labels ORDER BY photo_id, name')
      .all()
      .map((row) => [row['photo_id'], row['name'], row['child_confidence']]);
    expect(stored).toEqual([
      [1, 'Beach', 40],
      [1, 'Nature', 96],
      [1, 'Sand', null],
      [1, 'Shoreline', 95],
      [2, 'Cafe', null],
      [2, 'Café', 90],
      [2, 'Nature', 70],
    ]);
    expectSameTilesAsBefore(db, photos);
    expect(topNames(1, 50)).toEqual(['Beach']);
    expect(topNames(2, 75)).toEqual(['Nature']);
  });
});
