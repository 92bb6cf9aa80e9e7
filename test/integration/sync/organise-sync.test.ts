// The Trash, favorites and albums between two devices of one user, through the local S3.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AlbumRepository } from '../../../main/catalog/album-repository';
import { catalogOn } from '../../../main/catalog/catalog';
import { OrganiseRepository } from '../../../main/catalog/organise-repository';
import { PhotoRepository } from '../../../main/catalog/photo-repository';
import { albumKey, metaKey, originalKey, thumbKey } from '../../../main/model/photo-keys';
import { deletePhotos } from '../../../main/photos/delete-photos';
import {
  newIdentity,
  objectExists,
  openDevice,
  photoRow,
  putCloudPhoto,
  startSyncCloud,
  testSession,
  type Device,
  type SyncCloud,
  type TestSession,
} from './sync-fixture';

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

async function session(identity: string, offline = false): Promise<TestSession> {
  const made = await testSession(cloud, identity, { offline });
  sessions.push(made);
  return made;
}

const exists = objectExists;

/** A device with the repositories main builds on its catalog. */
async function device(s: TestSession) {
  const made = await openDevice(s);
  devices.push(made);
  return {
    ...made,
    photos: new PhotoRepository(made.db),
    organise: new OrganiseRepository(made.db),
    albums: new AlbumRepository(made.db),
  };
}
type Organising = Awaited<ReturnType<typeof device>>;

const scopeShas = (d: Organising, scope: 'library' | 'trash' | 'favorites') =>
  d.photos.page({ sort: 'taken-asc', offset: 0, limit: 50, scope }).items.map((p) => p.sha256);

/** Two devices of one user that both have the same three photos from the cloud. */
async function twoDevices() {
  const identity = newIdentity();
  const online = await session(identity);
  const shas = [];
  for (const hue of [10, 120, 240]) shas.push((await putCloudPhoto(online, hue)).sha256);
  const a = await device(online);
  const b = await device(await session(identity));
  await a.sync.run();
  await b.sync.run();
  const idOn = (d: Organising, sha: string) => photoRow(d.db, sha)!.id;
  return { identity, online, shas, a, b, idOn };
}

describe('the Trash, favorites and albums on two devices', () => {
  it('trashed on A is in B’s Trash; restored on B is back on A; emptying removes the objects', async () => {
    const { identity, online, shas, a, b, idOn } = await twoDevices();
    const [first, second] = shas as [string, string];

    a.organise.trash([idOn(a, first)], Date.now());
    a.organise.setFavorite([idOn(a, second)], true, Date.now());
    await a.sync.run();
    await b.sync.run();
    expect(b.sync.status()).toMatchObject({ state: 'idle', message: null });
    expect(scopeShas(b, 'trash')).toEqual([first]);
    expect(scopeShas(b, 'library')).not.toContain(first);
    expect(scopeShas(b, 'favorites')).toEqual([second]);

    b.organise.restore([idOn(b, first)], Date.now());
    await b.sync.run();
    await a.sync.run();
    expect(scopeShas(a, 'trash')).toEqual([]);
    expect(scopeShas(a, 'library')).toContain(first);

    // Emptying the Trash on A deletes the original, thumbnail and document; B follows.
    a.organise.trash([idOn(a, second)], Date.now());
    await deletePhotos(
      { catalog: catalogOn(a.db), paths: a.paths, session: () => online, now: Date.now },
      a.organise.inTrash(),
    );
    expect(await a.deletions.process()).toMatchObject({ deleted: 1, pending: 0 });
    for (const key of [
      originalKey(identity, second, 'jpg'),
      thumbKey(identity, second),
      metaKey(identity, second),
    ]) {
      expect(await exists(key, online)).toBe(false);
    }
    expect(await exists(metaKey(identity, first), online)).toBe(true);
    await b.sync.run();
    expect(photoRow(b.db, second)).toBeUndefined();
  });

  it('an album made while A is offline reaches B once A is back online', async () => {
    const { identity, shas, a, b, idOn } = await twoDevices();
    const [first, , third] = shas as [string, string, string];
    const album = '0d3c4e5f-aaaa-4bbb-8ccc-123456789abc';
    a.setSession(await session(identity, true));
    a.albums.create(album, 'Hike', Date.now());
    a.albums.setMembers(album, [idOn(a, first), idOn(a, third)], true, Date.now());
    await a.sync.run();
    expect(a.sync.status().state).toBe('failed');
    expect(a.albums.list()).toEqual([{ id: album, name: 'Hike', count: 2 }]);

    a.setSession(await session(identity));
    await a.sync.run();
    expect(a.sync.status()).toMatchObject({ state: 'idle', message: null });
    expect(await exists(albumKey(identity, album), await session(identity))).toBe(true);
    await b.sync.run();
    expect(b.albums.list()).toEqual([{ id: album, name: 'Hike', count: 2 }]);
    const inAlbum = b.photos
      .page({ sort: 'taken-asc', offset: 0, limit: 10, scope: 'album', album })
      .items.map((p) => p.sha256);
    expect(inAlbum.sort()).toEqual([first, third].sort());
  });

  it('concurrent album edits merge: both photos in it, the later name, removals kept', async () => {
    const { shas, a, b, idOn } = await twoDevices();
    const [first, second, third] = shas as [string, string, string];
    const album = '1e2d3c4b-aaaa-4bbb-8ccc-123456789abc';
    a.albums.create(album, 'Trip', 1000);
    a.albums.setMembers(album, [idOn(a, first), idOn(a, third)], true, 1000);
    await a.sync.run();
    await b.sync.run();

    // Both edit before either hears of the other.
    a.albums.setMembers(album, [idOn(a, second)], true, Date.now());
    a.albums.rename(album, 'Trip to the sea', Date.now());
    b.albums.setMembers(album, [idOn(b, third)], false, Date.now());
    b.albums.rename(album, 'Old name', 2000); // an edit stamped before A's rename
    await b.sync.run();
    await a.sync.run();
    await b.sync.run();

    for (const d of [a, b]) {
      expect(d.albums.list()).toEqual([{ id: album, name: 'Trip to the sea', count: 2 }]);
      const inAlbum = d.photos
        .page({ sort: 'taken-asc', offset: 0, limit: 10, scope: 'album', album })
        .items.map((p) => p.sha256);
      expect(inAlbum.sort()).toEqual([first, second].sort());
    }
    // A deletion on one device reaches the other.
    b.albums.delete(album, Date.now());
    await b.sync.run();
    await a.sync.run();
    expect(a.albums.list()).toEqual([]);
  });
});
