// docs/reliability.md, "A damaged catalog": a signed-in library whose catalog was lost gets back,
// from the cloud's metadata documents, what the catalog held and the disk does not (names,
// descriptions, labels, albums), and never writes its recovered, emptier state over them.
import { rm, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backUpCatalog } from '../../main/catalog/checked-catalog';
import { openLibraryCatalog, type Catalog } from '../../main/catalog/catalog';
import { getObjectBytes } from '../../main/aws/s3-objects';
import { putMergedMeta } from '../../main/aws/meta-document-store';
import { libraryPaths, type LibraryPaths } from '../../main/library/library-paths';
import { metaKey } from '../../main/model/photo-keys';
import { parsePhotoMeta, type PhotoMeta } from '../../main/model/photo-meta';
import { createServices } from '../../main/services';
import { AppSettingsStore } from '../../main/settings/app-settings-store';
import { CloudDeletions } from '../../main/sync/cloud-deletions';
import { CloudSync } from '../../main/sync/cloud-sync';
import { UploadQueue } from '../../main/upload/upload-queue';
import {
  FAST_RETRY,
  newIdentity,
  putCloudPhoto,
  startSyncCloud,
  testSession,
  type SyncCloud,
  type TestSession,
} from '../integration/sync/sync-fixture';
import { makePhoto } from '../support/make-photos';
import { tempDir } from '../support/temp-dir';

const album = '5a6b7c8d-aaaa-4bbb-8ccc-123456789abc';
const dogLabels = { Labels: [{ Name: 'Dog', Confidence: 98.5, Parents: [], Aliases: [] }] };

/** A library's catalog with the upload queue and the sync main wires on it, signed in. */
interface SignedIn {
  readonly catalog: Catalog;
  readonly paths: LibraryPaths;
  /** Sends every photo not yet in the cloud, as the upload queue does after sign-in. */
  uploadAll(): Promise<void>;
  /** One sync pass; answers its status. */
  sync(): Promise<ReturnType<CloudSync['status']>>;
  close(): Promise<void>;
}

function signedIn(dataDir: string, session: TestSession): SignedIn {
  const paths = libraryPaths(dataDir);
  const catalog = openLibraryCatalog(paths.catalog);
  const settings = new AppSettingsStore(catalog.settings);
  settings.update({ labelling: false });
  const deletions = new CloudDeletions({ catalog, session: () => session, retry: FAST_RETRY });
  const sync = new CloudSync({
    catalog,
    paths,
    session: () => session,
    applyRemoteLabels: (id, labels, edits) => catalog.labels.applyRemote(id, labels, edits),
    deletions,
    retry: FAST_RETRY,
  });
  const uploads = new UploadQueue({
    catalog,
    paths,
    settings,
    onStatus: () => undefined,
    onLibraryChanged: () => undefined,
    now: Date.now,
    session: () => session,
    retry: FAST_RETRY,
  });
  return {
    catalog,
    paths,
    async uploadAll() {
      uploads.enqueueAllLocal();
      await uploads.whenIdle();
    },
    async sync() {
      await sync.run();
      return sync.status();
    },
    async close() {
      await sync.stop();
      await uploads.stop();
      catalog.close();
    },
  };
}

