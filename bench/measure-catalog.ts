import { join } from 'node:path';
import { openCatalog } from '../main/catalog/open-catalog';
import { PhotoRepository } from '../main/catalog/photo-repository';
import { percentile, round, type Figure } from './figures';
import { seedLibrary } from './seed-library';

const rows = 100_000;

/** First page and full-text lookups on a 100,000-photo catalog, through the real repository. */
export async function measureCatalog(work: string): Promise<Figure[]> {
  const dataDir = join(work, 'catalog-100k');
  await seedLibrary(dataDir, rows, false);
  const db = openCatalog(join(dataDir, 'catalog.sqlite'));
  const photos = new PhotoRepository(db);

  const pageTimes = timeRepeated(200, () =>
    photos.page({ sort: 'taken-desc', offset: 0, limit: 240 }),
  );
  const deepTimes = timeRepeated(50, (i) =>
    photos.page({ sort: 'taken-desc', offset: rows - 240 - i, limit: 240 }),
  );
  const queries = [
    'beach',
    'sun',
    'harbour market',
    'fuji',
    'snow river',
    'gard',
    'canon',
    'party-7',
  ];
  const searchTimes = timeRepeated(400, (i) =>
    photos.search(queries[i % queries.length] ?? '', 500),
  );
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
      name: 'catalog.fts-lookup-p50',
      value: round(percentile(searchTimes, 50), 3),
      unit: 'ms',
      what: 'Full-text lookup at 100,000 photos, median',
    },
    {
      name: 'catalog.fts-lookup-p95',
      value: round(percentile(searchTimes, 95), 3),
      unit: 'ms',
      what: 'Full-text lookup at 100,000 photos, p95',
    },
  ];
}

function timeRepeated(times: number, run: (i: number) => unknown): number[] {
  run(0); // warm the statement and the page cache
  return Array.from({ length: times }, (_, i) => {
    const started = performance.now();
    run(i);
    return performance.now() - started;
  });
}
