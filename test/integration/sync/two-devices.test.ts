// Two data dirs signed in as the same user, through createServices as the hosts build it: real
// sign-in in Chromium, real uploads, labels and sync against the local cloud.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createServices, type Services } from '../../../main/services';
import { originalFile, thumbFile } from '../../../main/library/library-paths';
import { configFor, startLocalCloud, type LocalCloud } from '../../local-cloud/start-local-cloud';
import { makeLabelledPhoto } from '../../support/make-photos';
import { tempDir } from '../../support/temp-dir';
import { launchChromium, loginAs } from '../auth/browser-login';

describe('two devices signed in as the same user', () => {
  let cloud: LocalCloud;
  let browser: Browser;
  let work: Awaited<ReturnType<typeof tempDir>>;
  const devices: Services[] = [];

  beforeAll(async () => {
    cloud = await startLocalCloud();
    browser = await launchChromium();
    work = await tempDir('two-devices');
  });
  afterAll(async () => {
    for (const device of devices) await device.close();
    // The login tabs close themselves once the Hosted UI says "Signed in".
    for (let i = 0; i < 100 && browser.contexts().some((c) => c.pages().length > 0); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await browser.close();
    await cloud.stop();
    await work.remove();
  });

  /** A device with its own library, not signed in yet. */
  function openDevice(name: string): Services {
    const services = createServices(
      { dataDir: join(work.path, name), version: 'test', host: 'web', cloud: configFor(cloud) },
      {
        emit: () => undefined,
        openBrowser: loginAs(browser, { username: 'alice', password: 'correct horse' }),
      },
    );
    devices.push(services);
    return services;
  }

  /** A device signed in as alice (one at a time: one loopback port). */
  async function device(name: string): Promise<Services> {
    const services = openDevice(name);
    await services.auth()!.signIn('COGNITO');
    return services;
  }

  /** Waits until uploads and labelling are done, then syncs so every change is in the cloud. */
  async function settle(services: Services): Promise<void> {
    await services.cloudWork.whenIdle();
    await services.cloudWork.syncNow();
  }

  const idOf = (services: Services, filename: string) =>
    services.photos.page({ sort: 'taken-desc', offset: 0, limit: 50, query: filename }).items[0]!
      .id;

  it('sees every photo, thumbnail, description and label, and deletions travel both ways', async () => {
    const folder = join(work.path, 'photos');
    await makeLabelledPhoto(join(folder, 'rex.jpg'), 'dog');
    await makeLabelledPhoto(join(folder, 'tom.jpg'), 'cat');
    await makeLabelledPhoto(join(folder, 'shore.jpg'), 'beach');

    const laptop = await device('laptop');
    laptop.importer.start([folder]);
    await laptop.importer.whenIdle();
    await settle(laptop);
    const rex = idOf(laptop, 'rex');
    await laptop.handlers['photo.setDescription']({ id: rex, description: 'Rex at the park' });
    await laptop.handlers['labels.add']({ id: rex, name: 'Good boy' });
    await settle(laptop);
    expect(laptop.cloudWork.status()).toMatchObject({ uploaded: 3, queued: 0, failed: 0 });
    const labelCalls = cloud.rekognition.knobs.answered;
    expect(labelCalls).toBe(3);

    const desktop = await device('desktop');
    await settle(desktop);
    expect(desktop.photos.count()).toBe(3);
    const rexThere = desktop.photos.get(idOf(desktop, 'rex'), 70)!;
    expect(rexThere).toMatchObject({
      description: 'Rex at the park',
      cloud: 'cloud',
      originalLocal: false,
    });
    expect(rexThere.labels.map((label) => label.name)).toEqual(
      expect.arrayContaining(['Dog', 'Animal', 'Good boy']),
    );
    // Labels came in the metadata documents: the desktop asked Rekognition nothing.
    expect(cloud.rekognition.knobs.answered).toBe(labelCalls);
    const laptopPaths = laptop.paths;
    for (const photo of desktop.photos.page({ sort: 'taken-desc', offset: 0, limit: 10 }).items) {
      expect(await readFile(thumbFile(desktop.paths, photo.sha256))).toEqual(
        await readFile(thumbFile(laptopPaths, photo.sha256)),
      );
    }
    // The original is fetched through main on demand, byte for byte.
    const media = await desktop.resolveMedia(`original/${rexThere.sha256}`);
    expect(await readFile(media!.file)).toEqual(
      await readFile(originalFile(laptopPaths, rexThere.sha256, 'jpg')),
    );

    // The later of two description edits wins on both devices.
    const shoreOnLaptop = idOf(laptop, 'shore');
    const shoreOnDesktop = idOf(desktop, 'shore');
    await desktop.handlers['photo.setDescription']({ id: shoreOnDesktop, description: 'first' });
    await settle(desktop);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await laptop.handlers['photo.setDescription']({ id: shoreOnLaptop, description: 'second' });
    await settle(laptop);
    await settle(desktop);
    expect(desktop.photos.get(shoreOnDesktop)?.description).toBe('second');
    expect(laptop.photos.get(shoreOnLaptop)?.description).toBe('second');

    // Deleted on the desktop: gone from the cloud and, after its next sync, from the laptop.
    await desktop.handlers['photo.delete']({ targets: { ids: [idOf(desktop, 'tom')] } });
    await desktop.cloudWork.deleteQueued();
    await settle(laptop);
    expect(laptop.photos.count()).toBe(2);
    expect(
      laptop.photos.page({ sort: 'taken-desc', offset: 0, limit: 5, query: 'tom' }).total,
    ).toBe(0);
    // Nothing was uploaded twice along the way.
    expect(desktop.cloudWork.status().uploaded).toBe(0);

    // A third device imported the same files before it was ever signed in: what the cloud has is
    // neither sent nor labelled again; only tom, deleted above, goes up and to Rekognition anew.
    const tablet = openDevice('tablet');
    tablet.importer.start([folder]);
    await tablet.importer.whenIdle();
    await tablet.auth()!.signIn('COGNITO');
    await settle(tablet);
    // (The sync may find rex and shore in the cloud before their uploads even look.)
    expect(tablet.cloudWork.status().uploaded).toBe(1);
    const onTablet = tablet.photos.page({ sort: 'taken-desc', offset: 0, limit: 10 }).items;
    expect(onTablet.map((photo) => photo.cloud)).toEqual(['cloud', 'cloud', 'cloud']);
    expect(cloud.rekognition.knobs.answered).toBe(labelCalls + 1);
    const rexOnTablet = tablet.photos.get(idOf(tablet, 'rex'), 70)!;
    expect(rexOnTablet.labels.map((label) => label.name)).toContain('Good boy');
  }, 120_000);
});
