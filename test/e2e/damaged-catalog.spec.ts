import { expect, test, type Page } from '@playwright/test';
import { truncate } from 'node:fs/promises';
import { join } from 'node:path';
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

// docs/reliability.md, "A damaged catalog": the words naming the file are shown in the window.
test('a catalog emptied to 0 bytes: the window names the file and what was done', async ({
  page,
}) => {
  const dataDir = join(work.path, 'library');
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
