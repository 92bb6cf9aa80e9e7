import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { makeLabelledPhoto, makePhoto } from '../support/make-photos';
import { startWebHost, type RunningHost } from '../support/start-web-host';
import { tempDir } from '../support/temp-dir';
import { expectNoAxeViolations as expectNoViolations } from './axe';
import { startCloudApp } from './cloud-app';
import { signInAsAlice } from './sign-in-steps';

// The app's CSP refuses injected scripts, which is how axe gets in (docs/platform-notes.md, axe-core).
test.use({ bypassCSP: true });

let work: Awaited<ReturnType<typeof tempDir>>;
let host: RunningHost | null = null;

test.beforeEach(async () => {
  work = await tempDir('e2e-axe');
});
test.afterEach(async () => {
  await host?.stop();
  host = null;
  await work.remove();
});

async function importPhotos(page: Page): Promise<void> {
  const folder = join(work.path, 'Photos');
  for (let i = 0; i < 4; i++) {
    await makePhoto(folder, {
      name: `photo-${i}.jpg`,
      hue: i * 80,
      takenAt: '2023:05:06 10:00:00',
    });
  }
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a folder…' }).click();
  await (await chooser).setFiles(folder);
  await expect(page.getByText('Import finished: 4 of 4 files')).toBeVisible();
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`every local screen has no axe violations (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    host = await startWebHost(['--data-dir', join(work.path, 'library'), '--port', '0']);
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: 'Your library is empty' })).toBeVisible();
    await expectNoViolations(page, 'empty library');

    await importPhotos(page);
    await expect(page.getByRole('gridcell').first().locator('img')).toBeVisible();
    await expectNoViolations(page, 'grid');

    await page.getByText('Settings', { exact: true }).click();
    await expect(page.getByRole('form', { name: 'Settings' })).toBeVisible();
    await expectNoViolations(page, 'settings');
    await page.keyboard.press('Escape');

    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await expectNoViolations(page, 'shortcuts dialog');
    await page.keyboard.press('Escape');

    await page.locator('input[aria-label="Backend config file"]').setInputFiles({
      name: 'config.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"region":"nowhere"}'),
    });
    await expect(page.getByRole('dialog', { name: /can’t be used/ })).toBeVisible();
    await expectNoViolations(page, 'config problem dialog');
    await page.keyboard.press('Escape');

    await page.getByRole('gridcell').first().click();
    const detail = page.getByRole('dialog', { name: /photo-\d\.jpg/ });
    await expect(detail.getByRole('img')).toHaveJSProperty('complete', true);
    await expectNoViolations(page, 'detail view');
    // Moved to the Trash: the next photo takes its place, and Undo is offered.
    await detail.getByRole('button', { name: 'Move to Trash' }).click();
    await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible();
    await expectNoViolations(page, 'detail view with the Undo toast');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);

    await page
      .getByRole('navigation', { name: 'Library' })
      .getByRole('button', { name: 'Trash' })
      .click();
    await expect(page.getByRole('heading', { name: 'Trash' })).toBeVisible();
    await expectNoViolations(page, 'Trash');
    await page.getByRole('gridcell').first().click();
    await page
      .getByRole('dialog', { name: /photo-\d\.jpg/ })
      .getByRole('button', { name: 'Delete for good…' })
      .click();
    await expect(page.getByRole('alertdialog')).toBeVisible();
    await expectNoViolations(page, 'delete dialog');
    await page.keyboard.press('Escape');

    await page.setViewportSize({ width: 800, height: 600 });
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await page.locator('.toolbar-menu > summary').click();
    await expectNoViolations(page, 'toolbar menu, narrow window');
  });
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`organising has no axe violations: selection bar, album dialogs, exports (${colorScheme})`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme });
    host = await startWebHost(['--data-dir', join(work.path, 'library'), '--port', '0']);
    await page.goto(host.url);
    await importPhotos(page);
    await page.getByRole('button', { name: 'Dismiss' }).click();
    const tiles = page.getByRole('grid', { name: 'Photos' }).getByRole('gridcell');
    await tiles.nth(0).click({ modifiers: ['ControlOrMeta'] });
    await tiles.nth(2).click({ modifiers: ['Shift'] });
    const bar = page.getByRole('toolbar', { name: 'Selection' });
    await expect(bar).toContainText('3 photos selected');
    await expectNoViolations(page, 'selection bar');

    await bar.getByRole('button', { name: 'Add to album…' }).click();
    const picker = page.getByRole('dialog', { name: 'Add 3 photos to an album' });
    await expect(picker).toBeVisible();
    await expectNoViolations(page, 'album picker dialog');
    await picker.getByRole('textbox', { name: 'Or a new album' }).fill('Harbour walk');
    await picker.getByRole('button', { name: 'Create album' }).click();
    await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible();
    await expectNoViolations(page, 'grid with the album Undo toast');

    const nav = page.getByRole('navigation', { name: 'Library' });
    await nav.getByRole('button', { name: 'Harbour walk , 3 photos' }).click();
    await expect(page.getByRole('heading', { name: 'Harbour walk' })).toBeVisible();
    await expectNoViolations(page, 'album view');
    await page.getByRole('button', { name: 'Rename…' }).click();
    await expect(page.getByRole('dialog', { name: 'Rename album' })).toBeVisible();
    await expectNoViolations(page, 'rename album dialog');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Delete album…' }).click();
    await expect(page.getByRole('alertdialog', { name: /Delete the album/ })).toBeVisible();
    await expectNoViolations(page, 'delete album dialog');
    await page.keyboard.press('Escape');

    await tiles.nth(0).click({ modifiers: ['ControlOrMeta'] });
    await tiles.nth(1).click({ modifiers: ['ControlOrMeta'] });
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export…' }).click();
    await download;
    const exports = page.getByRole('region', { name: 'Exports' });
    await expect(exports).toContainText('Exported 2 originals into the zip');
    await expectNoViolations(page, 'export panel');
  });
}

test('the account menu, signed in, has no axe violations (light and dark)', async ({
  page,
  context,
}) => {
  const app = await startCloudApp();
  try {
    await app.open(page);
    await signInAsAlice(page, context);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const account = page.getByRole('group', { name: 'Account' });
      await account.locator('summary').click();
      await expect(account.getByRole('combobox', { name: 'Voice' })).toBeVisible();
      await expectNoViolations(page, `account menu (${colorScheme})`);
      await page.keyboard.press('Escape');
    }
  } finally {
    await app.stop();
  }
});

test('a photo Rekognition could not label, with its Retry, has no axe violations (light and dark)', async ({
  page,
  context,
}) => {
  const app = await startCloudApp();
  try {
    const refused = '#ff00ff';
    app.cloud.rekognition.knobs.refuseColour(refused);
    const folder = join(app.work, 'Pets');
    await makeLabelledPhoto(join(folder, 'rex.jpg'), 'dog');
    await makeLabelledPhoto(join(folder, 'magenta.jpg'), refused);
    await app.open(page);
    await signInAsAlice(page, context);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose a folder…' }).click();
    await (await chooser).setFiles(folder);
    const sidebar = page.getByRole('navigation', { name: 'Labels' });
    const failures = sidebar.getByRole('button', { name: 'Couldn’t label 1 photo…' });
    await expect(failures).toBeVisible();
    await expect(sidebar.getByRole('button', { name: /^Dog ?, 1 photo$/ })).toBeVisible();

    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await expectNoViolations(page, `grid with a photo it couldn’t label (${colorScheme})`);

      await failures.click();
      const dialog = page.getByRole('dialog', { name: 'Couldn’t label' });
      await expect(dialog.getByRole('button', { name: 'Retry magenta.jpg' })).toBeVisible();
      await expect(dialog.getByText(/Rekognition could not read the image/)).toBeVisible();
      await expectNoViolations(page, `couldn’t-label list (${colorScheme})`);
      await page.screenshot({
        path: test.info().outputPath(`couldnt-label-list-${colorScheme}.png`),
      });
      await dialog.getByRole('button', { name: 'Close' }).click();

      await page.getByRole('gridcell', { name: /magenta\.jpg/ }).click();
      const detail = page.getByRole('dialog', { name: 'magenta.jpg' });
      await expect(
        detail.getByText(/^Couldn’t label this photo: Rekognition could not/),
      ).toBeVisible();
      await expect(detail.getByRole('button', { name: 'Retry labelling' })).toBeVisible();
      await expect(detail.getByRole('img')).toHaveJSProperty('complete', true);
      await expectNoViolations(page, `detail view of a photo it couldn’t label (${colorScheme})`);
      await page.screenshot({
        path: test.info().outputPath(`couldnt-label-detail-${colorScheme}.png`),
      });
      await page.keyboard.press('Escape');
      await expect(detail).toHaveCount(0);
    }
  } finally {
    await app.stop();
  }
});

test('a skip link leads to the grid, "?" lists the shortcuts, and focus is visible', async ({
  page,
}) => {
  host = await startWebHost(['--data-dir', join(work.path, 'library'), '--port', '0']);
  await page.goto(host.url);
  await importPhotos(page);
  // As a person arriving: the page fresh, nothing focused yet.
  await page.reload();
  await expect(page.getByRole('gridcell').first()).toBeVisible();

  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to photos' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  const grid = page.getByRole('grid', { name: 'Photos' });
  await expect(grid).toBeFocused();
  const ring = await page
    .locator('.tile.active')
    .evaluate((tile) => getComputedStyle(tile).outlineStyle);
  expect(ring).toBe('solid');

  await page.keyboard.press('?');
  const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  for (const key of ['Page Up / Page Down', 'Enter', 'Delete', 'Esc or Back']) {
    await expect(shortcuts.getByText(key, { exact: true }).first()).toBeVisible();
  }
  await page.keyboard.press('Escape');
  await expect(shortcuts).toHaveCount(0);
  await expect(grid).toBeFocused();
});
