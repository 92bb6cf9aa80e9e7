import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { makePhoto } from '../support/make-photos';
import { startWebHost, type RunningHost } from '../support/start-web-host';
import { tempDir } from '../support/temp-dir';

test.use({ viewport: { width: 1280, height: 800 } });

let work: Awaited<ReturnType<typeof tempDir>>;
let host: RunningHost | null = null;

test.beforeEach(async () => {
  work = await tempDir('e2e-timeline');
});
test.afterEach(async () => {
  await host?.stop();
  host = null;
  await work.remove();
});

/** Twelve photos in each of four months over three years, and three with no date at all. */
const months = ['2023:07', '2023:02', '2022:11', '2021:04'];

async function openTimeline(page: Page): Promise<void> {
  const folder = join(work.path, 'Photos');
  let n = 0;
  for (const month of months) {
    for (let i = 0; i < 12; i++) {
      await makePhoto(folder, {
        name: `photo-${n}.jpg`,
        width: 240,
        height: 180,
        hue: n * 7,
        takenAt: `${month}:1${i % 3} 1${i % 10}:00:00`,
      });
      n += 1;
    }
  }
  for (let i = 0; i < 3; i++) {
    await makePhoto(folder, {
      name: `undated-${i}.jpg`,
      width: 240,
      height: 180,
      hue: 200 + i * 40,
    });
  }
  host = await startWebHost(['--data-dir', join(work.path, 'library'), '--port', '0']);
  await page.goto(host.url);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a folder…' }).click();
  await (await chooser).setFiles(folder);
  await expect(page.getByText('Import finished: 51 of 51 files')).toBeVisible();
  await page.getByRole('button', { name: 'Dismiss' }).click();
}

const header = (page: Page, name: RegExp) =>
  page.getByRole('grid', { name: 'Photos' }).getByRole('columnheader', { name });

test('the grid is a timeline of months, and the scrubber jumps by month and year', async ({
  page,
}) => {
  await openTimeline(page);
  // Newest first: the undated photos sit by when they were added (now), and say so.
  await expect(header(page, /no date taken: placed by when added/)).toBeInViewport();
  await expect(header(page, /^July 2023\s*12 photos$/)).toBeInViewport();

  const scrubber = page.getByRole('slider', { name: 'Timeline: jump to a date' });
  for (const year of ['2023', '2022', '2021']) {
    await expect(page.locator('.scrubber-year', { hasText: year })).toBeVisible();
  }
  await page.screenshot({ path: test.info().outputPath('timeline-top.png') });

  await scrubber.focus();
  await page.keyboard.press('ArrowDown');
  await expect(scrubber).toHaveAttribute('aria-valuetext', 'July 2023');
  await page.keyboard.press('ArrowDown');
  await expect(scrubber).toHaveAttribute('aria-valuetext', 'February 2023');
  await expect(header(page, /^February 2023/)).toBeInViewport();
  await page.keyboard.press('PageDown'); // the next year
  await expect(scrubber).toHaveAttribute('aria-valuetext', 'November 2022');
  await page.keyboard.press('End');
  await expect(scrubber).toHaveAttribute('aria-valuetext', 'April 2021');
  await expect(header(page, /^April 2021/)).toBeInViewport();
  await expect(page.locator('.grid-sticky')).not.toHaveText(/July 2023/);
  await page.screenshot({ path: test.info().outputPath('timeline-end.png') });
  await page.keyboard.press('Home');
  await expect(header(page, /no date taken/)).toBeInViewport();

  // A press near the strip's foot scrolls there at once.
  const box = (await scrubber.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height * 0.97);
  await expect(header(page, /^April 2021/)).toBeInViewport();
  await expect(header(page, /no date taken/)).not.toBeInViewport();
});

