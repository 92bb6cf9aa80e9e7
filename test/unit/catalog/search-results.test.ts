import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseSync } from 'node:sqlite';
import { openCatalog } from '../../../main/catalog/open-catalog';
import { AlbumRepository } from '../../../main/catalog/album-repository';
import { LabelRepository } from '../../../main/catalog/label-repository';
import { OrganiseRepository } from '../../../main/catalog/organise-repository';
import { PhotoRepository } from '../../../main/catalog/photo-repository';
import { initials } from '../../../main/catalog/search-matches';
import { SearchResults, type SearchFilter } from '../../../main/catalog/search-results';
import { searchWords } from '../../../main/model/search-words';
import { newPhoto } from '../../support/new-photo';
import { expectedSearch } from '../../support/expected-search';

const words = ['beach', 'harbour', 'market', 'sunset', 'garden', 'river', 'party', 'snow'];
const parents = ['Animal', 'Food', 'Vehicle', 'Plant', 'Sport'];

/** A DetectLabels-shaped answer for photo `n`: three labels with a parent each, spread out. */
function answer(n: number): unknown {
  return {
    LabelModelVersion: '3.0',
    Labels: [0, 1, 2].flatMap((i) => {
      const parent = parents[(n + i * 2) % parents.length] ?? '';
      const name = `${parent} ${'ABCD'[(n * 3 + i) % 4] ?? ''}`;
      const confidence = 50 + ((n * 37 + i * 11) % 50);
      return [
        { Name: name, Confidence: confidence, Parents: [{ Name: parent }] },
        { Name: parent, Confidence: Math.min(99, confidence + 5), Parents: [] },
      ];
    }),
  };
}

describe('SearchResults', () => {
  let db: DatabaseSync;

  beforeAll(() => {
    db = openCatalog(':memory:');
    const photos = new PhotoRepository(db);
    const labels = new LabelRepository(db);
    const ids: number[] = [];
    db.exec('BEGIN');
    for (let n = 1; n <= 400; n++) {
      const id = photos.insert(
        newPhoto(n, {
          // Every third photo shares its time with the next, so ties fall back to the id; a few
          // have no date and sort by when they were added.
          takenAt: n % 17 === 0 ? null : Date.UTC(2020, 0, 1) + Math.floor(n / 3) * 60_000,
          importedAt: 1_700_000_000_000 + ((n * 7919) % 400) * 1000,
          camera: n % 3 === 0 ? 'Canon EOS R5' : 'Fujifilm X100V',
          filename: `${words[n % words.length]}-${words[(n * 3) % words.length]}-${n}.jpg`,
        }),
      )!;
      ids.push(id);
      labels.storeResult(id, { raw: answer(n), modelVersion: '3.0', labelledAt: n });
      if (n % 13 === 0) photos.describe(id, 'Café at the harbour, Zürich', n);
    }
    db.exec('COMMIT');
    const organise = new OrganiseRepository(db);
    organise.trash(
      ids.filter((id) => id % 11 === 0),
      1,
    );
    organise.setFavorite(
      ids.filter((id) => id % 5 === 0),
      true,
      1,
    );
    const albums = new AlbumRepository(db);
    albums.create('album-1', 'Trip', 1);
    // Put in out of id order, in batches at different times, and some taken out again.
    albums.setMembers(
      'album-1',
      ids
        .filter((id) => id % 3 === 0)
        .reverse()
        .slice(0, 60),
      true,
      5,
    );
    albums.setMembers(
      'album-1',
      ids.filter((id) => id % 7 === 0),
      true,
      9,
    );
    albums.setMembers(
      'album-1',
      ids.filter((id) => id % 9 === 0),
      false,
      12,
    );
  });
  afterAll(() => db.close());

  const queries = [
    '',
    'beach',
    'sun',
    'harbour market',
    'fuji',
    'gard',
    'canon',
    'party-7',
    'animal',
    'anim',
    'food c',
    'vehicle beach',
    'plant d sunset',
    'sport',
    'cafe zurich',
    'zzz',
  ];
  const shapes: SearchFilter[] = [];
  for (const scope of ['library', 'favorites', 'trash', 'album'] as const) {
    for (const sort of ['taken-desc', 'taken-asc', 'imported-desc'] as const) {
      for (const query of queries) {
        for (const label of ['', 'food a']) {
          for (const minConfidence of [0, 70, 95]) {
            const album = scope === 'album' ? 'album-1' : '';
            shapes.push({ sort, scope, album, words: searchWords(query), label, minConfidence });
          }
        }
      }
    }
  }

  it.each([
    ['walking the index', 0],
    ['looking matches up', 1_000_000],
  ])('answers every page, the total and the whole list as the query does (%s)', (_, limit) => {
    const results = new SearchResults(db, limit);
    let nonEmpty = 0;
    for (const filter of shapes) {
      const all = expectedSearch(db, filter);
      if (all.length > 14) nonEmpty++;
      const first = results.page(filter, 0, 7);
      expect({ filter, total: first.total, ids: [...first.ids] }).toEqual({
        filter,
        total: all.length,
        ids: all.slice(0, 7),
      });
      expect([...results.page(filter, 7, 7).ids]).toEqual(all.slice(7, 14));
      expect([...results.ids(filter)]).toEqual(all);
    }
    // The shapes are not vacuous: many of them find more than two pages.
    expect(nonEmpty).toBeGreaterThan(shapes.length / 5);
  });

  it('answers from the one-character words read ahead as it does reading them', () => {
    const results = new SearchResults(db);
    for (const minConfidence of [0, 70, 95]) {
      for (const initial of initials) results.prepare(initial, minConfidence);
    }
    let found = 0;
    for (const query of [
      'a',
      'b',
      'c',
      'f',
      's',
      '7',
      'food c',
      'plant d s',
      'canon 3',
      'sport a',
    ]) {
      for (const minConfidence of [0, 70, 95]) {
        const filter: SearchFilter = {
          sort: 'taken-desc',
          scope: 'library',
          album: '',
          words: searchWords(query),
          label: '',
          minConfidence,
        };
        const all = expectedSearch(db, filter);
        found += all.length;
        const first = results.page(filter, 0, 7);
        expect({ query, minConfidence, total: first.total, ids: [...first.ids] }).toEqual({
          query,
          minConfidence,
          total: all.length,
          ids: all.slice(0, 7),
        });
      }
    }
    expect(found).toBeGreaterThan(0);
  });

  it('answers a first page from a new search before and after the whole list is built', () => {
    const results = new SearchResults(db, 0);
    const filter = shapes.find((shape) => shape.words.join(' ') === 'animal')!;
    const all = expectedSearch(db, filter);
    expect([...results.page(filter, 0, 5).ids]).toEqual(all.slice(0, 5));
    expect(results.ids(filter).length).toBe(all.length);
    expect([...results.page(filter, 0, 5).ids]).toEqual(all.slice(0, 5));
  });
});

