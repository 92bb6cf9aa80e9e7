import { expect, test } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { startWebHost, type RunningHost } from '../support/start-web-host';
import { tempDir } from '../support/temp-dir';

let work: Awaited<ReturnType<typeof tempDir>>;
let host: RunningHost | null = null;

test.beforeEach(async () => {
  work = await tempDir('e2e-zoom');
});
test.afterEach(async () => {
  await host?.stop();
  host = null;
  await work.remove();
});

const width = 1600;
const height = 1200;
const block = 8;

/** A PNG (decoded exactly by any decoder) of 8 px blocks, each its own colour. */
function blockPixels(): Buffer {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const bx = Math.floor(x / block);
      const by = Math.floor(y / block);
      const at = (y * width + x) * 3;
      pixels[at] = (bx * 53 + by * 17) % 256;
      pixels[at + 1] = (bx * 29 + by * 71) % 256;
      pixels[at + 2] = (bx * 97 + by * 37) % 256;
    }
  }
  return pixels;
}

test('zooming to 100 % shows the original’s own pixels; 0 fits it again', async ({ page }) => {
  const folder = join(work.path, 'Big');
  await mkdir(folder, { recursive: true });
  const pixels = blockPixels();
  await sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toFile(join(folder, 'blocks.png'));
  host = await startWebHost(['--data-dir', join(work.path, 'library'), '--port', '0']);
  await page.goto(host.url);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a folder…' }).click();
  await (await chooser).setFiles(folder);
  await expect(page.getByText('Import finished: 1 of 1 files')).toBeVisible();
  await page.getByRole('gridcell').first().click();
  const image = page.locator('.detail-image img');
  await expect(image).toHaveJSProperty('complete', true);
  const fitted = (await image.boundingBox())!;
  expect(fitted.width).toBeLessThan(width);

  await page.keyboard.press('1');
  await expect(page.getByText(/^100% · 0 to fit$/)).toBeVisible();
  await expect.poll(async () => Math.round((await image.boundingBox())!.width)).toBe(width);

  // The 32 px square at the centre of the screen image against the same square of the file.
  const size = 32;
  const centre = { x: fitted.x + fitted.width / 2, y: fitted.y + fitted.height / 2 };
  const shot = await page.screenshot({
    clip: {
      x: Math.round(centre.x) - size / 2,
      y: Math.round(centre.y) - size / 2,
      width: size,
      height: size,
    },
  });
  const shown = await sharp(shot).removeAlpha().raw().toBuffer();
  let close = 0;
  for (let dy = 0; dy < size; dy++) {
    for (let dx = 0; dx < size; dx++) {
      const source = ((height / 2 - size / 2 + dy) * width + (width / 2 - size / 2 + dx)) * 3;
      const screen = (dy * size + dx) * 3;
      const difference = [0, 1, 2].reduce(
        (most, channel) =>
          Math.max(most, Math.abs(pixels[source + channel]! - shown[screen + channel]!)),
        0,
      );
      if (difference <= 12) close++;
    }
  }
  // Block edges may fall half a pixel off; the blocks themselves must be the file's colours.
  expect(close / (size * size)).toBeGreaterThan(0.75);

  await page.keyboard.press('ArrowLeft'); // pans while zoomed, instead of changing photo
  await expect(page.getByRole('dialog', { name: 'blocks.png' })).toBeVisible();
  await page.keyboard.press('0');
  await expect(page.getByText(/0 to fit/)).toHaveCount(0);
  await expect
    .poll(async () => Math.round((await image.boundingBox())!.width))
    .toBe(Math.round(fitted.width));
});