test('keys move through the timeline by rows as drawn and by section', async ({ page }) => {
  await openTimeline(page);
  const grid = page.getByRole('grid', { name: 'Photos' });
  await grid.focus();
  await expect(grid).toHaveAttribute('aria-activedescendant', 'tile-0');
  // The three undated photos are one short row: ↓ goes to July 2023's first row, same column.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await expect(grid).toHaveAttribute('aria-activedescendant', 'tile-4');
  await page.keyboard.press('Control+ArrowDown');
  await expect(grid).toHaveAttribute('aria-activedescendant', 'tile-15');
  await page.keyboard.press('Control+ArrowDown');
  await expect(grid).toHaveAttribute('aria-activedescendant', 'tile-27');
  await page.keyboard.press('Control+ArrowUp');
  await expect(grid).toHaveAttribute('aria-activedescendant', 'tile-15');
  await page.keyboard.press('End');
  await expect(grid).toHaveAttribute('aria-activedescendant', 'tile-50');
  await expect(grid.locator('#tile-50')).toBeInViewport();
});

test('Recently added is a timeline of when photos were added', async ({ page }) => {
  await openTimeline(page);
  await page.getByRole('combobox', { name: 'Sort' }).selectOption('imported-desc');
  await expect(header(page, /^Added /).first()).toBeInViewport();
  await expect(header(page, /July 2023/)).toHaveCount(0);
});

/** Where the grid is: its scroll offset, and the section headers drawn inside its window. */
async function gridPlace(page: Page): Promise<{ top: number; headers: string[] }> {
  return page.getByRole('grid', { name: 'Photos' }).evaluate((grid) => {
    const frame = grid.getBoundingClientRect();
    const headers = [...grid.querySelectorAll('[role="columnheader"]')]
      .filter((header) => {
        const box = header.getBoundingClientRect();
        return box.bottom > frame.top && box.top < frame.bottom;
      })
      .map((header) => {
        const label = header.querySelector('.section-label')?.textContent ?? '';
        const undated = header.textContent?.includes('no date taken') ? ' (no date taken)' : '';
        return label + undated;
      });
    return { top: grid.scrollTop, headers };
  });
}

test('dragging along the scrubber scrolls through the library as it goes', async ({ page }) => {
  await openTimeline(page);
  const scrubber = page.getByRole('slider', { name: 'Timeline: jump to a date' });
  const box = (await scrubber.boundingBox())!;
  const x = box.x + box.width / 2;
  // The 2022 mark is where November 2022's header is: dragging to it ends with that month on top.
  const mark = (await page.locator('.scrubber-year', { hasText: '2022' }).boundingBox())!;
  const target = mark.y + 2;

  await page.mouse.move(x, box.y + 1);
  await page.mouse.down();
  const places = [await gridPlace(page)];
  const stops = 12;
  for (let i = 1; i <= stops; i++) {
    await page.mouse.move(x, box.y + 1 + ((target - box.y - 1) * i) / stops);
    await expect(page.locator('.scrubber-bubble')).toBeVisible();
    places.push(await gridPlace(page));
  }
  await page.screenshot({ path: test.info().outputPath('scrubber-dragging.png') });
  await page.mouse.up();

  // It moved on with the pointer, never back, through places between the ends.
  const tops = places.map((place) => place.top);
  for (let i = 1; i < tops.length; i++) expect(tops[i]).toBeGreaterThanOrEqual(tops[i - 1]!);
  const between = new Set(tops.filter((top) => top > tops[0]! && top < tops.at(-1)!));
  expect(between.size).toBeGreaterThanOrEqual(stops / 2);
  // The months went by in order on the way, and the one dragged to is at the top.
  const seen = [...new Set(places.flatMap((place) => place.headers))];
  expect(seen.slice(0, 4)).toEqual([
    expect.stringMatching(/\(no date taken\)$/),
    'July 2023',
    'February 2023',
    'November 2022',
  ]);
  expect(places[0]!.headers).not.toContain('November 2022');
  await expect(scrubber).toHaveAttribute('aria-valuetext', 'November 2022');
  await expect(header(page, /^November 2022/)).toBeInViewport();
  await expect(header(page, /^February 2023/)).not.toBeInViewport();

  // Let go, the pointer passing over the strip no longer scrolls.
  const after = await gridPlace(page);
  await page.mouse.move(x, box.y + box.height - 2);
  await expect(page.locator('.scrubber-bubble')).toContainText('April 2021');
  expect((await gridPlace(page)).top).toBe(after.top);
});