describe('SearchResults after the catalog changes', () => {
  /** The first ten ids a library search for `query` finds, at confidence 50 and up. */
  const firstIds = (results: SearchResults, query: string) => [
    ...results.page(
      {
        sort: 'taken-desc',
        scope: 'library',
        album: '',
        words: searchWords(query),
        label: '',
        minConfidence: 50,
      },
      0,
      10,
    ).ids,
  ];

  it('reads each word again once anything was written, kept words included', () => {
    const db = openCatalog(':memory:');
    const photos = new PhotoRepository(db);
    const labels = new LabelRepository(db);
    const dog = photos.insert(newPhoto(1, { filename: 'park.jpg' }))!;
    const cat = photos.insert(newPhoto(2, { filename: 'cat-on-sofa.jpg' }))!;
    labels.addLabel(dog, 'Dog', 1);
    const results = new SearchResults(db);
    const search = (query: string) => firstIds(results, query);
    expect(search('dog')).toEqual([dog]);
    expect(search('dog cat')).toEqual([]);
    labels.addLabel(cat, 'dog', 2);
    expect(search('dog cat')).toEqual([cat]);
    expect(search('dog')).toEqual([cat, dog]);
    db.close();
  });

  it('reads a one-character word read ahead again once anything was written', () => {
    const db = openCatalog(':memory:');
    const photos = new PhotoRepository(db);
    const labels = new LabelRepository(db);
    const dog = photos.insert(newPhoto(1, { filename: 'park.jpg' }))!;
    labels.addLabel(dog, 'Dog', 1);
    const results = new SearchResults(db);
    const search = (query: string) => firstIds(results, query);
    results.prepare('d', 50);
    expect(search('d')).toEqual([dog]);
    const cat = photos.insert(newPhoto(2, { filename: 'cat.jpg' }))!;
    results.prepare('d', 50);
    // A label written after the read-ahead; no photo added, so the sets keep their length.
    labels.addLabel(cat, 'Duck', 2);
    expect(search('d')).toEqual([cat, dog]);
    db.close();
  });
});
