import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { AlbumRepository } from '../../../main/catalog/album-repository';
import { openCatalog } from '../../../main/catalog/open-catalog';
import { OrganiseRepository } from '../../../main/catalog/organise-repository';
import { photoMetaOf } from '../../../main/catalog/photo-meta-source';
import { PhotoRepository } from '../../../main/catalog/photo-repository';
import { resolveTargets } from '../../../main/photos/photo-targets';
import { newPhoto } from '../../support/new-photo';
import { tempDir } from '../../support/temp-dir';

const album = 'aaaaaaaa-0000-4000-8000-000000000001';

describe('the Trash, favorites and albums in the catalog', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let db: DatabaseSync;
  let photos: PhotoRepository;
  let organise: OrganiseRepository;
  let albums: AlbumRepository;
  let ids: number[];

  beforeEach(async () => {
    dir = await tempDir('organise');
    db = openCatalog(join(dir.path, 'catalog.sqlite'));
    photos = new PhotoRepository(db);
    organise = new OrganiseRepository(db);
    albums = new AlbumRepository(db);
    ids = [1, 2, 3, 4].map((n) => photos.insert(newPhoto(n, { takenAt: n * 1000 }))!);
  });
  afterEach(async () => {
    db.close();
    await dir.remove();
  });

  const pageIds = (scope: 'library' | 'favorites' | 'trash' | 'album', query?: string) =>
    photos
      .page({
        sort: 'taken-asc',
        offset: 0,
        limit: 10,
        scope,
        ...(scope === 'album' ? { album } : {}),
        ...(query ? { query } : {}),
      })
      .items.map((photo) => photo.id);

  it('a trashed photo leaves the library, its search and its count, and shows in the Trash', () => {
    const [a, b] = ids as [number, number];
    expect(organise.trash([a, a], 5000)).toEqual([a]);
    expect(organise.trash([a], 6000)).toEqual([]); // already there
    expect(pageIds('library')).toEqual(ids.slice(1));
    expect(pageIds('library', 'IMG_1')).toEqual([]);
    expect(pageIds('trash')).toEqual([a]);
    expect(photos.count()).toBe(3);
    expect(
      photos.page({ sort: 'taken-asc', offset: 0, limit: 1, scope: 'trash' }).items[0]?.trashedAt,
    ).toBe(5000);

    expect(organise.trashedBefore(5001, { cloudToo: true })).toEqual([a]);
    expect(organise.trashedBefore(5000, { cloudToo: true })).toEqual([]);
    expect(organise.restore([a, b], 7000)).toEqual([a]);
    expect(pageIds('trash')).toEqual([]);
    expect(photoMetaOf(db, a)?.trash).toEqual({ trashedAt: null, updatedAt: 7000 });
  });

  it('a change made with a clock behind the last one still counts as later', () => {
    const [a] = ids as [number];
    organise.trash([a], 9000);
    organise.restore([a], 100); // this device's clock is behind
    expect(photoMetaOf(db, a)?.trash.updatedAt).toBe(9001);
  });

  it('favorites show in their own view and in the document', () => {
    const [, b, c] = ids as [number, number, number];
    expect(organise.setFavorite([b, c], true, 1000)).toEqual([b, c]);
    expect(organise.setFavorite([b], true, 1000)).toEqual([]);
    expect(pageIds('favorites')).toEqual([b, c]);
    organise.trash([c], 2000);
    expect(pageIds('favorites')).toEqual([b]);
    expect(photoMetaOf(db, b)?.favorite).toEqual({ value: true, updatedAt: 1000 });
  });

  it('an album keeps the order photos were put in it; a photo may be in many', () => {
    const [a, b, c, d] = ids as [number, number, number, number];
    albums.create(album, 'Holiday', 1000);
    const other = 'bbbbbbbb-0000-4000-8000-000000000002';
    albums.create(other, 'Beach', 1000);
    expect(albums.setMembers(album, [c, a], true, 2000)).toEqual([c, a]);
    expect(albums.setMembers(album, [d], true, 3000)).toEqual([d]);
    expect(albums.setMembers(other, [a], true, 3000)).toEqual([a]);
    expect(albums.setMembers(album, [a, 9999], true, 4000)).toEqual([]); // member, unknown
    // c and a went in together at 2000 (then by id), d after.
    expect(pageIds('album')).toEqual(
      [a, c, d]
        .sort((x, y) => x - y)
        .slice(0, 2)
        .concat(d),
    );
    expect(albums.list().map((entry) => [entry.name, entry.count])).toEqual([
      ['Beach', 1],
      ['Holiday', 3],
    ]);
    expect(albums.setMembers(album, [c], false, 5000)).toEqual([c]);
    expect(pageIds('album')).not.toContain(c);
    expect(photoMetaOf(db, c)?.albums).toEqual([{ album, added: false, at: 5000 }]);
    expect(photoMetaOf(db, a)?.albums.map((entry) => entry.album)).toEqual([album, other]);
    expect(pageIds('album')).not.toContain(b);

    expect(albums.rename(album, 'Summer', 6000)).toBe(true);
    expect(albums.docOf(album)?.name).toEqual({ text: 'Summer', updatedAt: 6000 });
    expect(albums.delete(album, 7000)).toBe(true);
    expect(albums.list().map((entry) => entry.name)).toEqual(['Beach']);
    expect(albums.rename(album, 'Again', 8000)).toBe(false);
  });

  it('brings a deleted album back under a new id, with its name, photos and order', () => {
    const [a, b, c] = ids as [number, number, number];
    albums.create(album, 'Holiday', 1000);
    albums.setMembers(album, [c], true, 2000);
    albums.setMembers(album, [a, b], true, 3000);
    albums.setMembers(album, [b], false, 4000);
    expect(albums.delete(album, 5000)).toBe(true);
    const again = 'cccccccc-0000-4000-8000-000000000003';
    // The photos' documents go up again: they carry the new membership.
    db.exec('UPDATE photos SET meta_synced_at = meta_changed_at');

    expect(albums.remake(album, again, 6000)).toBe(true);
    expect(albums.list()).toEqual([{ id: again, name: 'Holiday', count: 2 }]);
    expect(
      photos
        .page({ sort: 'taken-asc', offset: 0, limit: 10, scope: 'album', album: again })
        .items.map((photo) => photo.id),
    ).toEqual([c, a]);
    expect(photoMetaOf(db, a)?.albums).toContainEqual({ album: again, added: true, at: 3000 });
    expect(photoMetaOf(db, b)?.albums.map((entry) => entry.album)).not.toContain(again);
    const changed = db
      .prepare('SELECT id FROM photos WHERE meta_changed_at > meta_synced_at ORDER BY id')
      .all()
      .map((row) => row.id);
    expect(changed).toEqual([a, c].sort((x, y) => x - y));
    // The deletion stays in the old album's document, which may be on other devices already.
    expect(albums.docOf(album)?.deletedAt).toBe(5000);
    expect(albums.docOf(again)).toMatchObject({ name: { text: 'Holiday' }, deletedAt: null });
    expect(albums.toPublish().map((dirty) => dirty.id)).toContain(again);

    // Only a deleted album can be brought back.
    expect(albums.remake(again, 'eeeeeeee-0000-4000-8000-000000000005', 7000)).toBe(false);
    expect(albums.remake('ffffffff-0000', 'eeeeeeee-0000-4000-8000-000000000005', 7000)).toBe(
      false,
    );
  });

  it('resolves "all of this view but these" without the renderer listing them', () => {
    const [a, b, c, d] = ids as [number, number, number, number];
    organise.trash([d], 1000);
    const viewIds = (view: Parameters<PhotoRepository['viewIds']>[0]) => photos.viewIds(view);
    expect(resolveTargets({ view: { sort: 'taken-asc' }, except: [b] }, viewIds)).toEqual([a, c]);
    expect(
      resolveTargets({ view: { sort: 'taken-asc', scope: 'trash' }, except: [] }, viewIds),
    ).toEqual([d]);
    expect(resolveTargets({ ids: [c, c, a] }, viewIds)).toEqual([c, a]);
  });
});
