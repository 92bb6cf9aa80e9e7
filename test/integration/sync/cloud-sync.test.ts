import { readFile, stat } from 'node:fs/promises';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SyncStatus } from '../../../main/sync/cloud-sync';
import { PhotoRepository } from '../../../main/catalog/photo-repository';
import { derivedKey, metaKey, originalKey, thumbKey } from '../../../main/model/photo-keys';
import { parsePhotoMeta } from '../../../main/model/photo-meta';
import { deleteKeys } from '../../../main/aws/s3-objects';
import { slowDown } from '../cloud/upload-queue-fixture';
import { writeContentAddressed } from '../../../main/library/store-photo-files';
import { originalFile, thumbFile } from '../../../main/library/library-paths';
import { deletePhotos } from '../../../main/photos/delete-photos';
import { describePhoto } from '../../../main/photos/describe-photo';
import {
  makeImage,
  metaDoc,
  newIdentity,
  objectExists,
  openDevice,
  photoCount,
  photoRow,
  putCloudPhoto,
  putObject,
  refuse,
  startSyncCloud,
  testSession,
  type Device,
  type SyncCloud,
  type TestSession,
} from './sync-fixture';
import { catalogOn } from '../../../main/catalog/catalog';

let cloud: SyncCloud;
const devices: Device[] = [];
const sessions: TestSession[] = [];

beforeAll(async () => {
  cloud = await startSyncCloud();
});
afterAll(async () => {
  await cloud?.stop();
});
afterEach(async () => {
  for (const device of devices.splice(0)) await device.close();
  for (const session of sessions.splice(0)) session.dispose();
});

async function session(identity: string, own = cloud, offline = false): Promise<TestSession> {
  const made = await testSession(own, identity, { offline });
  sessions.push(made);
  return made;
}

async function device(s: TestSession | null, options: Parameters<typeof openDevice>[1] = {}) {
  const made = await openDevice(s, options);
  devices.push(made);
  return made;
}

const exists = objectExists;

async function fileExists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

async function cloudDoc(s: TestSession, sha256: string) {
  const got = await s.s3.send(
    new GetObjectCommand({ Bucket: s.bucket, Key: metaKey(s.identity, sha256) }),
  );
  return parsePhotoMeta((await got.Body!.transformToString()) ?? '');
}

