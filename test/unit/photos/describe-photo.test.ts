import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CloudCatalog } from '../../../main/catalog/cloud-catalog';
import { openCatalog } from '../../../main/catalog/open-catalog';
import { photoMetaOf } from '../../../main/catalog/photo-meta-source';
import { PhotoRepository } from '../../../main/catalog/photo-repository';
import { AppError } from '../../../main/model/app-error';
import { describePhoto } from '../../../main/photos/describe-photo';
import { newPhoto } from '../../support/new-photo';
import { tempDir } from '../../support/temp-dir';

describe('describePhoto', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let db: DatabaseSync;
  let id: number;

  beforeEach(async () => {
    dir = await tempDir('describe');
    db = openCatalog(join(dir.path, 'catalog.sqlite'));
    id = new PhotoRepository(db).insert(
      newPhoto(1, { sha256: 'a'.repeat(64), byteSize: 10, width: 4, height: 3, importedAt: 1000 }),
    )!;
    db.prepare('UPDATE photos SET in_cloud = 1 WHERE id = ?').run(id);
  });
  afterEach(async () => {
    db.close();
    await dir.remove();
  });

  const row = () =>
    db
      .prepare(
        'SELECT description, description_updated_at, meta_changed_at, meta_synced_at FROM photos WHERE id = ?',
      )
      .get(id);

  it('saves the text with its time and marks the metadata document for sending', () => {
    expect(describePhoto(new PhotoRepository(db), id, 'Grandma’s 90th', 5000)).toBe(true);

    expect(row()).toEqual({
      description: 'Grandma’s 90th',
      description_updated_at: 5000,
      meta_changed_at: 5000,
      meta_synced_at: 0,
    });
    expect(new CloudCatalog(db).metaToPublish()).toEqual([
      { id, sha256: 'a'.repeat(64), changedAt: 5000 },
    ]);
    expect(photoMetaOf(db, id)?.description).toEqual({ text: 'Grandma’s 90th', updatedAt: 5000 });
  });

  it('finds the new text in search', () => {
    describePhoto(new PhotoRepository(db), id, 'Birthday cake on the terrace', 5000);

    const page = new PhotoRepository(db).page({
      sort: 'taken-desc',
      offset: 0,
      limit: 10,
      query: 'terrace',
    });
    expect(page.items.map((p) => p.id)).toEqual([id]);
  });

  it('stamps an edit after everything seen, even when this clock is behind', () => {
    // Another device's description arrived stamped ahead of this machine's clock.
    db.prepare(
      'UPDATE photos SET description_updated_at = 9000, meta_changed_at = 9000, meta_synced_at = 9000 WHERE id = ?',
    ).run(id);

    describePhoto(new PhotoRepository(db), id, 'Corrected here', 7000);

    expect(row()).toMatchObject({ description_updated_at: 9001, meta_changed_at: 9001 });
    expect(new CloudCatalog(db).metaToPublish()).toHaveLength(1);
  });

  it('answers false for a photo that is not there', () => {
    expect(describePhoto(new PhotoRepository(db), id + 1, 'Nobody', 5000)).toBe(false);
  });

  it('refuses text longer than a metadata document holds, changing nothing', () => {
    expect(() => describePhoto(new PhotoRepository(db), id, 'x'.repeat(2001), 5000)).toThrow(
      AppError,
    );
    expect(() => describePhoto(new PhotoRepository(db), id, 'x'.repeat(2001), 5000)).toThrow(
      /at most 2000/,
    );
    expect(row()).toMatchObject({ description: '', meta_changed_at: 0 });
  });
});
