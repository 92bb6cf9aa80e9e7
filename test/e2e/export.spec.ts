import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { makePhoto } from '../support/make-photos';
import { startWebHost, type RunningHost } from '../support/start-web-host';
import { tempDir } from '../support/temp-dir';

// Wide enough for the whole toolbar: below 1140 px its Sort folds into a menu (layout.spec.ts).
test.use({ viewport: { width: 1280, height: 800 } });

let work: Awaited<ReturnType<typeof tempDir>>;
let host: RunningHost | null = null;

test.beforeEach(async () => {
  work = await tempDir('e2e-export');
});

test.afterEach(async () => {
  await host?.stop();
  host = null;
  await work.remove();
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

test('select three photos, export them, and get a zip of the originals byte for byte', async ({
  page,
}, testInfo) => {
  const folder = join(work.path, 'Trip');
  const files = [
    await makePhoto(join(folder, 'day1'), {
      name: 'IMG_0001.jpg',
      hue: 20,
      takenAt: '2024:05:01 10:00:00',
    }),
    await makePhoto(join(folder, 'day2'), {
      name: 'IMG_0001.jpg',
      hue: 140,
      takenAt: '2024:05:02 10:00:00',
    }),
    await makePhoto(folder, {
      name: 'harbour.png',
      hue: 260,
      format: 'png',
      takenAt: '2024:05:03 10:00:00',
    }),
    await makePhoto(folder, { name: 'left-out.jpg', hue: 330, takenAt: '2024:05:04 10:00:00' }),
  ];
  host = await startWebHost(['--data-dir', join(work.path, 'library'), '--port', '0']);
  await page.goto(host.url);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a folder…' }).click();
  await (await chooser).setFiles(folder);
  await expect(page.getByText('Import finished: 4 of 4 files')).toBeVisible();
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await page.getByRole('combobox', { name: 'Sort' }).selectOption('taken-asc');
  const tiles = page.getByRole('grid', { name: 'Photos' }).getByRole('gridcell');
  await expect(tiles).toHaveCount(4);

  await tiles.nth(0).click({ modifiers: ['ControlOrMeta'] });
  await tiles.nth(2).click({ modifiers: ['Shift'] });
  await expect(page.getByRole('toolbar', { name: 'Selection' })).toContainText('3 photos selected');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export…' }).click();
  const zipFile = await (await download).path();

  const panel = page.getByRole('region', { name: 'Exports' });
  await expect(panel).toContainText('Exported 3 originals into the zip');
  await expect(panel.getByRole('progressbar', { name: 'Export progress' })).toHaveAttribute(
    'value',
    '3',
  );
  await page.screenshot({ path: testInfo.outputPath('export-done.png') });

  const entries = unzipSync(new Uint8Array(await readFile(zipFile)));
  expect(Object.keys(entries).sort()).toEqual(['IMG_0001 (2).jpg', 'IMG_0001.jpg', 'harbour.png']);
  const originals = await Promise.all(files.slice(0, 3).map((file) => readFile(file)));
  expect(Object.values(entries).map(sha256).sort()).toEqual(originals.map(sha256).sort());
});

test('export one photo, and the download is the original itself under its own name', async ({
  page,
}) => {
  const folder = join(work.path, 'One');
  const original = await makePhoto(folder, {
    name: 'harbour at dusk.png',
    hue: 200,
    format: 'png',
  });
  await makePhoto(folder, { name: 'other.jpg', hue: 20 });
  host = await startWebHost(['--data-dir', join(work.path, 'library'), '--port', '0']);
  await page.goto(host.url);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a folder…' }).click();
  await (await chooser).setFiles(folder);
  await expect(page.getByText('Import finished: 2 of 2 files')).toBeVisible();
  await page.getByRole('button', { name: 'Dismiss' }).click();
  const tile = page.getByRole('gridcell', { name: /harbour at dusk/ });
  await tile.click({ modifiers: ['ControlOrMeta'] });
  await expect(page.getByRole('toolbar', { name: 'Selection' })).toContainText('1 photo selected');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export…' }).click();
  expect((await download).suggestedFilename()).toBe('harbour at dusk.png');
  const saved = await readFile(await (await download).path());

  await expect(page.getByRole('region', { name: 'Exports' })).toContainText(
    'Exported 1 original as a download',
  );
  expect(sha256(saved)).toBe(sha256(await readFile(original)));
});