describe('sync across devices', () => {
  it('shows a second device every photo, thumbnail and description, browsable with S3 stopped', async () => {
    const own = await startSyncCloud();
    let stopped = false;
    try {
      const identity = newIdentity();
      const writer = await session(identity, own);
      const labelled = await putCloudPhoto(writer, 10, {
        description: { text: 'Beach at dawn', updatedAt: 5 },
        labels: { raw: { Labels: [{ Name: 'Beach' }] }, modelVersion: '3.0', labelledAt: 7 },
        labelEdits: [{ name: 'Holiday', action: 'add', at: 8 }],
      });
      const plain = await putCloudPhoto(writer, 80);
      const described = await putCloudPhoto(writer, 160, {
        description: { text: 'Grandma', updatedAt: 9 },
      });
      const b = await device(await session(identity, own));

      await b.sync.run();

      expect(b.sync.status()).toMatchObject({ state: 'idle', message: null });
      expect(b.sync.status().lastAt).not.toBeNull();
      const page = new PhotoRepository(b.db).page({ sort: 'taken-desc', offset: 0, limit: 10 });
      expect(page.total).toBe(3);
      expect(page.items.every((item) => item.cloud === 'cloud')).toBe(true);
      for (const photo of [labelled, plain, described]) {
        const row = photoRow(b.db, photo.sha256)!;
        expect(row).toMatchObject({
          in_cloud: 1,
          original_local: 0,
          description: photo.doc.description.text,
          description_updated_at: photo.doc.description.updatedAt,
        });
        // In step with the cloud: nothing to send back.
        expect(row.meta_changed_at).toBeLessThanOrEqual(row.meta_synced_at);
      }
      expect(b.labelCalls).toEqual([
        {
          photoId: photoRow(b.db, labelled.sha256)!.id,
          labels: labelled.doc.labels,
          edits: labelled.doc.labelEdits,
        },
      ]);

      await own.stop();
      stopped = true;
      for (const photo of [labelled, plain, described]) {
        const media = await b.resolve(`thumb/${photo.sha256}`);
        expect(media?.contentType).toBe('image/webp');
        expect((await readFile(media!.file)).equals(photo.thumb)).toBe(true);
      }
      await b.sync.run();
      expect(b.sync.status()).toMatchObject({ state: 'failed' });
      expect(photoCount(b.db)).toBe(3);
    } finally {
      if (!stopped) await own.stop();
    }
  });

  it('lists the prefix page by page, and only this identity’s prefix', async () => {
    const identity = newIdentity();
    const writer = await session(identity);
    const photos = [];
    for (let i = 0; i < 7; i += 1) photos.push(await putCloudPhoto(writer, i * 30));
    await putCloudPhoto(await session(newIdentity()), 300);
    const reader = await session(identity);
    const b = await device(reader, { pageSize: 3 });

    await b.sync.run();

    expect(b.sync.status()).toMatchObject({ state: 'idle', message: null });
    // Three pages of photo documents, and the (empty) album prefix once.
    expect(reader.counts.get('ListObjectsV2Command')).toBe(3 + 1);
    expect(photoCount(b.db)).toBe(7);
    for (const photo of photos) expect(photoRow(b.db, photo.sha256)).toBeDefined();
  });

  it('skips bad metadata documents with a message naming each key, and takes the rest', async () => {
    const identity = newIdentity();
    const writer = await session(identity);
    const good = await putCloudPhoto(writer, 20);
    // A photo whose original and thumbnail are there but whose document is not JSON.
    const fixable = await putCloudPhoto(writer, 60);
    const notJson = metaKey(identity, fixable.sha256);
    await putObject(writer, notJson, Buffer.from('{"version": 1, "sha256"'), 'application/json');
    const other = await makeImage(120);
    const wrongShape = metaKey(identity, other.sha256);
    await putObject(writer, wrongShape, Buffer.from('{"version":2}'), 'application/json');
    const third = await makeImage(130);
    const wrongPhoto = metaKey(identity, third.sha256);
    await putObject(
      writer,
      wrongPhoto,
      Buffer.from(JSON.stringify(metaDoc(other.sha256, other.original))),
      'application/json',
    );
    const strayKey = `users/${identity}/meta/notes.txt`;
    await putObject(writer, strayKey, Buffer.from('hello'), 'text/plain');
    const reader = await session(identity);
    const b = await device(reader);

    await b.sync.run();

    expect(photoCount(b.db)).toBe(1);
    expect(photoRow(b.db, good.sha256)).toBeDefined();
    const status = b.sync.status();
    expect(status.state).toBe('idle');
    for (const key of [notJson, wrongShape, wrongPhoto]) expect(status.message).toContain(key);
    expect(status.message).toContain('(and 1 more)');

    // Unchanged bad documents are not fetched again, and are still reported.
    const gets = reader.counts.get('GetObjectCommand');
    await b.sync.run();
    expect(reader.counts.get('GetObjectCommand')).toBe(gets);
    expect(b.sync.status().message).toContain(notJson);

    // Fixed in the cloud: a new ETag, so it is read again and the photo arrives.
    await putObject(writer, notJson, Buffer.from(JSON.stringify(fixable.doc)), 'application/json');
    await b.sync.run();
    expect(photoRow(b.db, fixable.sha256)).toBeDefined();
    expect(b.sync.status().message).not.toContain(notJson);
  });

  it('propagates deletions both ways, removing rows and files', async () => {
    const identity = newIdentity();
    const sessionA = await session(identity);
    const sessionB = await session(identity);
    const a = await device(sessionA);
    const b = await device(sessionB);
    // Imported on A and uploaded by A's queue (which sets in_cloud once the document is up).
    const imported = await makeImage(200);
    const importedId = new PhotoRepository(a.db).insert({
      ...metaDoc(imported.sha256, imported.original),
      sourcePath: '/photos/imported.jpg',
    })!;
    await writeContentAddressed(originalFile(a.paths, imported.sha256, 'jpg'), imported.original);
    await writeContentAddressed(thumbFile(a.paths, imported.sha256), imported.thumb);
    const doc = metaDoc(imported.sha256, imported.original);
    await putObject(
      sessionA,
      originalKey(identity, imported.sha256, 'jpg'),
      imported.original,
      'image/jpeg',
    );
    await putObject(sessionA, thumbKey(identity, imported.sha256), imported.thumb, 'image/webp');
    // Its label derivative, as a stack that labels in the cloud has it.
    await putObject(sessionA, derivedKey(identity, imported.sha256), imported.thumb, 'image/jpeg');
    await putObject(
      sessionA,
      metaKey(identity, imported.sha256),
      Buffer.from(JSON.stringify(doc)),
      'application/json',
    );
    a.db.prepare('UPDATE photos SET in_cloud = 1 WHERE id = ?').run(importedId);
    const fromElsewhere = await putCloudPhoto(sessionA, 30);
    await a.sync.run();
    await b.sync.run();
    expect(photoCount(a.db)).toBe(2);
    expect(photoCount(b.db)).toBe(2);

    // B deletes what A imported.
    const onB = photoRow(b.db, imported.sha256)!.id;
    const deleted = await deletePhotos(
      { catalog: catalogOn(b.db), paths: b.paths, session: () => sessionB, now: Date.now },
      [onB],
    );
    expect(deleted).toEqual({ deleted: 1, cloudPending: 1 });
    expect(await fileExists(thumbFile(b.paths, imported.sha256))).toBe(false);
    expect(await b.deletions.process()).toEqual({ deleted: 1, pending: 0, error: null });
    for (const key of [
      metaKey(identity, imported.sha256),
      thumbKey(identity, imported.sha256),
      derivedKey(identity, imported.sha256),
      originalKey(identity, imported.sha256, 'jpg'),
    ]) {
      expect(await exists(key, sessionB), key).toBe(false);
    }
    await a.sync.run();
    expect(a.sync.status()).toMatchObject({ state: 'idle', message: null });
    expect(photoRow(a.db, imported.sha256)).toBeUndefined();
    expect(await fileExists(originalFile(a.paths, imported.sha256, 'jpg'))).toBe(false);
    expect(await fileExists(thumbFile(a.paths, imported.sha256))).toBe(false);

    // A deletes the other one; its sync sends the deletion, and B follows.
    await deletePhotos(
      { catalog: catalogOn(a.db), paths: a.paths, session: () => sessionA, now: Date.now },
      [photoRow(a.db, fromElsewhere.sha256)!.id],
    );
    await a.sync.run();
    expect(await exists(metaKey(identity, fromElsewhere.sha256), sessionA)).toBe(false);
    await b.sync.run();
    expect(photoCount(b.db)).toBe(0);
    expect(await fileExists(thumbFile(b.paths, fromElsewhere.sha256))).toBe(false);
  });

  it('marks a photo imported here as in the cloud once another device uploaded the same bytes', async () => {
    const identity = newIdentity();
    const photo = await putCloudPhoto(await session(identity), 190, {
      description: { text: 'From the other laptop', updatedAt: 50 },
    });
    const b = await device(await session(identity));
    new PhotoRepository(b.db).insert({
      ...metaDoc(photo.sha256, photo.original),
      sourcePath: '/photos/same.jpg',
    });

    await b.sync.run();

    expect(photoCount(b.db)).toBe(1);
    expect(photoRow(b.db, photo.sha256)).toMatchObject({
      in_cloud: 1,
      original_local: 1,
      description: 'From the other laptop',
    });
    expect(await b.resolve(`original/${photo.sha256}`)).toEqual({
      file: originalFile(b.paths, photo.sha256, 'jpg'),
      contentType: 'image/jpeg',
    });
  });

  it('removes nothing when another account, whose prefix lacks these photos, signs in', async () => {
    const identity = newIdentity();
    await putCloudPhoto(await session(identity), 40);
    const b = await device(await session(identity));
    await b.sync.run();
    expect(photoCount(b.db)).toBe(1);

    b.setSession(await session(newIdentity()));
    await b.sync.run();

    expect(b.sync.status()).toMatchObject({ state: 'idle' });
    expect(photoCount(b.db)).toBe(1);
  });

  it('keeps the later of two concurrent description edits on both devices, losing nothing else', async () => {
    const identity = newIdentity();
    const writer = await session(identity);
    const laterFirst = await putCloudPhoto(writer, 90);
    const earlierFirst = await putCloudPhoto(writer, 250);
    const a = await device(await session(identity));
    const b = await device(await session(identity));
    await a.sync.run();
    await b.sync.run();
    const t = 1_800_000_000_000;
    const idOn = (d: Device, sha256: string) => photoRow(d.db, sha256)!.id;
    /** A edits first (and corrects a label), B later; neither has seen the other's edit. */
    const editOnBoth = (sha256: string) => {
      expect(describePhoto(new PhotoRepository(a.db), idOn(a, sha256), 'Edited on A', t)).toBe(
        true,
      );
      a.db
        .prepare('INSERT INTO label_edits (photo_id, name, action, at) VALUES (?, ?, ?, ?)')
        .run(idOn(a, sha256), 'Sunset', 'add', t);
      expect(
        describePhoto(new PhotoRepository(b.db), idOn(b, sha256), 'Edited on B, later', t + 1000),
      ).toBe(true);
    };

    // The earlier edit reaches the cloud first…
    editOnBoth(earlierFirst.sha256);
    await a.sync.run();
    await b.sync.run();
    await a.sync.run();
    // …and here the later one does.
    editOnBoth(laterFirst.sha256);
    await b.sync.run();
    await a.sync.run();
    await b.sync.run();

    for (const photo of [laterFirst, earlierFirst]) {
      for (const d of [a, b]) {
        expect(photoRow(d.db, photo.sha256)).toMatchObject({
          description: 'Edited on B, later',
          description_updated_at: t + 1000,
        });
      }
      const doc = await cloudDoc(writer, photo.sha256);
      expect(doc?.description).toEqual({ text: 'Edited on B, later', updatedAt: t + 1000 });
      expect(doc?.labelEdits).toEqual([{ name: 'Sunset', action: 'add', at: t }]);
      expect(
        b.labelCalls.some(
          (call) =>
            call.photoId === idOn(b, photo.sha256) &&
            call.edits.some((edit) => edit.name === 'Sunset'),
        ),
      ).toBe(true);
    }
    for (const d of [a, b]) {
      await d.sync.run();
      expect(d.catalog.metaToPublish()).toEqual([]);
      expect(d.sync.status()).toMatchObject({ state: 'idle', message: null });
    }
  });

  it('offline: the sync reports failure and leaves the catalog, edits and deletions as they were', async () => {
    const identity = newIdentity();
    const online = await session(identity);
    const kept = await putCloudPhoto(online, 70);
    const gone = await putCloudPhoto(online, 140);
    const b = await device(online);
    await b.sync.run();
    const lastAt = b.sync.status().lastAt;
    const keptId = photoRow(b.db, kept.sha256)!.id;
    describePhoto(new PhotoRepository(b.db), keptId, 'Written on the train', Date.now());
    b.setSession(await session(identity, cloud, true));
    await deletePhotos(
      { catalog: catalogOn(b.db), paths: b.paths, session: () => online, now: Date.now },
      [photoRow(b.db, gone.sha256)!.id],
    );

    await b.sync.run();

    const status = b.sync.status();
    expect(status.state).toBe('failed');
    expect(status.message).toMatch(/^Sync failed: The cloud could not be reached \(ECONNREFUSED\)/);
    expect(status.lastAt).toBe(lastAt);
    expect(photoCount(b.db)).toBe(1);
    expect(b.catalog.metaToPublish().map((m) => m.id)).toEqual([keptId]);
    expect(b.deletions.pendingCount()).toBe(1);
    expect(await exists(metaKey(identity, gone.sha256), online)).toBe(true);

    b.setSession(online);
    await b.sync.run();

    expect(b.sync.status()).toMatchObject({ state: 'idle', message: null });
    expect(b.deletions.pendingCount()).toBe(0);
    expect(await exists(metaKey(identity, gone.sha256), online)).toBe(false);
    // The deleted photo did not come back from the listing.
    expect(photoCount(b.db)).toBe(1);
    expect((await cloudDoc(online, kept.sha256))?.description.text).toBe('Written on the train');
  });

  it('does not bring back a photo deleted here while the cloud refuses to delete it', async () => {
    const identity = newIdentity();
    const photo = await putCloudPhoto(await session(identity), 110);
    const refusing = await session(identity);
    refuse(refusing, 'DeleteObjectsCommand');
    const b = await device(refusing);
    await b.sync.run();
    await deletePhotos(
      { catalog: catalogOn(b.db), paths: b.paths, session: () => refusing, now: Date.now },
      [photoRow(b.db, photo.sha256)!.id],
    );

    await b.sync.run();

    expect(b.sync.status()).toMatchObject({ state: 'idle' });
    expect(b.sync.status().message).toContain('Access Denied');
    expect(photoCount(b.db)).toBe(0);
    expect(await fileExists(thumbFile(b.paths, photo.sha256))).toBe(false);
    expect(b.deletions.pendingCount()).toBe(1);

    b.setSession(await session(identity));
    await b.sync.run();
    expect(b.deletions.pendingCount()).toBe(0);
    expect(photoCount(b.db)).toBe(0);
  });

  it('drops a waiting deletion when the same photo is imported again before it goes out', async () => {
    const identity = newIdentity();
    const photo = await putCloudPhoto(await session(identity), 120);
    const refusing = await session(identity);
    refuse(refusing, 'DeleteObjectsCommand');
    const b = await device(refusing);
    await b.sync.run();
    await deletePhotos(
      { catalog: catalogOn(b.db), paths: b.paths, session: () => refusing, now: Date.now },
      [photoRow(b.db, photo.sha256)!.id],
    );
    expect(b.deletions.pendingCount()).toBe(1);
    // Imported again (same bytes) while the deletion still waits.
    new PhotoRepository(b.db).insert({
      ...metaDoc(photo.sha256, photo.original),
      sourcePath: '/photos/again.jpg',
    });

    b.setSession(await session(identity));
    await b.sync.run();

    expect(b.deletions.pendingCount()).toBe(0);
    expect(await exists(metaKey(identity, photo.sha256), await session(identity))).toBe(true);
    expect(await exists(originalKey(identity, photo.sha256, 'jpg'), await session(identity))).toBe(
      true,
    );
    expect(photoRow(b.db, photo.sha256)).toBeDefined();
  });

  it('does not bring back, with a pending local edit, a photo deleted on another device', async () => {
    const identity = newIdentity();
    const other = await session(identity);
    const photo = await putCloudPhoto(other, 130);
    const b = await device(await session(identity));
    await b.sync.run();
    const id = photoRow(b.db, photo.sha256)!.id;
    describePhoto(new PhotoRepository(b.db), id, 'written here, not sent yet', Date.now());
    // Another device deletes the photo: document first, then thumbnail and original.
    await deleteKeys({ s3: other.s3, bucket: other.bucket }, [
      metaKey(identity, photo.sha256),
      thumbKey(identity, photo.sha256),
      originalKey(identity, photo.sha256, 'jpg'),
    ]);

    await b.sync.run();

    expect(await exists(metaKey(identity, photo.sha256), other)).toBe(false);
    expect(photoRow(b.db, photo.sha256)).toBeUndefined();
  });

  it('stop() cuts a sync short without calling it a failure, and the next sync finishes', async () => {
    const identity = newIdentity();
    const writer = await session(identity);
    for (let i = 0; i < 12; i++) await putCloudPhoto(writer, i * 30);
    const reader = await session(identity);
    slowDown(reader.s3, ['GetObjectCommand'], 300);
    const b = await device(reader);

    const running = b.sync.run();
    while ((reader.counts.get('GetObjectCommand') ?? 0) === 0) await sleep(10);
    await b.sync.stop();
    await running;

    expect(photoCount(b.db)).toBeLessThan(12);
    expect(b.sync.status()).toMatchObject({ state: 'idle', message: null, lastAt: null });
    await b.sync.run();
    expect(photoCount(b.db)).toBe(12);
    expect(b.sync.status().state).toBe('idle');
    expect(b.sync.status().lastAt).not.toBeNull();
  });

  it('joins a sync already running instead of starting another', async () => {
    const identity = newIdentity();
    await putCloudPhoto(await session(identity), 15);
    const reader = await session(identity);
    const b = await device(reader);

    const first = b.sync.run();
    const second = b.sync.run();
    expect(second).toBe(first);
    await Promise.all([first, second]);

    // One sync: the photo documents and the albums listed once each.
    expect(reader.counts.get('ListObjectsV2Command')).toBe(2);
    expect(photoCount(b.db)).toBe(1);
  });

  it('syncs on a timer until stopped, telling status and library changes as they happen', async () => {
    const identity = newIdentity();
    await putCloudPhoto(await session(identity), 175);
    const reader = await session(identity);
    const statuses: SyncStatus[] = [];
    const changed: number[] = [];
    const b = await device(reader, {
      onStatus: (status) => statuses.push(status),
      onLibraryChanged: (added) => changed.push(added),
    });

    b.sync.start(40);
    await vi.waitFor(() => expect(reader.counts.get('ListObjectsV2Command')).toBeGreaterThan(2));
    await b.sync.stop();
    const lists = reader.counts.get('ListObjectsV2Command');
    await sleep(200);

    expect(reader.counts.get('ListObjectsV2Command')).toBe(lists);
    expect(statuses.slice(0, 2).map((s) => s.state)).toEqual(['running', 'idle']);
    expect(statuses.at(-1)).toMatchObject({ state: 'idle', message: null });
    // Only the first sync changed the library: one photo added.
    expect(changed).toEqual([1]);
  });
});
