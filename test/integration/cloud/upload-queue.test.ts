import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { photoMetaSchema, parsePhotoMeta } from '../../../main/model/photo-meta';
import type { PhotoMeta } from '../../../main/model/photo-meta';
import { Importer } from '../../../main/import/importer';
import { originalFile, thumbFile } from '../../../main/library/library-paths';
import { makePhoto } from '../../support/make-photos';
import { tempDir } from '../../support/temp-dir';
import { BUCKET, download, makeClient, startUploadCloud } from './upload-fixture';
import type { UploadCloud } from './upload-fixture';
import {
  keysOf,
  openLibrary,
  queueFor,
  recordPuts,
  sessionFor,
  until,
} from './upload-queue-fixture';
import type { TestLibrary } from './upload-queue-fixture';

let cloud: UploadCloud;
let work: Awaited<ReturnType<typeof tempDir>>;
let drop: string;
beforeAll(async () => {
  cloud = await startUploadCloud();
  work = await tempDir('upload-queue');
  drop = join(work.path, 'drop');
  // Real images of every size class a camera makes small: they go up as single requests.
  for (let i = 0; i < 40; i += 1) {
    await makePhoto(drop, {
      name: `IMG_${String(i).padStart(4, '0')}.jpg`,
      width: 320,
      height: 240,
      hue: i * 9,
      takenAt: `2024:05:${String((i % 28) + 1).padStart(2, '0')} 10:00:00`,
    });
  }
});
afterAll(async () => {
  await cloud?.stop();
  await work?.remove();
});

let libraries: TestLibrary[];
beforeEach(() => {
  libraries = [];
});
afterEach(async () => {
  for (const library of libraries) await library.close();
});

/** A new library with the drop folder imported by the real importer. */
async function importedLibrary(name: string): Promise<TestLibrary> {
  const library = openLibrary(join(work.path, name));
  libraries.push(library);
  const importer = new Importer({
    paths: library.paths,
    photos: library.photos,
    emit: () => undefined,
    now: Date.now,
  });
  importer.start([drop]);
  await importer.whenIdle();
  return library;
}

function allPhotos(library: TestLibrary) {
  return library.photos.page({ sort: 'imported-desc', offset: 0, limit: 100 }).items;
}

async function cloudMeta(key: string): Promise<PhotoMeta> {
  const text = (await download(makeClient(cloud).client, key)).toString('utf8');
  return photoMetaSchema.parse(JSON.parse(text));
}

