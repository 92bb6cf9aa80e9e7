import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makePhoto } from '../support/make-photos';
import { startWebHost, type RunningHost } from '../support/start-web-host';
import { tempDir } from '../support/temp-dir';

// Wide enough for the whole toolbar: below 1140 px its Sort folds into a menu (layout.spec.ts).
test.use({ viewport: { width: 1280, height: 800 } });

let work: Awaited<ReturnType<typeof tempDir>>;
let host: RunningHost | null = null;

test.beforeEach(async () => {
  work = await tempDir('e2e-organise');
});

test.afterEach(async () => {
  await host?.stop();
  host = null;
  await work.remove();
});

const names = ['a-beach', 'b-dunes', 'c-harbour', 'd-lighthouse', 'e-market', 'f-sunset'];

/** A library of six photos, oldest first on screen (a-beach … f-sunset). */
async function openLibrary(page: Page) {
  const folder = join(work.path, 'Holiday');
  for (const [i, name] of names.entries()) {
    await makePhoto(folder, {
      name: `${name}.jpg`,
      hue: i * 50,
      takenAt: `2023:06:0${i + 1} 12:00:00`,
    });
  }
  host = await startWebHost(['--data-dir', join(work.path, 'library'), '--port', '0']);
  await page.goto(host.url);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a folder…' }).click();
  await (await chooser).setFiles(folder);
  await expect(page.getByText('Import finished: 6 of 6 files')).toBeVisible();
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await page.getByRole('combobox', { name: 'Sort' }).selectOption('taken-asc');
  const grid = page.getByRole('grid', { name: 'Photos' });
  await expect(grid.getByRole('gridcell').first().getByRole('img')).toHaveAttribute(
    'alt',
    /^a-beach\.jpg/,
  );
  return grid;
}

/**
 * The page in light and dark. The README shows them from docs/: with SHOEBOX_DOCS_SCREENSHOTS=1
 * they are written there as docs/organise-<name>-<scheme>.png too.
 */
async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.mouse.move(0, 0);
    const shot = await page.screenshot({
      path: testInfo.outputPath(`${name}-${colorScheme}.png`),
    });
    if (process.env.SHOEBOX_DOCS_SCREENSHOTS === '1') {
      await writeFile(join('docs', `organise-${name}-${colorScheme}.png`), shot);
    }
  }
  await page.emulateMedia({ colorScheme: null });
}

const tileNamed = (page: Page, name: string) =>
  page
    .getByRole('gridcell')
    .filter({ has: page.getByRole('img', { name: new RegExp(`^${name}`) }) });

