import { describe, expect, it } from 'vitest';
import { mergePhotoMeta, parsePhotoMeta, type PhotoMeta } from '../../../main/model/photo-meta';

const base: PhotoMeta = {
  version: 1,
  sha256: 'a'.repeat(64),
  format: 'jpg',
  byteSize: 1234,
  width: 640,
  height: 480,
  orientation: 1,
  takenAt: null,
  importedAt: 1000,
  camera: null,
  filename: 'IMG_1.jpg',
  description: { text: '', updatedAt: 0 },
  labels: null,
  labelEdits: [],
  trash: { trashedAt: null, updatedAt: 0 },
  favorite: { value: false, updatedAt: 0 },
  albums: [],
  updatedAt: 1000,
};

describe('mergePhotoMeta', () => {
  it('keeps the later description and the later labelling, whichever side they are on', () => {
    const mine = {
      ...base,
      description: { text: 'at the beach', updatedAt: 5000 },
      updatedAt: 5000,
    };
    const theirs = {
      ...base,
      labels: { raw: { Labels: [] }, modelVersion: '3.0', labelledAt: 3000 },
      description: { text: 'old', updatedAt: 2000 },
      updatedAt: 3000,
    };
    const merged = mergePhotoMeta(mine, theirs);
    expect(merged.description.text).toBe('at the beach');
    expect(merged.labels?.labelledAt).toBe(3000);
    expect(merged.updatedAt).toBe(5000);
    expect(mergePhotoMeta(theirs, mine)).toEqual(merged);
  });

  it('merges label edits name by name, the later edit winning, so no edit is lost', () => {
    const mine = {
      ...base,
      labelEdits: [
        { name: 'Dog', action: 'remove' as const, at: 10 },
        { name: 'Beach', action: 'add' as const, at: 5 },
      ],
    };
    const theirs = {
      ...base,
      labelEdits: [
        { name: 'dog', action: 'add' as const, at: 20 },
        { name: 'Cat', action: 'add' as const, at: 1 },
      ],
    };
    expect(mergePhotoMeta(mine, theirs).labelEdits).toEqual([
      { name: 'Beach', action: 'add', at: 5 },
      { name: 'Cat', action: 'add', at: 1 },
      { name: 'dog', action: 'add', at: 20 },
    ]);
  });

  it('breaks a tie between descriptions the same way on every device', () => {
    const a = { ...base, description: { text: 'short', updatedAt: 7 } };
    const b = { ...base, description: { text: 'much longer', updatedAt: 7 } };
    expect(mergePhotoMeta(a, b).description.text).toBe('much longer');
    expect(mergePhotoMeta(b, a).description.text).toBe('much longer');
  });
});

describe('parsePhotoMeta', () => {
  it('answers null for text that is not a metadata document', () => {
    expect(parsePhotoMeta(JSON.stringify(base))).toEqual(base);
    expect(parsePhotoMeta('{')).toBeNull();
    expect(parsePhotoMeta(JSON.stringify({ ...base, sha256: 'nope' }))).toBeNull();
  });
});

describe('merging the Trash, favorites and albums', () => {
  it('the later Trash and favorite changes win, whichever side they are on', () => {
    const trashedHere = { ...base, trash: { trashedAt: 5000, updatedAt: 5000 } };
    const restoredThere = {
      ...base,
      trash: { trashedAt: null, updatedAt: 6000 },
      favorite: { value: true, updatedAt: 2000 },
    };
    const merged = mergePhotoMeta(trashedHere, restoredThere);
    expect(merged.trash).toEqual({ trashedAt: null, updatedAt: 6000 });
    expect(merged.favorite.value).toBe(true);
    expect(mergePhotoMeta(restoredThere, trashedHere)).toEqual(merged);
  });

  it('merges album membership album by album; a removal beats an older add', () => {
    const a = 'aaaaaaaa-0000-4000-8000-000000000001';
    const b = 'bbbbbbbb-0000-4000-8000-000000000002';
    const c = 'cccccccc-0000-4000-8000-000000000003';
    const mine = {
      ...base,
      albums: [
        { album: a, added: true, at: 1000 },
        { album: b, added: false, at: 3000 },
      ],
    };
    const theirs = {
      ...base,
      albums: [
        { album: b, added: true, at: 2000 },
        { album: c, added: true, at: 2500 },
      ],
    };
    const merged = mergePhotoMeta(mine, theirs);
    expect(merged.albums).toEqual([
      { album: a, added: true, at: 1000 },
      { album: b, added: false, at: 3000 },
      { album: c, added: true, at: 2500 },
    ]);
    expect(mergePhotoMeta(theirs, mine).albums).toEqual(merged.albums);
  });

  it('reads documents written before the Trash existed as not trashed, no favorite, no albums', () => {
    const old: Partial<PhotoMeta> = { ...base };
    delete old.trash;
    delete old.favorite;
    delete old.albums;
    const parsed = parsePhotoMeta(JSON.stringify(old));
    expect(parsed?.trash).toEqual({ trashedAt: null, updatedAt: 0 });
    expect(parsed?.favorite).toEqual({ value: false, updatedAt: 0 });
    expect(parsed?.albums).toEqual([]);
  });
});
