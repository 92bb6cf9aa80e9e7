import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { defaultSettings } from '../contract/settings';
import { mediaPath } from '../contract/media';
import { openCatalog } from '../main/catalog/open-catalog';
import { PhotoRepository } from '../main/catalog/photo-repository';
import { startWebHost } from '../test/support/start-web-host';
import { percentile, round, type Figure } from './figures';
import { labelLibrary } from './seed-library';

/** Tiles whose photos tell one result from another (the first screen's). */
const fingerprintTiles = 12;
/** A person's pause between seeing one result and typing on. */
const pauseMs = 300;

// Labels, file names and cameras, then a key that starts another word (a label's letter, a
// file's number, a camera's word): the last key always changes the first screen.
const queries = [
  'animal e',
  'beach s',
  'fuji 12',
  'harbour m',
  'food c',
  'canon 3',
  'snow r',
  'sport f',
  'garden 4',
  'vehicle d',
  'plant d',
  'party 7',
];
const rounds = Number(process.env.BENCH_SEARCH_ROUNDS ?? 3);

/**
 * Keypress → grid updated at 100,000 photos, in the browser. The box holds a query but its last
 * key, and the grid shows that; then the last key is pressed, and the time is from its event to
 * the grid's first tiles showing the whole query's photos (the catalog's own answer), checked in
 * a frame callback. What the box held shows other photos first, so it cannot pass for the answer.
 */
export async function measureSearchUi(browser: Browser, dataDir: string): Promise<Figure[]> {
  labelLibrary(dataDir);
  const expected = firstTiles(dataDir);
  const host = await startWebHost(['--data-dir', dataDir, '--port', '0']);
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const times: number[] = [];
  try {
    await page.goto(host.url);
    await page.getByRole('grid').getByRole('img').first().waitFor();
    // When the last key went down (the event's own time), for `shown` to read.
    await page.evaluate(() => {
      window.addEventListener(
        'keydown',
        (event) => {
          document.body.dataset['lastKey'] = String(event.timeStamp);
        },
        true,
      );
    });
    const box = page.getByRole('searchbox', { name: 'Search photos' });
    for (let pass = 0; pass < rounds; pass++) {
      for (const query of queries) {
        await box.fill(query.slice(0, -1));
        await page.waitForFunction(
          (want) =>
            document
              .querySelector('[role=grid] [role=gridcell] img')
              ?.getAttribute('src')
              ?.endsWith(want),
          expected.get(query.slice(0, -1))?.[0] ?? '',
        );
        await page.waitForTimeout(pauseMs);
        const shownAfterKey = await watchFor(page, expected.get(query) ?? []);
        await page.keyboard.press(query.slice(-1));
        times.push(await shownAfterKey());
        if (process.env.BENCH_SEARCH_LOG) console.log(`  ${query}: ${round(times.at(-1) ?? 0)} ms`);
      }
    }
  } finally {
    await page.close();
    await host.stop();
  }
  return [
    {
      name: 'search.keypress-to-grid-p95-100k',
      value: round(percentile(times, 95)),
      unit: 'ms',
      what: `Search in the browser at 100,000 photos: keypress → grid showing the new results, p95 (median ${round(percentile(times, 50))} ms, ${times.length} searches)`,
      goal: '≤ 100',
    },
  ];
}

/** The media paths of the first tiles each query and its prefix show, as the catalog answers. */
function firstTiles(dataDir: string): Map<string, string[]> {
  const db = openCatalog(join(dataDir, 'catalog.sqlite'));
  const photos = new PhotoRepository(db);
  const tiles = (query: string) =>
    photos
      .page(
        { sort: 'taken-desc', offset: 0, limit: fingerprintTiles, query },
        defaultSettings.minConfidence,
      )
      .items.map((photo) => mediaPath.thumb(photo.sha256));
  const answer = new Map<string, string[]>();
  for (const query of queries) {
    const before = query.slice(0, -1);
    answer.set(query, tiles(query));
    answer.set(before, tiles(before));
    if (JSON.stringify(answer.get(before)) === JSON.stringify(answer.get(query))) {
      throw new Error(`“${before}” shows what “${query}” shows`);
    }
  }
  db.close();
  return answer;
}

/**
 * Starts watching, frame by frame, for the grid's first tiles to be `tiles`; the answer resolves
 * to the milliseconds from the last key pressed after this call to the frame that found them.
 */
async function watchFor(page: Page, tiles: readonly string[]): Promise<() => Promise<number>> {
  // No named functions inside: the bench's TypeScript loader would wrap them in a helper the
  // page does not have.
  await page.evaluate((want) => {
    const data = document.body.dataset;
    const before = data['lastKey'];
    delete data['shownAfterKey'];
    void (async () => {
      for (;;) {
        const images = document.querySelectorAll('[role=grid] [role=gridcell] img');
        const done =
          images.length >= want.length &&
          want.every((path, i) => images[i]?.getAttribute('src')?.endsWith(path) === true);
        if (done && data['lastKey'] !== before) break;
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
      data['shownAfterKey'] = String(performance.now() - Number(data['lastKey']));
    })();
  }, tiles);
  return async () => {
    const answer = await page.waitForFunction(() => document.body.dataset['shownAfterKey']);
    return Number(await answer.jsonValue());
  };
}
