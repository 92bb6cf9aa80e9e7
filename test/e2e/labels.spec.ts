import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { makeLabelledPhoto } from '../support/make-photos';
import { startCloudApp, type CloudApp } from './cloud-app';
import { expectNoAxeViolations } from './axe';
import { signInAsAlice } from './sign-in-steps';

let app: CloudApp;

// axe is injected as a script, which the app's CSP refuses (docs/platform-notes.md, axe-core).
test.use({ bypassCSP: true });

test.beforeEach(async () => {
  app = await startCloudApp();
});

test.afterEach(async () => {
  await app.stop();
});

/** The alt texts of the tiles on screen, which are built from each photo's top labels. */
async function tileAlts(page: Page): Promise<string[]> {
  const images = page.getByRole('grid', { name: 'Photos' }).getByRole('gridcell').getByRole('img');
  return images.evaluateAll((list) => list.map((img) => img.getAttribute('alt') ?? ''));
}

async function search(page: Page, text: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search photos' }).fill(text);
}

test('labels arrive from Rekognition; search, the confidence slider and corrections work', async ({
  page,
  context,
}, testInfo) => {
  const folder = join(app.work, 'Pets');
  await makeLabelledPhoto(join(folder, 'rex.jpg'), 'dog');
  await makeLabelledPhoto(join(folder, 'fido.jpg'), 'dog', { width: 700, height: 500 });
  await makeLabelledPhoto(join(folder, 'tom.jpg'), 'cat');
  await makeLabelledPhoto(join(folder, 'shore.jpg'), 'beach');
  await app.open(page);
  await signInAsAlice(page, context);

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a folder…' }).click();
  await (await chooser).setFiles(folder);
  const tiles = page.getByRole('grid', { name: 'Photos' }).getByRole('gridcell');
  await expect(tiles).toHaveCount(4);

  // Every photo is labelled in the background; alt texts are built from the most specific
  // labels: "Dog", not its parents "Animal" or "Pet".
  await expect
    .poll(async () => (await tileAlts(page)).filter((alt) => /^(Dog|Cat|Beach)\b/.test(alt)).length)
    .toBe(4);
  expect((await tileAlts(page)).filter((alt) => /Animal|Pet|Nature/.test(alt))).toEqual([]);
  const sidebar = page.getByRole('navigation', { name: 'Labels' });
  // Named by what it shows; Chromium puts a space before the hidden comma, which no reader says.
  await expect(sidebar.getByRole('button', { name: /^Dog ?, 2 photos$/ })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('labelled.png') });
  await expectNoAxeViolations(page, 'grid with labels and the sidebar');

  await search(page, 'dog');
  await expect(tiles).toHaveCount(2);
  for (const alt of await tileAlts(page)) expect(alt).toContain('Dog');
  await page.screenshot({ path: testInfo.outputPath('search-dog.png') });

  // Puppy (58.3) is below the default minimum confidence (70): no match until the slider moves.
  await search(page, 'puppy');
  await expect(page.getByText(/No photos match/)).toBeVisible();
  await page.getByText('Settings', { exact: true }).click();
  const slider = page.getByRole('slider', { name: 'Minimum label confidence' });
  await slider.fill('50');
  await expect(tiles).toHaveCount(2);
  await slider.fill('99');
  // At 99 only Animal (99.1, 99.0) and Nature (99.3) are left: the dogs no longer match "puppy".
  await expect(page.getByText(/No photos match/)).toBeVisible();
  await search(page, 'animal');
  await expect(tiles).toHaveCount(3);
  await slider.fill('70');
  await page.getByText('Settings', { exact: true }).click();

  // Correct the cat: take Cat away, add Tiger; the photo is found by the new label only.
  await search(page, 'cat');
  await expect(tiles).toHaveCount(1);
  await tiles.first().click();
  const detail = page.getByRole('dialog', { name: 'tom.jpg' });
  await detail.getByRole('button', { name: 'Remove label Cat' }).click();
  await detail.getByLabel('New label').fill('Tiger');
  await detail.getByRole('button', { name: 'Add' }).click();
  await expect(detail.getByRole('button', { name: 'Remove label Tiger' })).toBeVisible();
  await detail.screenshot({ path: testInfo.outputPath('corrected.png') });
  await page.keyboard.press('Escape');
  await search(page, 'tiger');
  await expect(tiles).toHaveCount(1);
  await expect(tiles.first().getByRole('img')).toHaveAttribute('alt', /tom\.jpg/);
  await search(page, 'cat');
  await expect(page.getByText(/No photos match/)).toBeVisible();

  // Each photo was sent to Rekognition once, whatever happened on screen.
  expect(app.cloud.rekognition.knobs.answered).toBe(4);
});
