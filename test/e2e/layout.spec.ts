import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { makePhoto } from '../support/make-photos';
import { startWebHost, type RunningHost } from '../support/start-web-host';
import { tempDir } from '../support/temp-dir';
import { startCloudApp } from './cloud-app';
import { expectPopoverFits } from './fits';
import { signInAsAlice } from './sign-in-steps';

let work: Awaited<ReturnType<typeof tempDir>>;
let host: RunningHost | null = null;

test.beforeEach(async () => {
  work = await tempDir('e2e-layout');
});
test.afterEach(async () => {
  await host?.stop();
  host = null;
  await work.remove();
});

const sizes = [
  { width: 800, height: 600 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

async function libraryWithPhotos(page: Page, count: number): Promise<void> {
  const folder = join(work.path, 'Photos');
  for (let i = 0; i < count; i++) {
    await makePhoto(folder, {
      name: `photo-${i}.jpg`,
      hue: i * 29,
      ...(i % 3 === 0 ? {} : { takenAt: `2023:0${(i % 9) + 1}:1${i % 9} 12:00:00` }),
    });
  }
  host = await startWebHost(['--data-dir', join(work.path, 'library'), '--port', '0']);
  await page.goto(host.url);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a folder…' }).click();
  await (await chooser).setFiles(folder);
  await expect(page.getByText(`Import finished: ${count} of ${count} files`)).toBeVisible();
}

async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, what).toBeLessThanOrEqual(innerWidth);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`fits every window without sideways scrolling (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await libraryWithPhotos(page, 9);
    const grid = page.getByRole('grid', { name: 'Photos' });
    for (const size of sizes) {
      await page.setViewportSize(size);
      const what = `${size.width}×${size.height} ${colorScheme}`;
      await expect(grid.getByRole('gridcell').first().locator('img')).toBeVisible();
      await expectNoSidewaysScroll(page, what);
      // Every control of the toolbar is reachable: in the bar, or in its menu when narrow.
      const menu = page.locator('.toolbar-menu > summary');
      if (size.width < 1140) {
        await expect(page.getByRole('button', { name: 'Add photos…' })).toBeHidden();
        await menu.click();
        await expect(page.getByRole('button', { name: 'Add photos…' })).toBeVisible();
        await expect(page.getByRole('combobox', { name: 'Sort' })).toBeVisible();
        await expectNoSidewaysScroll(page, `${what}, menu open`);
        await expectPopoverFits(page.locator('.toolbar-menu .menu'), `${what}, menu`);
        await page.keyboard.press('Escape');
      } else {
        await expect(menu).toHaveCount(0);
        await expect(page.getByRole('button', { name: 'Add photos…' })).toBeVisible();
      }
      await expect(page.getByText('Settings', { exact: true })).toBeInViewport();
      await page.getByText('Settings', { exact: true }).click();
      await expect(page.getByRole('form', { name: 'Settings' })).toBeVisible();
      await expectPopoverFits(page.locator('.settings-menu .menu'), `${what}, Settings`);
      await page.screenshot({
        path: test.info().outputPath(`settings-${size.width}x${size.height}-${colorScheme}.png`),
      });
      await page.keyboard.press('Escape');
      await expect(
        page.getByRole('button', { name: 'Connect your AWS backend…' }),
      ).toBeInViewport();
      await page.screenshot({
        path: test.info().outputPath(`grid-${size.width}x${size.height}-${colorScheme}.png`),
      });
    }
  });
}

test('a config with many mistakes lists every one in a readable dialog', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 600 });
  host = await startWebHost(['--data-dir', join(work.path, 'library'), '--port', '0']);
  await page.goto(host.url);
  const bad = {
    region: 'nowhere',
    bucket: 'Not A Bucket!',
    userPoolId: 42,
    clientId: '',
    surprise: true,
  };
  await page.locator('input[aria-label="Backend config file"]').setInputFiles({
    name: 'shoebox-config.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(bad)),
  });
  const dialog = page.getByRole('dialog', { name: '“shoebox-config.json” can’t be used' });
  await expect(dialog).toBeVisible();
  const problems = dialog.getByRole('list', { name: 'What is wrong' }).getByRole('listitem');
  expect(await problems.count()).toBeGreaterThanOrEqual(4);
  await expect(problems.filter({ hasText: 'surprise' })).toHaveCount(1);
  // Each wrong field, the unknown ones and the required ones left out, is named by one line.
  const wrong = [
    'region',
    'bucket',
    'userPoolId',
    'clientId',
    'surprise',
    'userPoolClientId',
    'hostedUiDomain',
    'identityPoolId',
  ];
  for (const field of wrong) {
    await expect(problems.filter({ hasText: new RegExp(`^${field}: `) }), field).toHaveCount(1);
  }
  await expect(problems).toHaveCount(wrong.length);
  await expectNoSidewaysScroll(page, 'config dialog');
  const box = await dialog.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(800);
  await page.screenshot({ path: test.info().outputPath('config-problems.png') });
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog).toHaveCount(0);
});

test('the detail view is a modal: focus stays in, backdrop and Back close it', async ({ page }) => {
  await libraryWithPhotos(page, 3);
  const grid = page.getByRole('grid', { name: 'Photos' });
  const tiles = grid.getByRole('gridcell');
  await grid.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  expect(new URL(page.url()).hash).toMatch(/^#photo-\d+$/);

  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Tab');
    const inside = await page.evaluate(
      () => document.querySelector('.detail')?.contains(document.activeElement) ?? false,
    );
    expect(inside, `Tab ${i + 1} kept focus inside`).toBe(true);
  }

  await page.goBack();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('grid', { name: 'Photos' })).toBeVisible();
  expect(new URL(page.url()).hash).toBe('');
  // Focus is back on the grid, at the photo that was open, so the arrows go on from there.
  await expect(grid).toBeFocused();
  await expect(grid).toHaveAttribute('aria-activedescendant', 'tile-0');

  await tiles.nth(1).click();
  await expect(dialog).toBeVisible();
  await page.mouse.click(8, 300); // the dark space beside the photo
  await expect(dialog).toHaveCount(0);
  // Closed by a click, its history entry went too: Back now would leave the app, not reopen it.
  expect(new URL(page.url()).hash).toBe('');
  await expect(grid).toBeFocused();
  await expect(grid).toHaveAttribute('aria-activedescendant', 'tile-1');

  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(grid).toBeFocused();
  await expect(grid).toHaveAttribute('aria-activedescendant', 'tile-2');
});

test('a click outside Settings closes it without opening the photo beneath', async ({ page }) => {
  await libraryWithPhotos(page, 3);
  await page.getByText('Settings', { exact: true }).click();
  await expect(page.getByRole('form', { name: 'Settings' })).toBeVisible();
  await page.getByRole('grid', { name: 'Photos' }).getByRole('gridcell').first().click();
  await expect(page.getByRole('form', { name: 'Settings' })).toBeHidden();
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('signed in at 800×600, the account menu with its session note and the voice picker fit (light and dark)', async ({
  page,
  context,
}) => {
  await page.setViewportSize({ width: 800, height: 600 });
  const app = await startCloudApp();
  try {
    await app.open(page);
    await signInAsAlice(page, context);
    const account = page.getByRole('group', { name: 'Account' });
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await account.locator('summary').click();
      const menu = account.locator('.menu');
      // The browser host's session note: where the session is kept, and that it is not sealed.
      await expect(menu.getByText(/keeps your session in a private file/)).toBeVisible();
      const voice = menu.getByRole('combobox', { name: 'Voice' });
      await expect(voice).toBeEnabled();
      await expectPopoverFits(menu, `account menu, ${colorScheme}`);
      await expectPopoverFits(menu.locator('.voice-picker'), `voice picker, ${colorScheme}`);
      await page.screenshot({ path: test.info().outputPath(`account-menu-${colorScheme}.png`) });
      await page.keyboard.press('Escape');
      await expect(menu).toBeHidden();
    }
  } finally {
    await app.stop();
  }
});
