import { expect, test, type Locator, type Page } from '@playwright/test';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startWebHost, type RunningHost } from '../support/start-web-host';
import { tempDir } from '../support/temp-dir';

/** Stored sideways with an irot turn (test/fixtures/heic/make-heic-fixtures.ts). */
const rotatedHeic = join(import.meta.dirname, '../fixtures/heic/rotated.heic');

let work: Awaited<ReturnType<typeof tempDir>>;
let host: RunningHost | null = null;

test.beforeEach(async () => {
  work = await tempDir('e2e-heic');
});
test.afterEach(async () => {
  await host?.stop();
  host = null;
  await work.remove();
});

/** Where red, blue and green lie in the shown image, read back from a canvas. */
async function layoutOf(img: Locator) {
  await expect(img).toHaveJSProperty('complete', true);
  return img.evaluate((el: HTMLImageElement) => {
    const canvas = document.createElement('canvas');
    canvas.width = el.naturalWidth;
    canvas.height = el.naturalHeight;
    const context = canvas.getContext('2d')!;
    context.drawImage(el, 0, 0);
    const colour = (fx: number, fy: number) => {
      const [r = 0, g = 0, b = 0] = context.getImageData(
        Math.floor(canvas.width * fx),
        Math.floor(canvas.height * fy),
        1,
        1,
      ).data;
      if (r > 150 && g < 90 && b < 90) return 'red';
      if (b > 150 && r < 90 && g < 90) return 'blue';
      if (g > 150 && r < 90 && b < 90) return 'green';
      return `rgb(${r},${g},${b})`;
    };
    return {
      portrait: el.naturalHeight > el.naturalWidth,
      top: colour(0.3, 0.4),
      bottom: colour(0.5, 0.8),
      topRight: colour(0.95, 0.03),
    };
  });
}

const upright = { portrait: true, top: 'red', bottom: 'blue', topRight: 'green' };

async function importFolder(page: Page, folder: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a folder…' }).click();
  await (await chooser).setFiles(folder);
  await expect(page.getByText('Import finished: 1 of 1 files')).toBeVisible();
}

test('an iPhone HEIC photo is imported and shown upright in the grid and the detail view', async ({
  page,
}) => {
  const folder = join(work.path, 'Phone');
  await mkdir(folder, { recursive: true });
  await copyFile(rotatedHeic, join(folder, 'IMG_0001.HEIC'));
  host = await startWebHost(['--data-dir', join(work.path, 'library'), '--port', '0']);
  await page.goto(host.url);

  await importFolder(page, folder);
  const tile = page.getByRole('grid', { name: 'Photos' }).getByRole('gridcell');
  await expect(tile).toHaveCount(1);
  expect(await layoutOf(tile.locator('img'))).toEqual(upright);

  await tile.click();
  const dialog = page.getByRole('dialog', { name: 'IMG_0001.HEIC' });
  await expect(dialog.getByText('320 × 480')).toBeVisible();
  const shown = dialog.locator('.detail-image img');
  await expect(shown).toHaveAttribute('src', /\/view\//);
  expect(await layoutOf(shown)).toEqual(upright);
  expect(await shown.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(320);
});
