import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { makeLabelledPhoto } from '../support/make-photos';
import { startCloudApp, type CloudApp } from './cloud-app';
import { signInAsAlice } from './sign-in-steps';

let app: CloudApp;

test.beforeEach(async () => {
  // A stack with CloudLabelling on: the local cloud runs the labeller on the local S3's uploads.
  app = await startCloudApp({ labelInCloud: true });
});

test.afterEach(async () => {
  await app.stop();
});

test('labels come from the cloud without the app calling DetectLabels; a refused photo is listed', async ({
  page,
  context,
}, testInfo) => {
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
  const tiles = page.getByRole('grid', { name: 'Photos' }).getByRole('gridcell');
  await expect(tiles).toHaveCount(2);
  await expect(page.getByRole('status', { name: 'Cloud labelling' })).toContainText(
    'Labelling in your cloud',
  );

  const sidebar = page.getByRole('navigation', { name: 'Labels' });
  await expect(sidebar.getByRole('button', { name: /^Dog ?, 1 photo$/ })).toBeVisible();
  await expect(sidebar.getByRole('button', { name: 'Couldn’t label 1 photo…' })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Cloud labelling' })).toHaveText(
    'Labelling in your cloud: nothing waiting',
  );
  await page.screenshot({ path: testInfo.outputPath('cloud-labelled.png') });

  await sidebar.getByRole('button', { name: 'Couldn’t label 1 photo…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Couldn’t label' });
  await expect(dialog.getByText('magenta.jpg')).toBeVisible();
  await expect(dialog.getByText(/Rekognition could not read the image/)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('cloud-couldnt-label.png') });

  // Rekognition only ever read the derivatives from S3 (the labeller), never bytes from the app.
  const knobs = app.cloud.rekognition.knobs;
  expect(knobs.lastImageBytes).toBeUndefined();
  expect(knobs.s3ObjectsRead).toHaveLength(2);
  expect(
    knobs.s3ObjectsRead.every((key) => /\/users\/[^/]+\/derived\/[0-9a-f]{64}\.jpg$/.test(key)),
  ).toBe(true);
  expect(app.cloud.pipeline?.deadLetters).toEqual([]);

  // A bug report: Settings → Copy diagnostics puts the queue states and recent log lines on the
  // clipboard.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByText('Settings', { exact: true }).click();
  await page.getByRole('button', { name: 'Copy diagnostics' }).click();
  await expect(page.getByText('Diagnostics copied to the clipboard.')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('copy-diagnostics.png') });
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('"cloudLabelling": true');
  expect(copied).toContain('magenta.jpg');
  expect(copied).toContain('"message":"auth changed"');
});
