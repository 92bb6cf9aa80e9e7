import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { CatalogError, openCatalog } from '../../../main/catalog/open-catalog';
import { migrations } from '../../../main/catalog/migrations';
import { PhotoRepository } from '../../../main/catalog/photo-repository';
import { searchWords, toFtsQuery } from '../../../main/model/search-words';
import { newPhoto } from '../../support/new-photo';
import { tempDir } from '../../support/temp-dir';

const photo = newPhoto;

describe('PhotoRepository', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let db: DatabaseSync;
  let photos: PhotoRepository;

  beforeEach(async () => {
    dir = await tempDir('catalog');
    db = openCatalog(join(dir.path, 'catalog.sqlite'));
    photos = new PhotoRepository(db);
  });
  afterEach(async () => {
    db.close();
    await dir.remove();
  });

  it('inserts once per content hash and finds the photo by hash', () => {
    const id = photos.insert(photo(1));
    expect(id).toBeGreaterThan(0);
    expect(photos.insert(photo(1, { filename: 'copy.jpg' }))).toBeNull();
    expect(photos.findBySha(photo(1).sha256)).toEqual({ id, filename: 'IMG_1.jpg', format: 'jpg' });
    expect(photos.count()).toBe(1);
  });

  it('pages newest first by taken-at, falling back to import time', () => {
    photos.insert(photo(1, { takenAt: Date.UTC(2020, 0, 1) }));
    photos.insert(photo(2)); // no taken-at: sorts by its import time (2023)
    photos.insert(photo(3, { takenAt: Date.UTC(2024, 0, 1) }));
    const newest = photos.page({ sort: 'taken-desc', offset: 0, limit: 10 });
    expect(newest.total).toBe(3);
    expect(newest.items.map((p) => p.filename)).toEqual(['IMG_3.jpg', 'IMG_2.jpg', 'IMG_1.jpg']);
    const oldest = photos.page({ sort: 'taken-asc', offset: 1, limit: 1 });
    expect(oldest.items.map((p) => p.filename)).toEqual(['IMG_2.jpg']);
    const recent = photos.page({ sort: 'imported-desc', offset: 0, limit: 10 });
    expect(recent.items.map((p) => p.filename)).toEqual(['IMG_3.jpg', 'IMG_2.jpg', 'IMG_1.jpg']);
  });

  it('answers details and null for a missing id', () => {
    const id = photos.insert(photo(5, { camera: 'Canon EOS R5', takenAt: 42 }))!;
    expect(photos.get(id)).toMatchObject({
      id,
      camera: 'Canon EOS R5',
      takenAt: 42,
      sortAt: 42,
      dated: true,
      description: '',
    });
    const undated = photos.insert(photo(6, { takenAt: null, importedAt: 77 }))!;
    expect(photos.get(undated)).toMatchObject({ takenAt: null, sortAt: 77, dated: false });
    expect(photos.get(id + 100)).toBeNull();
  });

  it('finds photos by words of their file name or camera, as prefixes', () => {
    photos.insert(photo(1, { filename: 'beach-sunset.jpg' }));
    photos.insert(photo(2, { filename: 'mountain.jpg', camera: 'Fujifilm X100V' }));
    const search = (query: string) =>
      photos.page({ sort: 'taken-desc', offset: 0, limit: 10, query });
    expect(search('sun').items.map((p) => p.filename)).toEqual(['beach-sunset.jpg']);
    expect(search('fuji').items.map((p) => p.filename)).toEqual(['mountain.jpg']);
    expect(search('"unbalanced AND (')).toMatchObject({ total: 0, items: [] });
    expect(search('  ').total).toBe(2);
  });

  it('finds photos by label terms at or above the minimum confidence, every word required', () => {
    const dog = photos.insert(photo(1, { filename: 'a.jpg' }))!;
    const cat = photos.insert(photo(2, { filename: 'b.jpg' }))!;
    const addTerm = (id: number, term: string, confidence: number) =>
      db
        .prepare('INSERT INTO label_terms (term, photo_id, confidence) VALUES (?, ?, ?)')
        .run(term, id, confidence);
    addTerm(dog, 'dog', 97);
    addTerm(dog, 'animal', 99);
    addTerm(cat, 'cat', 60);
    addTerm(cat, 'animal', 90);
    const search = (query: string, min: number) =>
      photos.page({ sort: 'taken-desc', offset: 0, limit: 10, query }, min).items.map((p) => p.id);
    expect(search('Dog', 50)).toEqual([dog]);
    expect(search('anim', 50)).toEqual([cat, dog]);
    expect(search('cat', 50)).toEqual([cat]);
    expect(search('cat', 70)).toEqual([]);
    expect(search('animal b.jpg', 50)).toEqual([cat]);
    // A kept search is dropped as soon as the catalog changes.
    addTerm(cat, 'dog', 80);
    expect(search('dog', 50)).toEqual([cat, dog]);
  });

  it('pages through search results in grid order', () => {
    const ids = Array.from({ length: 7 }, (_, n) =>
      photos.insert(photo(n + 1, { filename: `beach-${n + 1}.jpg`, takenAt: n * 1000 }))!,
    );
    photos.insert(photo(99, { filename: 'forest.jpg' }));
    const pageAt = (offset: number) =>
      photos.page({ sort: 'taken-asc', offset, limit: 3, query: 'beach' });
    expect(pageAt(0)).toMatchObject({ total: 7, offset: 0 });
    const seen = [0, 3, 6].flatMap((offset) => pageAt(offset).items.map((p) => p.id));
    expect(seen).toEqual(ids);
    expect(pageAt(9).items).toEqual([]);
  });

  it('filters by label name, shows the top labels and derives the cloud state', () => {
    const id = photos.insert(photo(1))!;
    photos.insert(photo(2));
    const addLabel = (name: string, confidence: number) =>
      db
        .prepare(
          "INSERT INTO labels (photo_id, name, confidence, source) VALUES (?, ?, ?, 'rekognition')",
        )
        .run(id, name, confidence);
    for (const [name, confidence] of [
      ['Dog', 97],
      ['Animal', 99],
      ['Pet', 80],
      ['Grass', 61],
    ] as const)
      addLabel(name, confidence);
    db.prepare("INSERT INTO upload_jobs (photo_id, state, queued_at) VALUES (?, 'running', 0)").run(
      id,
    );
    const page = photos.page({ sort: 'taken-desc', offset: 0, limit: 10, label: 'dog' }, 70);
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({
      id,
      cloud: 'uploading',
      topLabels: [
        { name: 'Animal', confidence: 99 },
        { name: 'Dog', confidence: 97 },
        { name: 'Pet', confidence: 80 },
      ],
    });
    expect(photos.get(id, 70)?.labels.map((l) => l.name)).toEqual(['Animal', 'Dog', 'Pet']);
    expect(photos.page({ sort: 'taken-desc', offset: 0, limit: 10, label: 'dog' }, 98).total).toBe(
      0,
    );
  });

  it('shows the most specific labels on tiles, and counts those below the confidence', () => {
    const id = photos.insert(photo(1))!;
    const put = db.prepare(
      "INSERT INTO labels (photo_id, name, confidence, parents, source) VALUES (?, ?, ?, ?, 'rekognition')",
    );
    for (const [name, confidence, parents] of [
      ['Nature', 99, []],
      ['Outdoors', 98, []],
      ['Beach', 95, ['Nature', 'Outdoors', 'Shoreline']],
      ['Shoreline', 96, ['Nature']],
      ['Sea', 90, ['Water']],
      ['Water', 91, []],
      ['Sand', 40, ['Nature']],
    ] as const) {
      put.run(id, name, confidence, JSON.stringify(parents));
    }
    const [tile] = photos.page({ sort: 'taken-desc', offset: 0, limit: 1 }, 50).items;
    expect(tile?.topLabels.map((label) => label.name)).toEqual(['Beach', 'Sea']);
    expect(photos.get(id, 50)?.labelsBelowConfidence).toBe(1);
    expect(photos.get(id, 0)?.labelsBelowConfidence).toBe(0);
  });

  it('reopens an existing catalog without running its migrations again', () => {
    photos.insert(photo(1));
    db.close();
    db = openCatalog(join(dir.path, 'catalog.sqlite'));
    photos = new PhotoRepository(db);
    expect(photos.count()).toBe(1);
    expect((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version).toBe(
      migrations.length,
    );
    expect((db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode).toBe(
      'wal',
    );
  });

  it('refuses a catalog written by a newer schema, saying what to do', () => {
    db.exec(`PRAGMA user_version = ${migrations.length + 1}`);
    db.close();
    expect(() => openCatalog(join(dir.path, 'catalog.sqlite'))).toThrow(CatalogError);
    expect(() => openCatalog(join(dir.path, 'catalog.sqlite'))).toThrow(/newer Shoebox/);
    db = new DatabaseSync(':memory:');
  });
});

describe('searchWords', () => {
  it('lower-cases, folds accents and splits on punctuation', () => {
    expect(searchWords('Golden Retriever')).toEqual(['golden', 'retriever']);
    expect(searchWords('Café—Zürich!')).toEqual(['cafe', 'zurich']);
    expect(searchWords(' " ( ')).toEqual([]);
  });
});

describe('toFtsQuery', () => {
  it('keeps words and drops FTS syntax', () => {
    expect(toFtsQuery('beach  sun*')).toBe('"beach"* "sun"*');
    expect(toFtsQuery('" OR ( NEAR')).toBe('"OR"* "NEAR"*');
    expect(toFtsQuery('  ')).toBe('');
    expect(toFtsQuery('Zürich café')).toBe('"Zürich"* "café"*');
  });
});