describe('UploadQueue', () => {
  it('uploads 40 imported photos: originals, thumbnails and documents come back intact', async () => {
    const library = await importedLibrary('first');
    const { session, counts } = sessionFor(cloud);
    const queue = queueFor(library, session);
    expect(queue.status()).toMatchObject({ state: 'idle', queued: 0 });

    expect(queue.enqueueAllLocal()).toBe(40);
    await queue.whenIdle();

    const photos = allPhotos(library);
    expect(photos).toHaveLength(40);
    expect(photos.every((p) => p.cloud === 'cloud')).toBe(true);
    const status = queue.status();
    expect(status).toMatchObject({ state: 'idle', queued: 0, failed: 0, uploaded: 40 });
    expect(status.alreadyInCloud).toBe(0);
    expect(status.bytesDone).toBe(status.bytesTotal);
    const totalBytes = photos.reduce((sum, p) => sum + library.photos.get(p.id)!.byteSize, 0);
    expect(status.bytesTotal).toBe(totalBytes);
    // Progress went out while it ran: files in flight, growing totals, and the final word.
    const seen = library.statuses;
    expect(seen.some((s) => s.state === 'running' && s.active.length > 0)).toBe(true);
    expect(seen.some((s) => s.bytesDone > 0 && s.bytesDone < s.bytesTotal)).toBe(true);
    // The last word goes out too, throttled or not.
    await until(() => seen.at(-1)?.state === 'idle', 'the idle status goes out');
    expect(seen.at(-1)).toMatchObject({ uploaded: 40, bytesDone: totalBytes });
    await until(() => library.changed.count > 0, 'the grid hears of it');
    expect(library.changed.added).toBe(0);
    expect(counts.get('PutObjectCommand')).toBe(40 * 3);

    const client = makeClient(cloud).client;
    for (const photo of photos) {
      const detail = library.photos.get(photo.id)!;
      const keys = keysOf(cloud, photo.sha256);
      const original = await readFile(originalFile(library.paths, photo.sha256, 'jpg'));
      expect((await download(client, keys.original)).equals(original)).toBe(true);
      const thumb = await readFile(thumbFile(library.paths, photo.sha256));
      expect((await download(client, keys.thumb)).equals(thumb)).toBe(true);
      const meta = await cloudMeta(keys.meta);
      expect(meta).toMatchObject({
        sha256: photo.sha256,
        filename: photo.filename,
        byteSize: original.length,
        width: 320,
        height: 240,
        takenAt: detail.takenAt,
      });
    }

    // A second enqueue finds nothing to do, and a second run sends nothing.
    counts.clear();
    expect(queue.enqueueAllLocal()).toBe(0);
    await queue.whenIdle();
    expect(counts.size).toBe(0);
  });

  it('sends no original another library already put in the cloud, and merges documents', async () => {
    const first = await importedLibrary('one');
    const firstQueue = queueFor(first, sessionFor(cloud).session);
    firstQueue.enqueueAllLocal();
    await firstQueue.whenIdle();
    const [photo] = allPhotos(first);
    const keys = keysOf(cloud, photo!.sha256);
    // Another device labelled the photo by hand meanwhile.
    const theirs = await cloudMeta(keys.meta);
    const edited = { ...theirs, labelEdits: [{ name: 'Beach', action: 'add', at: 1_000 }] };
    await makeClient(cloud).client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: keys.meta, Body: JSON.stringify(edited) }),
    );

    // A second library of the same photos, one of them with a description written here.
    const second = await importedLibrary('two');
    const mine = second.photos.findBySha(photo!.sha256)!;
    second.db
      .prepare(
        `UPDATE photos SET description = 'Low tide', description_updated_at = ?,
         meta_changed_at = ? WHERE id = ?`,
      )
      .run(Date.now(), Date.now(), mine.id);
    const { session, counts } = sessionFor(cloud);
    const puts = recordPuts(session.s3);
    const queue = queueFor(second, session);
    queue.enqueueAllLocal();
    await queue.whenIdle();

    expect(queue.status()).toMatchObject({
      state: 'idle',
      uploaded: 0,
      alreadyInCloud: 40,
      message: '40 photos were already in the cloud and were not sent again.',
    });
    expect(allPhotos(second).every((p) => p.cloud === 'cloud')).toBe(true);
    // Originals and thumbnails were found by HeadObject; only documents were written (merged:
    // this library imported the photos later, so its import time is news to the cloud).
    expect(puts.length).toBeGreaterThan(0);
    expect(puts.every((key) => key.includes('/meta/'))).toBe(true);
    expect(counts.get('CreateMultipartUploadCommand')).toBeUndefined();
    const merged = parsePhotoMeta((await download(session.s3, keys.meta)).toString('utf8'))!;
    expect(merged.description.text).toBe('Low tide');
    expect(merged.labelEdits).toEqual([{ name: 'Beach', action: 'add', at: 1_000 }]);
    const synced = second.db
      .prepare('SELECT meta_synced_at, meta_changed_at FROM photos WHERE id = ?')
      .get(mine.id) as { meta_synced_at: number; meta_changed_at: number };
    expect(synced.meta_synced_at).toBe(synced.meta_changed_at);
  });

  it('waits while signed out, and starts when there is a session', async () => {
    const library = await importedLibrary('signed-out');
    let session: ReturnType<typeof sessionFor>['session'] | null = null;
    const queue = queueFor(library, null, { session: () => session });
    expect(queue.enqueueAllLocal()).toBe(40);
    await queue.whenIdle();
    expect(queue.status()).toMatchObject({
      state: 'signed-out',
      queued: 40,
      message: 'Sign in to upload 40 photos.',
    });
    session = sessionFor(cloud).session;
    queue.kick();
    await queue.whenIdle();
    expect(queue.status()).toMatchObject({ state: 'idle', queued: 0 });
    expect(allPhotos(library).every((p) => p.cloud === 'cloud')).toBe(true);
  });
});
