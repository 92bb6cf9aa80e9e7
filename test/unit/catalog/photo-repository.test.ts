import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { CatalogError, openCatalog } from '../../../main/catalog/open-catalog';
import { migrations } from '../../../main/catalog/migrations';
import { PhotoRepository, toFtsQuery, type NewPhoto } from '../../../main/catalog/photo-repository';
import { tempDir } from '../../support/temp-dir';

function photo(n: number, overrides: Partial<NewPhoto> = {}): NewPhoto {
  return {
    sha256: n.toString(16).padStart(64, '0'),
    format: 'jpg',
    byteSize: 1000 + n,
    width: 640,
    height: 480,
    orientation: null,
    takenAt: null,
    importedAt: 1_700_000_000_000 + n,
    camera: null,
    filename: `IMG_${n}.jpg`,
    sourcePath: `/photos/IMG_${n}.jpg`,
    ...overrides,
  };
}

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
      description: '',
    });
    expect(photos.get(id + 100)).toBeNull();
  });

  it('finds photos by words of their file name or camera, as prefixes', () => {
    photos.insert(photo(1, { filename: 'beach-sunset.jpg' }));
    photos.insert(photo(2, { filename: 'mountain.jpg', camera: 'Fujifilm X100V' }));
    expect(photos.search('sun', 10).map((p) => p.filename)).toEqual(['beach-sunset.jpg']);
    expect(photos.search('fuji', 10).map((p) => p.filename)).toEqual(['mountain.jpg']);
    expect(photos.search('"unbalanced AND (', 10)).toEqual([]);
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

describe('toFtsQuery', () => {
  it('keeps words and drops FTS syntax', () => {
    expect(toFtsQuery('beach  sun*')).toBe('"beach"* "sun"*');
    expect(toFtsQuery('" OR ( NEAR')).toBe('"OR"* "NEAR"*');
    expect(toFtsQuery('  ')).toBe('');
    expect(toFtsQuery('Zürich café')).toBe('"Zürich"* "café"*');
  });
});
