import { readdir, readFile, stat } from 'node:fs/promises';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OriginalFetchError } from '../../../main/sync/original-cache';
import { originalKey } from '../../../main/model/photo-keys';
import { writeContentAddressed } from '../../../main/library/store-photo-files';
import { cachedOriginalFile, originalFile } from '../../../main/library/library-paths';
import {
  BUCKET,
  makeImage,
  newIdentity,
  openDevice,
  putCloudPhoto,
  putObject,
  startSyncCloud,
  testSession,
  type CloudPhoto,
  type Device,
  type SyncCloud,
  type TestSession,
} from './sync-fixture';

let cloud: SyncCloud;
let cloudStopped = false;
const devices: Device[] = [];
const sessions: TestSession[] = [];

beforeAll(async () => {
  cloud = await startSyncCloud();
});
afterAll(async () => {
  if (!cloudStopped) await cloud?.stop();
});
afterEach(async () => {
  for (const device of devices.splice(0)) await device.close();
  for (const session of sessions.splice(0)) session.dispose();
});

async function session(identity: string, offline = false): Promise<TestSession> {
  const made = await testSession(cloud, identity, { offline });
  sessions.push(made);
  return made;
}

/** A device that synced `count` photos from another device, originals left in the cloud. */
async function syncedDevice(count: number, budgetBytes?: number) {
  const identity = newIdentity();
  const writer = await session(identity);
  const photos: CloudPhoto[] = [];
  for (let i = 0; i < count; i += 1) photos.push(await putCloudPhoto(writer, 40 * i + 5));
  const reader = await session(identity);
  const device = await openDevice(reader, { budgetBytes });
  devices.push(device);
  await device.sync.run();
  expect(device.sync.status()).toMatchObject({ state: 'idle', message: null });
  return { identity, writer, reader, device, photos };
}

async function cachedNames(device: Device): Promise<string[]> {
  const entries = await readdir(device.paths.originalsCache, { recursive: true }).catch(() => []);
  return entries.filter((name) => name.endsWith('.jpg')).map((name) => name.slice(3, 67));
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OriginalFetchError) return error.code;
    throw error;
  }
  return 'resolved';
}

describe('originals on demand', () => {
  it('fetches a cloud-only original once, verified, and serves it from the cache after', async () => {
    const { device, reader, photos } = await syncedDevice(1);
    const [photo] = photos as [CloudPhoto];
    const getsBefore = reader.counts.get('GetObjectCommand') ?? 0;

    // Three viewers at once: one download.
    const media = await Promise.all(
      [1, 2, 3].map(() => device.resolve(`original/${photo.sha256}`)),
    );

    expect(reader.counts.get('GetObjectCommand')).toBe(getsBefore + 1);
    expect(media.every((m) => m?.file === media[0]?.file)).toBe(true);
    expect(media[0]).toEqual({
      file: cachedOriginalFile(device.paths, photo.sha256, 'jpg'),
      contentType: 'image/jpeg',
    });
    expect((await readFile(media[0]!.file)).equals(photo.original)).toBe(true);
    await device.resolve(`original/${photo.sha256}`);
    expect(reader.counts.get('GetObjectCommand')).toBe(getsBefore + 1);
  });

  it('refuses bytes that do not hash to the photo, keeping nothing', async () => {
    const { device, identity, writer, photos } = await syncedDevice(1);
    const [photo] = photos as [CloudPhoto];
    const impostor = await makeImage(222);
    await putObject(
      writer,
      originalKey(identity, photo.sha256, 'jpg'),
      impostor.original,
      'image/jpeg',
    );

    expect(await codeOf(device.resolve(`original/${photo.sha256}`))).toBe('corrupt');
    // Not even a partial download is left behind.
    expect(await readdir(device.paths.originalsCache, { recursive: true })).toEqual([
      photo.sha256.slice(0, 2),
    ]);
  });

  it('evicts the least recently used cached originals over budget, never imported ones', async () => {
    const sizes = (await Promise.all([5, 45, 85].map((hue) => makeImage(hue)))).map(
      (image) => image.original.length,
    );
    // Room for two of the three originals.
    const { device, photos } = await syncedDevice(3, Math.max(...sizes) * 2 + 10);
    const [first, second, third] = photos as [CloudPhoto, CloudPhoto, CloudPhoto];
    // An original imported here, in originals/: the cache's budget is not its business.
    const imported = await makeImage(333);
    const importedFile = originalFile(device.paths, imported.sha256, 'jpg');
    await writeContentAddressed(importedFile, imported.original);

    await device.resolve(`original/${first.sha256}`);
    await device.resolve(`original/${second.sha256}`);
    // Used again, so `second` is now the least recently used.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await device.resolve(`original/${first.sha256}`);
    await device.resolve(`original/${third.sha256}`);

    expect((await cachedNames(device)).sort()).toEqual([first.sha256, third.sha256].sort());
    expect((await stat(importedFile)).size).toBe(imported.original.length);
    // Evicted means fetched again on the next look, not lost.
    const again = await device.resolve(`original/${second.sha256}`);
    expect((await readFile(again!.file)).equals(second.original)).toBe(true);
  });

  it('says why when an original cannot be had: signed out, offline, not in the cloud', async () => {
    const { device, identity, photos } = await syncedDevice(2);
    const [photo, missing] = photos as [CloudPhoto, CloudPhoto];
    await (
      await session(identity)
    ).s3.send(
      new DeleteObjectCommand({
        Bucket: BUCKET,
        Key: originalKey(identity, missing.sha256, 'jpg'),
      }),
    );

    expect(await codeOf(device.resolve(`original/${missing.sha256}`))).toBe('not-in-cloud');
    device.setSession(null);
    expect(await codeOf(device.resolve(`original/${photo.sha256}`))).toBe('signed-out');
    device.setSession(await session(identity, true));
    const offline = device.resolve(`original/${photo.sha256}`);
    await expect(offline).rejects.toThrow(/could not be reached \(ECONNREFUSED\)/);
    expect(await codeOf(offline)).toBe('offline');
    // Paths outside the cache are still refused before any lookup.
    expect(await device.resolve(`original/../${photo.sha256}`)).toBeNull();
    expect(await device.resolve('original/not-a-hash')).toBeNull();
    expect(await device.resolve(`original/${'0'.repeat(64)}`)).toBeNull();
  });

  // Last: stops the cloud for good.
  it('serves cached originals with S3 stopped, and says offline for the rest', async () => {
    const { device, photos } = await syncedDevice(2);
    const [cached, uncached] = photos as [CloudPhoto, CloudPhoto];
    await device.resolve(`original/${cached.sha256}`);

    await cloud.stop();
    cloudStopped = true;

    const media = await device.resolve(`original/${cached.sha256}`);
    expect((await readFile(media!.file)).equals(cached.original)).toBe(true);
    expect(await codeOf(device.resolve(`original/${uncached.sha256}`))).toBe('offline');
  });
});
