import { join } from 'node:path';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { catalogOn } from '../../../main/catalog/catalog';
import { parsePhotoMeta } from '../../../main/model/photo-meta';
import { tempDir } from '../../support/temp-dir';
import { BUCKET, download, makeClient, sha256Hex, startUploadCloud } from './upload-fixture';
import type { UploadCloud } from './upload-fixture';
import {
  addRawPhoto,
  keysOf,
  openLibrary,
  queueFor,
  recordPuts,
  sessionFor,
} from './upload-queue-fixture';
import type { TestLibrary } from './upload-queue-fixture';

// The queue lists the identity's originals once a run, so a photo the listing shows absent goes
// up without a HeadObject first (main/upload/originals-listing.ts); what the listing shows is
// still checked, and what changes after it is harmless.
let cloud: UploadCloud;
let work: Awaited<ReturnType<typeof tempDir>>;
let libraries: TestLibrary[] = [];
beforeAll(async () => {
  cloud = await startUploadCloud();
  work = await tempDir('upload-listing');
});
afterEach(async () => {
  for (const library of libraries) await library.close();
  libraries = [];
});
afterAll(async () => {
  await cloud?.stop();
  await work?.remove();
});

const photoSize = 64 * 1024;

async function libraryWith(name: string, count: number) {
  const library = openLibrary(join(work.path, name));
  libraries.push(library);
  const photos = [];
  for (let i = 0; i < count; i++) photos.push(await addRawPhoto(library, photoSize, `p${i}.jpg`));
  return { library, photos };
}

/** Another device's upload of a photo's original and thumbnail, each with its sha256 as
 * Shoebox writes them. */
async function anotherDeviceUploads(photo: { sha256: string; bytes: Buffer; thumb: Buffer }) {
  const client = makeClient(cloud).client;
  const keys = keysOf(cloud, photo.sha256);
  await client.send(
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: keys.original,
      Body: photo.bytes,
      Metadata: { sha256: photo.sha256 },
    }),
  );
  await client.send(
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: keys.thumb,
      Body: photo.thumb,
      Metadata: { sha256: sha256Hex(photo.thumb) },
    }),
  );
  return keys;
}

/** Runs `then` right after the client's first ListObjectsV2 is answered. */
function afterListing(client: S3Client, then: () => Promise<void>): void {
  let done = false;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === 'ListObjectsV2Command' && !done) {
        done = true;
        await then();
      }
      return result;
    },
    { step: 'initialize', name: 'afterListing' },
  );
}

describe('UploadQueue with a listing of the originals', () => {
  it('sends photos the listing shows absent with three requests each and one listing', async () => {
    const { library } = await libraryWith('fresh', 20);
    const { session, counts } = sessionFor(cloud);
    const queue = queueFor(library, session);
    queue.enqueueAllLocal();
    await queue.whenIdle();

    expect(queue.status()).toMatchObject({ state: 'idle', uploaded: 20, alreadyInCloud: 0 });
    expect(counts.get('ListObjectsV2Command')).toBe(1);
    expect(counts.get('HeadObjectCommand')).toBeUndefined();
    // Original, thumbnail and metadata document: nothing else, per photo.
    expect(counts.get('PutObjectCommand')).toBe(20 * 3);
    expect([...counts.keys()].sort()).toEqual(['ListObjectsV2Command', 'PutObjectCommand']);
  });

  it('asks S3 photo by photo when too few photos wait for a listing to pay', async () => {
    const { library } = await libraryWith('few', 3);
    const { session, counts } = sessionFor(cloud);
    const queue = queueFor(library, session);
    queue.enqueueAllLocal();
    await queue.whenIdle();

    expect(queue.status()).toMatchObject({ uploaded: 3 });
    expect(counts.get('ListObjectsV2Command')).toBeUndefined();
    expect(counts.get('HeadObjectCommand')).toBe(3);
  });

  it('counts a photo the listing shows as found there, checked but not sent', async () => {
    const { library, photos } = await libraryWith('found', 12);
    const theirs = photos.slice(0, 4);
    const theirKeys = [];
    for (const photo of theirs) theirKeys.push(await anotherDeviceUploads(photo));
    const { session, counts } = sessionFor(cloud);
    const puts = recordPuts(session.s3);
    const queue = queueFor(library, session);
    queue.enqueueAllLocal();
    await queue.whenIdle();

    expect(queue.status()).toMatchObject({ state: 'idle', uploaded: 8, alreadyInCloud: 4 });
    // Their originals and thumbnails were each checked with HeadObject, none sent again.
    expect(counts.get('HeadObjectCommand')).toBe(4 * 2);
    for (const keys of theirKeys) {
      expect(puts).not.toContain(keys.original);
      expect(puts).not.toContain(keys.thumb);
      expect(puts).toContain(keys.meta);
    }
    expect(counts.get('PutObjectCommand')).toBe(8 * 3 + 4);
  });

  it('sends a listed original that is gone when its turn comes, and marks it only then', async () => {
    const { library, photos } = await libraryWith('gone', 10);
    const victim = photos[0]!;
    const keys = await anotherDeviceUploads(victim);
    const { session } = sessionFor(cloud);
    // Deleted on the other device between the listing and this photo's upload.
    afterListing(session.s3, async () => {
      await makeClient(cloud).client.send(
        new DeleteObjectCommand({ Bucket: BUCKET, Key: keys.original }),
      );
    });
    const queue = queueFor(library, session);
    queue.enqueueAllLocal();
    await queue.whenIdle();

    expect(queue.status()).toMatchObject({ state: 'idle', uploaded: 10, alreadyInCloud: 0 });
    expect(library.photos.get(victim.id)?.cloud).toBe('cloud');
    const stored = await download(makeClient(cloud).client, keys.original);
    expect(stored.equals(victim.bytes)).toBe(true);
  });

  it('sends an original another device put there after the listing again, and merges its document', async () => {
    const { library, photos } = await libraryWith('raced', 10);
    const raced = photos[0]!;
    const keys = keysOf(cloud, raced.sha256);
    const { session, counts } = sessionFor(cloud);
    const puts = recordPuts(session.s3);
    afterListing(session.s3, async () => {
      await anotherDeviceUploads(raced);
      const doc = {
        ...catalogOn(library.db).photoMeta.of(raced.id)!,
        labelEdits: [{ name: 'Beach', action: 'add', at: 1_000 }],
      };
      await makeClient(cloud).client.send(
        new PutObjectCommand({ Bucket: BUCKET, Key: keys.meta, Body: JSON.stringify(doc) }),
      );
    });
    const queue = queueFor(library, session);
    queue.enqueueAllLocal();
    await queue.whenIdle();

    expect(queue.status()).toMatchObject({ state: 'idle', failed: 0, uploaded: 10 });
    expect(counts.get('HeadObjectCommand')).toBeUndefined();
    // The same bytes written again: what the key names, so nothing changed.
    expect(puts.filter((key) => key === keys.original)).toHaveLength(1);
    const stored = await download(makeClient(cloud).client, keys.original);
    expect(stored.equals(raced.bytes)).toBe(true);
    // The document was written with If-None-Match, refused, read and merged: their label stays.
    expect(counts.get('GetObjectCommand')).toBeGreaterThanOrEqual(1);
    const text = (await download(makeClient(cloud).client, keys.meta)).toString('utf8');
    expect(parsePhotoMeta(text)?.labelEdits).toEqual([{ name: 'Beach', action: 'add', at: 1_000 }]);
    expect(library.photos.get(raced.id)?.cloud).toBe('cloud');
  });
});
