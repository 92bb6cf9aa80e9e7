import { join } from 'node:path';
import { openCatalog } from '../main/catalog/open-catalog';
import { PhotoRepository } from '../main/catalog/photo-repository';
import { percentile, round, type Figure } from './figures';
import { seedLibrary } from './seed-library';

const rows = 100_000;

/**
 * First and last grid pages and searches on a 100,000-photo catalog with six Rekognition labels
 * per photo, through the real repositories.
 */
export async function measureCatalog(work: string): Promise<Figure[]> {
  const dataDir = join(work, 'catalog-100k');
  await seedLibrary(dataDir, rows, false, true);
  const db = openCatalog(join(dataDir, 'catalog.sqlite'));
  const photos = new PhotoRepository(db);

  const pageTimes = timeRepeated(200, () =>
    photos.page({ sort: 'taken-desc', offset: 0, limit: 240 }),
  );
  const deepTimes = timeRepeated(50, (i) =>
    photos.page({ sort: 'taken-desc', offset: rows - 240 - i, limit: 240 }),
  );
  // File names, cameras, label names and parents, prefixes, several words; as the search box
  // sends them while someone types (a grid page of 240 and the total count).
  const queries = [
    'beach',
    'sun',
    'harbour market',
    'fuji',
    'snow river',
    'gard',
    'canon',
    'party-7',
    'animal',
    'anim',
    'food c',
    'vehicle beach',
    'plant d sunset',
    'sport',
  ];
  const minConfidence = 70;
  const search = (query: string, offset: number) =>
    photos.page({ sort: 'taken-desc', offset, limit: 240, query }, minConfidence);
  // Every timed search is a new one: a catalog write in between drops the kept results.
  const tick = db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('bench.tick', ?)");
  const searchTimes = timeRepeated(
    400,
    (i) => search(queries[i % queries.length] ?? '', 0),
    (i) => tick.run(String(i)),
  );
  // Scrolling on through the results of the same search.
  const scrollTimes = timeRepeated(200, (i) => search('animal', 240 * (1 + (i % 50))));
  db.close();
  return [
    {
      name: 'catalog.first-page-p50',
      value: round(percentile(pageTimes, 50), 3),
      unit: 'ms',
      what: 'First grid page (240) at 100,000 photos, median',
    },
    {
      name: 'catalog.last-page-p50',
      value: round(percentile(deepTimes, 50), 3),
      unit: 'ms',
      what: 'Last grid page at 100,000 photos, median',
    },
    {
      name: 'catalog.search-p50',
      value: round(percentile(searchTimes, 50), 3),
      unit: 'ms',
      what: 'Search (labels, descriptions, file names) at 100,000 photos, median',
    },
    {
      name: 'catalog.search-p95',
      value: round(percentile(searchTimes, 95), 3),
      unit: 'ms',
      what: 'Search (labels, descriptions, file names) at 100,000 photos, p95',
    },
    {
      name: 'catalog.search-next-page-p50',
      value: round(percentile(scrollTimes, 50), 3),
      unit: 'ms',
      what: 'Next page of a search (scrolling its results) at 100,000 photos, median',
    },
  ];
}

function timeRepeated(
  times: number,
  run: (i: number) => unknown,
  before: (i: number) => unknown = () => undefined,
): number[] {
  run(0); // warm the statement and the page cache
  return Array.from({ length: times }, (_, i) => {
    before(i);
    const started = performance.now();
    run(i);
    return performance.now() - started;
  });
}
