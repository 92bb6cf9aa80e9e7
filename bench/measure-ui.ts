import type { Browser } from '@playwright/test';
import { launchChromium } from '../test/support/chromium';
import { join } from 'node:path';
import { startWebHost } from '../test/support/start-web-host';
import { percentile, round, type Figure } from './figures';
import { seedLibrary } from './seed-library';

/** Start-up to painted thumbnails with 20,000 photos, and grid scrolling with 50,000. */
export async function measureUi(work: string): Promise<Figure[]> {
  const browser = await launchChromium();
  try {
    const startup = await measureStartup(browser, join(work, 'ui-20k'));
    const scroll = await measureScroll(browser, join(work, 'ui-50k'));
    return [
      {
        name: 'startup.first-thumbnails-20k',
        value: round(startup),
        unit: 'ms',
        what: 'Host start → first screen of thumbnails painted, 20,000 photos',
      },
      {
        name: 'grid.scroll-frame-p95-50k',
        value: round(scroll.gridP95),
        unit: 'ms',
        what: 'Grid scroll frame time p95, 50,000 photos, headless Chromium (software rendering)',
        goal: '≤ 16.7',
        baseline: {
          name: 'scroller-without-rows.frame-p95',
          value: round(scroll.floorP95),
          unit: 'ms',
        },
      },
    ];
  } finally {
    await browser.close();
  }
}

async function measureStartup(browser: Browser, dataDir: string): Promise<number> {
  await seedLibrary(dataDir, 20_000, true);
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const started = performance.now();
  const host = await startWebHost(['--data-dir', dataDir, '--port', '0']);
  try {
    await page.goto(host.url);
    await page.waitForFunction(() => {
      const images = [...document.querySelectorAll<HTMLImageElement>('[role=grid] img')];
      return (
        images.length >= 20 && images.every((image) => image.complete && image.naturalWidth > 0)
      );
    });
    // Wait for the frame that shows them.
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    return performance.now() - started;
  } finally {
    await page.close();
    await host.stop();
  }
}

async function measureScroll(browser: Browser, dataDir: string): Promise<ScrollFigures> {
  await seedLibrary(dataDir, 50_000, true);
  const host = await startWebHost(['--data-dir', dataDir, '--port', '0']);
  const grid: number[] = [];
  const floor: number[] = [];
  try {
    // Three passes each, alternating, so both see the same machine; the median pass counts.
    for (let pass = 0; pass < 3; pass++) {
      grid.push(await scrollPass(browser, host.url, false));
      floor.push(await scrollPass(browser, host.url, true));
    }
  } finally {
    await host.stop();
  }
  return { gridP95: percentile(grid, 50), floorP95: percentile(floor, 50) };
}

interface ScrollFigures {
  readonly gridP95: number;
  /** The same scroller with its rows hidden: what this browser and machine cost by themselves. */
  readonly floorP95: number;
}

/** Scrolls 150 px a frame (≈9,000 px/s at 60 Hz, a brisk flick) for 600 frames; answers the p95 frame time. */
async function scrollPass(browser: Browser, url: string, hideRows: boolean): Promise<number> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await page.goto(url);
    await page.getByRole('grid').getByRole('img').first().waitFor();
    if (hideRows) await page.addStyleTag({ content: '.grid-row { display: none }' });
    const frames = await page.evaluate(async () => {
      const grid = document.querySelector<HTMLElement>('[role=grid]');
      if (!grid) throw new Error('no grid');
      const times: number[] = [];
      let last = performance.now();
      for (let i = 0; i < 600; i++) {
        grid.scrollTop += 150;
        const now = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
        times.push(now - last);
        last = now;
      }
      return times;
    });
    return percentile(frames, 95);
  } finally {
    await page.close();
  }
}
