import { describe, expect, it } from 'vitest';
import { mergeAlbumDocs, parseAlbumDoc, type AlbumDoc } from '../../../main/model/album-doc';

const album: AlbumDoc = {
  version: 1,
  id: 'aaaaaaaa-0000-4000-8000-000000000001',
  name: { text: 'Holiday', updatedAt: 1000 },
  createdAt: 1000,
  deletedAt: null,
  updatedAt: 1000,
};

describe('album documents', () => {
  it('the later name wins; ties pick the same name on every device', () => {
    const renamed = { ...album, name: { text: 'Summer', updatedAt: 3000 }, updatedAt: 3000 };
    expect(mergeAlbumDocs(album, renamed).name.text).toBe('Summer');
    expect(mergeAlbumDocs(renamed, album).name.text).toBe('Summer');
    const tieA = { ...album, name: { text: 'A', updatedAt: 5 } };
    const tieB = { ...album, name: { text: 'B', updatedAt: 5 } };
    expect(mergeAlbumDocs(tieA, tieB)).toEqual(mergeAlbumDocs(tieB, tieA));
  });

  it('a deletion on any device stands, even against a later rename', () => {
    const deleted = { ...album, deletedAt: 2000, updatedAt: 2000 };
    const renamedLater = { ...album, name: { text: 'Summer', updatedAt: 4000 }, updatedAt: 4000 };
    expect(mergeAlbumDocs(deleted, renamedLater).deletedAt).toBe(2000);
    expect(mergeAlbumDocs(renamedLater, deleted).deletedAt).toBe(2000);
  });

  it('refuses what is not an album document', () => {
    expect(parseAlbumDoc('{')).toBeNull();
    expect(parseAlbumDoc(JSON.stringify({ ...album, id: '../other' }))).toBeNull();
    expect(parseAlbumDoc(JSON.stringify(album))).toEqual(album);
  });
});
