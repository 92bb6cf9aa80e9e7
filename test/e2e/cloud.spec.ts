import { expect, test, type Page } from '@playwright/test';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { join } from 'node:path';
import { s3ClientConfig, startS3 } from '../local-cloud/s3-server';
import { makePhoto } from '../support/make-photos';
import { startCloudApp, type CloudApp } from './cloud-app';
import { signInAsAlice } from './sign-in-steps';

let app: CloudApp;
let restartedS3: Awaited<ReturnType<typeof startS3>> | null = null;

test.beforeEach(async () => {
  app = await startCloudApp();
});

test.afterEach(async () => {
  await restartedS3?.stop();
  restartedS3 = null;
  await app.stop();
});

const tiles = (page: Page) => page.getByRole('grid', { name: 'Photos' }).getByRole('gridcell');

async function importFolder(page: Page, folder: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  const choose = page.getByRole('button', { name: 'Choose a folder…' });
  if (await choose.isVisible()) await choose.click();
  else {
    // A narrow window keeps "Add folder…" in the toolbar's Menu.
    const menu = page.locator('.toolbar-menu:not([open]) > summary');
    if (await menu.isVisible()) await menu.click();
    await page.getByRole('button', { name: 'Add folder…' }).click();
  }
  await (await chooser).setFiles(folder);
}

/** Every key under the signed-in user's prefix, as S3 lists them. */
async function cloudKeys(): Promise<string[]> {
  const { cloud } = app;
  const issued = cloud.registry.issue('eu-west-1:00000000-0000-4000-8000-000000000000', 600);
  const client = new S3Client({
    ...s3ClientConfig(cloud.config.endpoints!.s3!, 'eu-west-1'),
    credentials: issued,
  });
  try {
    const listed = await client.send(
      new ListObjectsV2Command({ Bucket: cloud.config.bucket, Prefix: 'users/' }),
    );
    return (listed.Contents ?? []).map((object) => object.Key ?? '');
  } finally {
    client.destroy();
  }
}

test('photos reach the cloud, the library browses with the cloud gone, queued work finishes by itself', async ({
  page,
  context,
}, testInfo) => {
  const first = join(app.work, 'First');
  for (const [i, name] of ['a.jpg', 'b.jpg', 'c.jpg'].entries())
    await makePhoto(first, { name, hue: i * 90 });
  const later = join(app.work, 'Later');
  for (const [i, name] of ['d.jpg', 'e.jpg'].entries())
    await makePhoto(later, { name, hue: 200 + i * 60 });

  await app.open(page);
  await signInAsAlice(page, context);

  await importFolder(page, first);
  await expect(tiles(page)).toHaveCount(3);
  await expect(tiles(page).getByText('In the cloud')).toHaveCount(3);
  const uploads = page.getByRole('region', { name: 'Uploads' });
  await expect(uploads.getByText('3 uploaded')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('in-the-cloud.png') });
  const keys = await cloudKeys();
  expect(keys.filter((key) => key.includes('/originals/'))).toHaveLength(3);
  expect(keys.filter((key) => key.includes('/thumbs/'))).toHaveLength(3);
  expect(keys.filter((key) => key.includes('/meta/'))).toHaveLength(3);

  // The cloud goes away: new photos wait in the queue, and say so.
  const s3Port = Number(new URL(app.cloud.s3.endpoint).port);
  await app.cloud.s3.stop();
  await importFolder(page, later);
  await expect(tiles(page)).toHaveCount(5);
  await expect(tiles(page).getByText('Waiting to upload')).toHaveCount(2);

  // A cold start with the cloud still gone: every thumbnail is there.
  await app.stopHost();
  await app.open(page);
  await expect(tiles(page)).toHaveCount(5);
  for (const img of await tiles(page).locator('img').all()) {
    await expect(img).toHaveJSProperty('complete', true);
    expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBeGreaterThan(0);
  }
  await expect(tiles(page).getByText('Waiting to upload')).toHaveCount(2);
  await page.screenshot({ path: testInfo.outputPath('offline.png') });

  // The cloud comes back on the same address: the queue finishes on its own.
  restartedS3 = await startS3({
    bucket: app.cloud.config.bucket,
    registry: app.cloud.registry,
    region: 'eu-west-1',
    port: s3Port,
    directory: join(app.work, 's3'),
  });
  await expect(tiles(page).getByText('In the cloud')).toHaveCount(5, { timeout: 60_000 });
  expect((await cloudKeys()).filter((key) => key.includes('/originals/'))).toHaveLength(5);
});
