import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import type { SortOrder } from '../../../contract/photos';
import { openCatalog } from '../../../main/catalog/open-catalog';
import { PhotoRepository } from '../../../main/catalog/photo-repository';
import { newPhoto } from '../../support/new-photo';
import { tempDir } from '../../support/temp-dir';

/** This computer's calendar day of an instant, as the timeline names it. */
const localDay = (epochMs: number) => {
  const date = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
};

describe('PhotoRepository.days (the timeline sections)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let db: DatabaseSync;
  let photos: PhotoRepository;

  beforeEach(async () => {
    dir = await tempDir('view-days');
    db = openCatalog(join(dir.path, 'catalog.sqlite'));
    photos = new PhotoRepository(db);
    // Late evening and early morning local time: a UTC day would split or join these wrongly.
    photos.insert(newPhoto(1, { takenAt: new Date(2024, 4, 6, 23, 30).getTime() }));
    photos.insert(newPhoto(2, { takenAt: new Date(2024, 4, 6, 0, 15).getTime() }));
    photos.insert(newPhoto(3, { takenAt: new Date(2024, 4, 7, 0, 5).getTime() }));
    photos.insert(newPhoto(4, { takenAt: new Date(2023, 11, 31, 12).getTime() }));
    // No taken date: placed by when it was added, and counted as such.
    photos.insert(newPhoto(5, { takenAt: null, importedAt: new Date(2024, 4, 6, 12).getTime() }));
  });
  afterEach(async () => {
    db.close();
    await dir.remove();
  });

  it('counts each local day in the view’s order, with the undated photos among them', () => {
    expect(photos.days({ sort: 'taken-desc' })).toEqual({
      basis: 'taken',
      days: [
        { day: '2024-05-07', count: 1, undated: 0 },
        { day: '2024-05-06', count: 3, undated: 1 },
        { day: '2023-12-31', count: 1, undated: 0 },
      ],
    });
    expect(photos.days({ sort: 'taken-asc' })?.days.map((d) => d.day)).toEqual([
      '2023-12-31',
      '2024-05-06',
      '2024-05-07',
    ]);
  });

  it.each<SortOrder>(['taken-desc', 'taken-asc', 'imported-desc'])(
    'matches the pages photo for photo (%s): each day is one unbroken run',
    (sort) => {
      const page = photos.page({ sort, offset: 0, limit: 100 });
      const detail = (id: number) => photos.get(id)!;
      const dayOf = (id: number) =>
        localDay(sort === 'imported-desc' ? detail(id).importedAt : detail(id).sortAt);
      const expanded = photos.days({ sort })!.days.flatMap((d) => Array(d.count).fill(d.day));
      expect(expanded).toEqual(page.items.map((item) => dayOf(item.id)));
    },
  );

  it('groups by the day added for the Recently added order', () => {
    const added = photos.days({ sort: 'imported-desc' })!;
    expect(added.basis).toBe('added');
    expect(added.days.reduce((sum, d) => sum + d.count, 0)).toBe(5);
  });

  it('counts only what a search or the Trash shows, and has no dates for an album', () => {
    const id = photos.findBySha(newPhoto(3).sha256)!.id;
    photos.describe(id, 'harbour at dawn', 1);
    expect(photos.days({ sort: 'taken-desc', query: 'harbour' })?.days).toEqual([
      { day: '2024-05-07', count: 1, undated: 0 },
    ]);
    expect(photos.days({ sort: 'taken-desc', scope: 'trash' })?.days).toEqual([]);
    expect(photos.days({ sort: 'taken-desc', scope: 'album', album: 'aaaaaaaa' })).toBeNull();
  });

  it('stays exact over tens of thousands of photos', () => {
    db.exec('BEGIN');
    const start = new Date(2022, 0, 1).getTime();
    for (let n = 10; n < 20_010; n++) {
      // About 27 a day over two years, at every hour of the day.
      photos.insert(newPhoto(n, { takenAt: start + n * 53 * 60_000 }));
    }
    db.exec('COMMIT');
    const days = photos.days({ sort: 'taken-asc' })!.days;
    expect(days.reduce((sum, d) => sum + d.count, 0)).toBe(20_005);
    const starts = new Map<number, string>();
    let first = 0;
    for (const d of days) {
      starts.set(first, d.day);
      first += d.count;
    }
    // Every section's first photo, as the pages have it, is on that section's day.
    for (const [index, day] of starts) {
      const [item] = photos.page({ sort: 'taken-asc', offset: index, limit: 1 }).items;
      expect(localDay(item!.sortAt)).toBe(day);
    }
    // 20,000 inserts and 700 page reads: room for a machine busy with other test runs.
  }, 60_000);
});
