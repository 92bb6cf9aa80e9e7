import { expect, test, type Page } from '@playwright/test';
import { rm, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { damagePhotoIndex } from '../support/damage-index';
import { makePhoto } from '../support/make-photos';
import { startWebHost, type RunningHost } from '../support/start-web-host';
import { tempDir } from '../support/temp-dir';
import { expectNoAxeViolations } from './axe';

// The app's CSP refuses injected scripts, which is how axe gets in (docs/platform-notes.md, axe-core).
test.use({ bypassCSP: true });

let work: Awaited<ReturnType<typeof tempDir>>;
let host: RunningHost | null = null;

test.beforeEach(async () => {
  work = await tempDir('e2e-damaged-catalog');
});
test.afterEach(async () => {
  await host?.stop();
  host = null;
  await work.remove();
});

async function openApp(page: Page, dataDir: string): Promise<void> {
  host = await startWebHost(['--data-dir', dataDir, '--port', '0']);
  await page.goto(host.url);
}

/** A library of two photos imported through the window; the host is stopped after. */
async function twoPhotos(page: Page, dataDir: string): Promise<void> {
  const folder = join(work.path, 'Photos');
  for (const n of [1, 2]) await makePhoto(folder, { name: `p${n}.jpg`, hue: n * 120 });
  await openApp(page, dataDir);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a folder…' }).click();
  await (await chooser).setFiles(folder);
  await expect(page.getByText('Import finished: 2 of 2 files')).toBeVisible();
  // A sound catalog has nothing to say.
  await expect(page.locator('.banner.notice')).toHaveCount(0);
  await host!.stop();
}

// docs/reliability.md, "A damaged catalog": the words naming the file are shown in the window.
test('a catalog emptied to 0 bytes: the window names the file and what was done', async ({
  page,
}) => {
  const dataDir = join(work.path, 'library');
  await twoPhotos(page, dataDir);

  const catalog = join(dataDir, 'catalog.sqlite');
  await truncate(catalog, 0);
  await openApp(page, dataDir);

  const notice = page.getByRole('status').filter({ hasText: 'The catalog' });
  await expect(notice).toContainText(`The catalog ${catalog} was damaged`);
  await expect(notice).toContainText(/it is kept as .*catalog\.damaged-.*\.sqlite/);
  await expect(page.getByRole('grid', { name: 'Photos' }).getByRole('gridcell')).toHaveCount(2);
  await page.screenshot({ path: test.info().outputPath('catalog-notice.png') });
  await expectNoAxeViolations(page, 'catalog notice');

  await notice.getByRole('button', { name: 'OK' }).click();
  await expect(notice).toHaveCount(0);
});

// docs/reliability.md, "A damaged catalog": what the full check finds while the window is open
// is shown in it at once, not at the next reload.
test('damage the full check finds while running: the open window names it without a reload', async ({
  page,
}) => {
  const dataDir = join(work.path, 'library');
  await twoPhotos(page, dataDir);
  const catalog = join(dataDir, 'catalog.sqlite');
  await damagePhotoIndex(catalog);
  // No backup yet, so one is due: the full check runs once the first screen is served.
  await rm(join(dataDir, 'backups'), { recursive: true, force: true });
  await openApp(page, dataDir);

  await expect(page.getByRole('grid', { name: 'Photos' }).getByRole('gridcell')).toHaveCount(2);
  // The window asked for the catalog's words at start; the quick check had nothing to say.
  await expect(page.locator('.banner.notice')).toHaveCount(0);
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));

  const notice = page.getByRole('status').filter({ hasText: 'The catalog' });
  await expect(notice).toContainText(`The catalog ${catalog} is damaged`, { timeout: 30_000 });
  await expect(notice).toContainText('missing from index');
  expect(await page.evaluate(() => 'sameDocument' in window)).toBe(true);
  await expectNoAxeViolations(page, 'catalog damaged while running');
  await notice.getByRole('button', { name: 'OK' }).click();
  await expect(notice).toHaveCount(0);
});
