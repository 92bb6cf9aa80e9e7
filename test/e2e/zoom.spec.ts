import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { makePhoto } from '../support/make-photos';
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

/**
 * Imports the blocks photo (and, with `neighbour`, a second photo the arrows would go to) and
 * opens the blocks photo, fully loaded.
 */
async function openBlocks(page: Page, pixels: Buffer, neighbour = false): Promise<Locator> {
  const folder = join(work.path, 'Big');
  await mkdir(folder, { recursive: true });
  await sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toFile(join(folder, 'blocks.png'));
  if (neighbour) await makePhoto(folder, { name: 'neighbour.jpg' });
  const count = neighbour ? 2 : 1;
  host = await startWebHost(['--data-dir', join(work.path, 'library'), '--port', '0']);
  await page.goto(host.url);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a folder…' }).click();
  await (await chooser).setFiles(folder);
  await expect(page.getByText(`Import finished: ${count} of ${count} files`)).toBeVisible();
  await page.getByRole('gridcell', { name: /blocks\.png/ }).click();
  await expect(page.getByRole('dialog', { name: 'blocks.png' })).toBeVisible();
  const image = page.locator('.detail-image img');
  await expect(image).toHaveJSProperty('complete', true);
  return image;
}

test('zooming to 100 % shows the original’s own pixels; 0 fits it again', async ({ page }) => {
  const pixels = blockPixels();
  const image = await openBlocks(page, pixels);
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

/** The image as drawn: its box on screen, transform included. */
async function drawn(image: Locator) {
  const box = (await image.boundingBox())!;
  return { ...box, centreX: box.x + box.width / 2, centreY: box.y + box.height / 2 };
}

/** The zoom readout's percentage, or null when the photo fits (no readout). */
async function readout(page: Page): Promise<number | null> {
  const text = await page
    .locator('.zoom-level')
    .textContent({ timeout: 1000 })
    .catch(() => null);
  const match = text?.match(/^(\d+)% · 0 to fit$/);
  return match ? Number(match[1]) : null;
}

/** The spot `share` of the way across the drawn photo is under `point` (to a pixel). */
async function expectUnder(
  image: Locator,
  point: { x: number; y: number },
  share: { x: number; y: number },
): Promise<void> {
  const box = await drawn(image);
  expect(Math.abs(box.x + box.width * share.x - point.x)).toBeLessThan(1.5);
  expect(Math.abs(box.y + box.height * share.y - point.y)).toBeLessThan(1.5);
}

test('double-click, the wheel and a pinch zoom; a drag and the arrows pan', async ({ page }) => {
  const image = await openBlocks(page, blockPixels(), true);
  const dialog = page.getByRole('dialog', { name: 'blocks.png' });
  const position = await dialog.getByText(/^\d \/ 2$/).textContent();
  const fitted = await drawn(image);
  expect(fitted.width).toBeLessThan(width / 2);
  const fittedPercent = (fitted.width / width) * 100;
  await expect.poll(() => readout(page)).toBeNull();

  // Double-click: one photo pixel per screen pixel, about the spot clicked; again: fits.
  const spot = { x: fitted.x + fitted.width * 0.3, y: fitted.y + fitted.height * 0.6 };
  await page.mouse.dblclick(spot.x, spot.y);
  await expect.poll(() => readout(page)).toBe(100);
  await expect.poll(async () => Math.round((await drawn(image)).width)).toBe(width);
  await expectUnder(image, spot, { x: 0.3, y: 0.6 });
  await page.screenshot({ path: test.info().outputPath('zoom-double-click.png') });
  await page.mouse.dblclick(spot.x, spot.y);
  await expect.poll(() => readout(page)).toBeNull();
  await expect
    .poll(async () => Math.round((await drawn(image)).width))
    .toBe(Math.round(fitted.width));

  // One wheel notch towards the screen zooms in a step (×1.25) about the pointer; one back fits.
  // (Halfway down: at ×1.25 the photo is barely taller than the window, so there is no room to
  // keep a spot higher up under the pointer.)
  const left = { x: fitted.x + fitted.width * 0.3, y: fitted.centreY };
  await page.mouse.move(left.x, left.y);
  await page.mouse.wheel(0, -100);
  await expect.poll(async () => (await drawn(image)).width / fitted.width).toBeCloseTo(1.25, 2);
  await expect.poll(() => readout(page)).toBe(Math.round(fittedPercent * 1.25));
  await expectUnder(image, left, { x: 0.3, y: 0.5 });
  await page.mouse.wheel(0, 100);
  await expect.poll(() => readout(page)).toBeNull();
  await expect.poll(async () => (await drawn(image)).width / fitted.width).toBeCloseTo(1, 2);
  expect(Math.round((await drawn(image)).x)).toBe(Math.round(fitted.x));

  // A pinch, as Chromium reports one: Ctrl+wheel events whose deltas add up to the pinch's
  // scale (scale = e^(−ΣΔy / 100)). Ten small events of a slow pinch: ×e^0.5 ≈ 1.65, not ten
  // wheel notches. Each is taken (default prevented), as else Chromium zooms the whole page
  // with it (which this headless browser does not show, so the window sees what was done).
  await page.evaluate(() => {
    const seen: boolean[] = [];
    Object.assign(window, { pinchTaken: seen });
    window.addEventListener('wheel', (event) => seen.push(event.defaultPrevented));
  });
  await page.mouse.move(fitted.centreX, fitted.centreY);
  await page.keyboard.down('Control');
  for (let i = 0; i < 10; i++) await page.mouse.wheel(0, -5);
  await page.keyboard.up('Control');
  await expect
    .poll(async () => (await drawn(image)).width / fitted.width)
    .toBeCloseTo(Math.exp(0.5), 1);
  await expect.poll(() => readout(page)).toBe(Math.round(fittedPercent * Math.exp(0.5)));
  const taken = await page.evaluate(
    () => (window as unknown as { pinchTaken: boolean[] }).pinchTaken,
  );
  expect(taken).toEqual(Array(10).fill(true));

  // At 100 %, a drag moves the photo with the pointer.
  await page.keyboard.press('0');
  await page.keyboard.press('1');
  await expect.poll(() => readout(page)).toBe(100);
  const before = await drawn(image);
  await page.mouse.move(before.centreX, before.centreY);
  await page.mouse.down();
  await page.mouse.move(before.centreX + 120, before.centreY + 70, { steps: 6 });
  await page.mouse.up();
  const dragged = await drawn(image);
  expect(dragged.width).toBeCloseTo(before.width, 0);
  expect(dragged.x - before.x).toBeCloseTo(120, 0);
  expect(dragged.y - before.y).toBeCloseTo(70, 0);
  await page.screenshot({ path: test.info().outputPath('zoom-dragged.png') });

  // The arrows pan (showing more of that side) instead of going to the other photo.
  const steps: [string, number, number][] = [
    ['ArrowLeft', 80, 0],
    ['ArrowUp', 0, 80],
    ['ArrowRight', -80, 0],
    ['ArrowDown', 0, -80],
  ];
  for (const [key, dx, dy] of steps) {
    const from = await drawn(image);
    await page.keyboard.press(key);
    await expect.poll(async () => Math.round((await drawn(image)).x - from.x), key).toBe(dx);
    expect(Math.round((await drawn(image)).y - from.y), key).toBe(dy);
    await expect(dialog).toBeVisible();
    await expect(dialog.getByText(position!, { exact: true })).toBeVisible();
  }

  // No further than the photo's edge: its corner stops at the frame's corner, and the arrows
  // towards it do nothing more.
  const frame = (await page.locator('.detail-image').boundingBox())!;
  const from = await drawn(image);
  await page.mouse.move(from.centreX, from.centreY);
  await page.mouse.down();
  await page.mouse.move(from.centreX + 1500, from.centreY + 1500, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => Math.round((await drawn(image)).x)).toBe(Math.round(frame.x));
  expect(Math.round((await drawn(image)).y)).toBe(Math.round(frame.y));
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByText(/^100% · 0 to fit$/)).toBeVisible();
  expect(Math.round((await drawn(image)).x)).toBe(Math.round(frame.x));
  expect(Math.round((await drawn(image)).y)).toBe(Math.round(frame.y));
  await page.screenshot({ path: test.info().outputPath('zoom-panned-to-corner.png') });
});