describe('a recovered catalog and the cloud’s metadata documents (issue 16 #4)', () => {
  let cloud: SyncCloud;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  const sessions: TestSession[] = [];
  beforeAll(async () => {
    cloud = await startSyncCloud();
  });
  afterAll(async () => {
    await cloud.stop();
  });
  afterEach(async () => {
    for (const session of sessions.splice(0)) session.dispose();
    await dir.remove();
  });

  async function session(): Promise<TestSession> {
    const made = await testSession(cloud, newIdentity());
    sessions.push(made);
    return made;
  }

  /** Imports the named photos into the library as the app does, signed out. */
  async function importPhotos(dataDir: string, names: readonly string[]): Promise<void> {
    const source = join(dir.path, `source-${names.join('-')}`);
    for (const name of names) {
      await makePhoto(source, {
        name,
        hue: [...name].reduce((sum, c) => sum + c.charCodeAt(0), 0),
      });
    }
    const services = createServices(
      { dataDir, version: 'test', host: 'web' },
      { emit: () => undefined },
    );
    services.importer.start([source]);
    await services.importer.whenIdle();
    await services.close();
  }

  /** Opens the library as the app does at start: the damaged catalog recovered, files added back. */
  async function recover(dataDir: string): Promise<string | null> {
    const services = createServices(
      { dataDir, version: 'test', host: 'web' },
      { emit: () => undefined },
    );
    await services.reconciled;
    await services.importer.whenIdle();
    const notice = services.catalogNotice;
    await services.close();
    return notice;
  }

  /** The photo named `filename` (before the catalog was lost, the name it was imported with). */
  const named = (lib: SignedIn, filename: string) =>
    lib.catalog.photos
      .page({ sort: 'taken-asc', offset: 0, limit: 50 })
      .items.find((p) => p.filename === filename)!;
  const idOf = (lib: SignedIn, filename: string) => named(lib, filename).id;
  const shaOf = (lib: SignedIn, filename: string) => named(lib, filename).sha256;

  async function cloudDoc(s: TestSession, sha256: string): Promise<PhotoMeta> {
    const got = await getObjectBytes(
      { s3: s.s3, bucket: s.bucket },
      metaKey(s.identity, sha256),
      1 << 20,
    );
    return parsePhotoMeta(got!.bytes.toString('utf8'))!;
  }

  /** Labels Rekognition's way, as the cloud labeller does: into the document, merged. */
  async function labelInCloud(s: TestSession, sha256: string): Promise<void> {
    await putMergedMeta({ s3: s.s3, bucket: s.bucket }, metaKey(s.identity, sha256), (remote) =>
      remote
        ? { ...remote, labels: { raw: dogLabels, modelVersion: '3.0', labelledAt: Date.now() } }
        : null,
    );
  }

  /** Description, labels, a label edit, an album and a favorite made here and sent up. */
  async function organise(lib: SignedIn, s: TestSession, dog: string, other: string) {
    const now = Date.now();
    lib.catalog.photos.describe(idOf(lib, dog), 'Rex at the park', now);
    lib.catalog.labels.addLabel(idOf(lib, dog), 'Good boy', now);
    lib.catalog.albums.create(album, 'Hike', now);
    lib.catalog.albums.setMembers(album, [idOf(lib, dog), idOf(lib, other)], true, now);
    lib.catalog.organise.setFavorite([idOf(lib, other)], true, now);
    await labelInCloud(s, shaOf(lib, dog));
    expect(await lib.sync()).toMatchObject({ state: 'idle', message: null });
    return { dog: shaOf(lib, dog), other: shaOf(lib, other) };
  }

  /** What the person sees of a photo, and what its cloud document says. */
  async function state(lib: SignedIn, s: TestSession, sha256: string) {
    const row = lib.catalog.photos.page({ sort: 'taken-asc', offset: 0, limit: 50 }).items;
    const id = row.find((p) => p.sha256 === sha256)!.id;
    const photo = lib.catalog.photos.get(id)!;
    const inAlbum = lib.catalog.photos
      .page({ sort: 'taken-asc', offset: 0, limit: 50, scope: 'album', album })
      .items.some((p) => p.sha256 === sha256);
    return {
      here: {
        filename: photo.filename,
        description: photo.description,
        labels: photo.labels.map((label) => label.name).sort(),
        favorite: photo.favorite,
        inAlbum,
      },
      cloud: await cloudDoc(s, sha256),
    };
  }

  /** The document as it was before the catalog was lost, with nothing older in any field. */
  function expectKept(now: PhotoMeta, before: PhotoMeta): void {
    expect(now).toMatchObject({
      filename: before.filename,
      importedAt: before.importedAt,
      takenAt: before.takenAt,
      description: before.description,
      labels: before.labels,
      labelEdits: before.labelEdits,
      favorite: before.favorite,
      albums: before.albums,
    });
  }

  /** A signed-in library of three photos, two of them organised and sent, and one from elsewhere. */
  async function organisedLibrary() {
    dir = await tempDir('recovered-cloud');
    const s = await session();
    const dataDir = join(dir.path, 'library');
    await importPhotos(dataDir, ['rex.jpg', 'tom.jpg', 'shore.jpg']);
    const lib = signedIn(dataDir, s);
    await lib.uploadAll();
    const { dog, other } = await organise(lib, s, 'rex.jpg', 'tom.jpg');
    const before = { dog: await cloudDoc(s, dog), other: await cloudDoc(s, other) };
    expect(before.dog).toMatchObject({
      filename: 'rex.jpg',
      description: { text: 'Rex at the park' },
    });
    // Imported on another device: its original is only in the cloud.
    const beach = await putCloudPhoto(s, 200, { filename: 'beach.jpg' });
    await lib.close();
    return { s, dataDir, dog, other, before, beach };
  }

  /** Empties the catalog and removes its backups. */
  async function loseCatalog(dataDir: string): Promise<void> {
    await truncate(libraryPaths(dataDir).catalog, 0);
    await rm(libraryPaths(dataDir).backups, { recursive: true, force: true });
  }

  for (const order of ['uploads first', 'sync first'] as const) {
    it(`no backup, ${order}: names, descriptions, labels and albums come back from the cloud, whose documents keep theirs`, async () => {
      const { s, dataDir, dog, other, before, beach } = await organisedLibrary();
      await loseCatalog(dataDir);
      expect(await recover(dataDir)).toMatch(/There was no usable backup/);

      const lib = signedIn(dataDir, s);
      // After sign-in the uploads and the first sync start together: either may look first.
      if (order === 'uploads first') await lib.uploadAll();
      expect(await lib.sync()).toMatchObject({ state: 'idle', message: null });
      await lib.uploadAll();
      expect(await lib.sync()).toMatchObject({ state: 'idle', message: null });

      const rex = await state(lib, s, dog);
      expectKept(rex.cloud, before.dog);
      expect(rex.here).toEqual({
        filename: 'rex.jpg',
        description: 'Rex at the park',
        labels: ['Dog', 'Good boy'],
        favorite: false,
        inAlbum: true,
      });
      const tom = await state(lib, s, other);
      expectKept(tom.cloud, before.other);
      expect(tom.here).toMatchObject({ filename: 'tom.jpg', favorite: true, inAlbum: true });
      expect(lib.catalog.albums.list()).toEqual([{ id: album, name: 'Hike', count: 2 }]);
      // The photo whose original is only in the cloud is listed again.
      expect(lib.catalog.cloud.findBySha(beach.sha256)).toMatchObject({ originalLocal: false });
      expect(lib.catalog.photos.count()).toBe(4);
      await lib.close();
    });
  }

  it('no backup, the sync listing the documents before the originals are added back: they are used from the library folder', async () => {
    const { s, dataDir, dog, beach } = await organisedLibrary();
    await loseCatalog(dataDir);

    // The first sync, on the new catalog, before the start-up reconcile reaches the originals.
    const lib = signedIn(dataDir, s);
    expect(await lib.sync()).toMatchObject({ state: 'idle', message: null });

    expect(lib.catalog.cloud.findBySha(dog)).toMatchObject({ originalLocal: true, inCloud: true });
    expect((await state(lib, s, dog)).here).toMatchObject({
      filename: 'rex.jpg',
      description: 'Rex at the park',
      labels: ['Dog', 'Good boy'],
    });
    expect(lib.catalog.cloud.findBySha(beach.sha256)).toMatchObject({ originalLocal: false });
    await lib.close();
    // The reconcile finds every original with its row: nothing is imported again.
    expect(await recover(dataDir)).toBeNull();
  });

  it('an older backup: what changed since comes back, photos imported since get their names back', async () => {
    dir = await tempDir('recovered-cloud');
    const s = await session();
    const dataDir = join(dir.path, 'library');
    await importPhotos(dataDir, ['rex.jpg', 'tom.jpg']);
    let lib = signedIn(dataDir, s);
    await lib.uploadAll();
    await lib.close();
    const paths = libraryPaths(dataDir);
    await rm(paths.backups, { recursive: true, force: true });
    const db = new DatabaseSync(paths.catalog);
    await backUpCatalog(db, paths.backups, Date.now());
    db.close();
    // After the backup: a photo imported and sent, then descriptions, labels and an album.
    await importPhotos(dataDir, ['puppy.jpg']);
    lib = signedIn(dataDir, s);
    await lib.uploadAll();
    const { dog, other } = await organise(lib, s, 'puppy.jpg', 'rex.jpg');
    const before = { dog: await cloudDoc(s, dog), other: await cloudDoc(s, other) };
    await lib.close();

    await truncate(paths.catalog, 0);
    expect(await recover(dataDir)).toMatch(/Shoebox restored the backup of/);

    lib = signedIn(dataDir, s);
    await lib.uploadAll();
    expect(await lib.sync()).toMatchObject({ state: 'idle', message: null });
    expect(await lib.sync()).toMatchObject({ state: 'idle', message: null });

    const puppy = await state(lib, s, dog);
    expectKept(puppy.cloud, before.dog);
    expect(puppy.here).toEqual({
      filename: 'puppy.jpg',
      description: 'Rex at the park',
      labels: ['Dog', 'Good boy'],
      favorite: false,
      inAlbum: true,
    });
    const rex = await state(lib, s, other);
    expectKept(rex.cloud, before.other);
    expect(rex.here).toMatchObject({ filename: 'rex.jpg', favorite: true, inAlbum: true });
    expect(lib.catalog.albums.list()).toEqual([{ id: album, name: 'Hike', count: 2 }]);
    expect(lib.catalog.photos.count()).toBe(3);
    await lib.close();
  });
});