test('select with mouse and keyboard, bulk move to the Trash, Undo, then delete for good', async ({
  page,
}, testInfo) => {
  const grid = await openLibrary(page);
  await expect(grid).toHaveAttribute('aria-multiselectable', 'true');
  const tiles = grid.getByRole('gridcell');
  const status = page.getByRole('toolbar', { name: 'Selection' }).locator('[aria-live]');

  // Ctrl-click adds, then a plain click toggles while something is selected.
  await tiles.nth(0).click({ modifiers: ['ControlOrMeta'] });
  await expect(tiles.nth(0)).toHaveAttribute('aria-selected', 'true');
  await expect(status).toHaveText('1 photo selected');
  await tiles.nth(2).click({ modifiers: ['Shift'] });
  await expect(status).toHaveText('3 photos selected');
  await tiles.nth(1).click();
  await expect(tiles.nth(1)).toHaveAttribute('aria-selected', 'false');
  await expect(status).toHaveText('2 photos selected');
  await expect(page.getByRole('dialog')).toHaveCount(0); // no photo opened
  await snap(page, testInfo, 'selection');

  // Keyboard: Escape clears, Shift+arrows extend, Ctrl+A takes the whole view.
  await grid.focus();
  await page.keyboard.press('Escape');
  await expect(status).toHaveText('');
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await expect(status).toHaveText('3 photos selected');
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(status).toHaveText('2 photos selected');
  await page.keyboard.press('ControlOrMeta+a');
  await expect(status).toHaveText('6 photos selected');
  await page.keyboard.press('Space'); // the focused photo (b-dunes) leaves the selection
  await expect(status).toHaveText('5 photos selected');
  await page.keyboard.press('Escape');

  // Select a search's results only, and move them to the Trash.
  await page.getByRole('searchbox').fill('harbour');
  await expect(tiles).toHaveCount(1);
  await grid.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await expect(status).toHaveText('1 photo selected');
  await page.getByRole('searchbox').fill('');
  await expect(tiles).toHaveCount(6);
  await expect(status).toHaveText(''); // another view, nothing selected

  await tiles.nth(3).click({ modifiers: ['ControlOrMeta'] });
  await tiles.nth(4).click({ modifiers: ['ControlOrMeta'] });
  await page.getByRole('button', { name: 'Move to Trash' }).click();
  await expect(page.getByText('Moved 2 photos to the Trash.')).toBeVisible();
  await expect(tiles).toHaveCount(4);
  await expect(page.getByRole('banner').getByText('4 photos')).toBeVisible();

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(tiles).toHaveCount(6);

  // Again with the Delete key; this time they stay in the Trash.
  await tiles.nth(3).click({ modifiers: ['ControlOrMeta'] });
  await tiles.nth(4).click({ modifiers: ['ControlOrMeta'] });
  await page.keyboard.press('Delete');
  await expect(tiles).toHaveCount(4);
  await page
    .getByRole('navigation', { name: 'Library' })
    .getByRole('button', { name: 'Trash' })
    .click();
  await expect(page.getByRole('heading', { name: 'Trash' })).toBeVisible();
  await expect(tiles).toHaveCount(2);
  await expect(tileNamed(page, 'd-lighthouse')).toHaveCount(1);
  await snap(page, testInfo, 'trash');

  // Restore one; delete the other for good, told truthfully that no cloud is involved.
  await tileNamed(page, 'd-lighthouse').click({ modifiers: ['ControlOrMeta'] });
  await page.getByRole('button', { name: 'Restore' }).click();
  await expect(tiles).toHaveCount(1);
  await page.getByRole('button', { name: 'Empty Trash…' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Empty the Trash?' });
  await expect(confirm).toContainText('This deletes it from this computer for good.');
  await expect(confirm).not.toContainText('cloud');
  await confirm.getByRole('button', { name: 'Empty Trash' }).click();
  await expect(page.getByText('The Trash is empty.')).toBeVisible();

  await page.getByRole('button', { name: 'Library' }).click();
  await expect(tiles).toHaveCount(5);
  await expect(tileNamed(page, 'e-market')).toHaveCount(0);
});

test('favorite with the heart and F; make an album from a selection', async ({
  page,
}, testInfo) => {
  const grid = await openLibrary(page);
  const tiles = grid.getByRole('gridcell');
  await tiles.nth(0).hover();
  await tiles.nth(0).getByRole('button', { name: 'Favorite a-beach.jpg' }).click();
  await expect(tiles.nth(0).getByRole('button', { name: 'Favorite a-beach.jpg' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await grid.focus();
  await page.keyboard.press('End');
  await page.keyboard.press('f');
  const nav = page.getByRole('navigation', { name: 'Library' });
  await nav.getByRole('button', { name: 'Favorites' }).click();
  await expect(tiles).toHaveCount(2);
  await expect(tileNamed(page, 'f-sunset')).toHaveCount(1);
  await snap(page, testInfo, 'favorites');

  // In the detail view, F takes it back.
  await tileNamed(page, 'f-sunset').click();
  const dialog = page.getByRole('dialog', { name: 'f-sunset.jpg' });
  await expect(dialog.getByRole('button', { name: 'Favorite f-sunset.jpg' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page.keyboard.press('f');
  await expect(dialog.getByRole('button', { name: 'Favorite f-sunset.jpg' })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
  await page.keyboard.press('Escape');
  await expect(tiles).toHaveCount(1);

  await nav.getByRole('button', { name: 'Library' }).click();
  await expect(tiles).toHaveCount(6);
  await tiles.nth(4).click({ modifiers: ['ControlOrMeta'] });
  await tiles.nth(1).click({ modifiers: ['ControlOrMeta'] });
  await tiles.nth(2).click({ modifiers: ['ControlOrMeta'] });
  await page.getByRole('button', { name: 'Add to album…' }).click();
  const picker = page.getByRole('dialog', { name: 'Add 3 photos to an album' });
  await picker.getByRole('textbox', { name: 'Or a new album' }).fill('Harbour walk');
  await picker.getByRole('button', { name: 'Create album' }).click();
  await nav.getByRole('button', { name: 'Harbour walk , 3 photos' }).click();
  await expect(page.getByRole('heading', { name: 'Harbour walk' })).toBeVisible();
  // The album's own order: the order they were put in it (the same moment here: by id).
  await expect(tiles).toHaveCount(3);
  await snap(page, testInfo, 'album');

  // Taking one out offers Undo.
  await tiles.nth(0).click({ modifiers: ['ControlOrMeta'] });
  await page.getByRole('button', { name: 'Remove from album' }).click();
  await expect(tiles).toHaveCount(2);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(tiles).toHaveCount(3);
});
