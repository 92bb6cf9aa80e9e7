import { stat } from 'node:fs/promises';
import type { DatabaseSync } from 'node:sqlite';
import { catalogOn } from '../../../main/catalog/catalog';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CloudDeletionQueue } from '../../../main/catalog/cloud-deletion-queue';
import { LastIdentity } from '../../../main/catalog/last-identity';
import { openCatalog } from '../../../main/catalog/open-catalog';
import { PhotoRepository } from '../../../main/catalog/photo-repository';
import { SettingsRepository } from '../../../main/catalog/settings-repository';
import type { CloudSession } from '../../../main/aws/cloud-session';
import { writeContentAddressed } from '../../../main/library/store-photo-files';
import {
  cachedOriginalFile,
  libraryPaths,
  originalFile,
  thumbFile,
  type LibraryPaths,
} from '../../../main/library/library-paths';
import { deletePhotos } from '../../../main/photos/delete-photos';
import { newPhoto } from '../../support/new-photo';
import { tempDir } from '../../support/temp-dir';

const identityA = 'us-east-1:11111111-2222-3333-4444-555555555555';
const identityB = 'eu-west-1:66666666-7777-8888-9999-000000000000';

/** Only identityId() is used by deletePhotos; the clients are never touched. */
function sessionOf(identityId: string | Error): CloudSession {
  return {
    bucket: 'unused',
    identityId: async () => {
      if (identityId instanceof Error) throw identityId;
      return identityId;
    },
  } as unknown as CloudSession;
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

describe('deletePhotos', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let paths: LibraryPaths;
  let db: DatabaseSync;
  let photos: PhotoRepository;

  beforeEach(async () => {
    dir = await tempDir('delete');
    paths = libraryPaths(dir.path);
    db = openCatalog(paths.catalog);
    photos = new PhotoRepository(db);
  });
  afterEach(async () => {
    db.close();
    await dir.remove();
  });

  async function addPhoto(n: number, cloud: 'local' | 'in-cloud' | 'uploading' | 'cloud-only') {
    const sha256 = n.toString(16).padStart(64, '0');
    const id = photos.insert(
      newPhoto(n, {
        format: 'png',
        byteSize: 3,
        filename: `IMG_${n}.png`,
        sourcePath: `/photos/IMG_${n}.png`,
      }),
    )!;
    await writeContentAddressed(thumbFile(paths, sha256), Buffer.from('thumb'));
    if (cloud === 'cloud-only') {
      db.prepare('UPDATE photos SET in_cloud = 1, original_local = 0 WHERE id = ?').run(id);
      await writeContentAddressed(cachedOriginalFile(paths, sha256, 'png'), Buffer.from('png'));
    } else {
      await writeContentAddressed(originalFile(paths, sha256, 'png'), Buffer.from('png'));
    }
    if (cloud === 'in-cloud') db.prepare('UPDATE photos SET in_cloud = 1 WHERE id = ?').run(id);
    if (cloud === 'uploading') {
      db.prepare(
        "INSERT INTO upload_jobs (photo_id, state, queued_at) VALUES (?, 'running', 1)",
      ).run(id);
    }
    db.prepare(
      "INSERT INTO labels (photo_id, name, confidence, source) VALUES (?, 'Dog', 90, 'rekognition')",
    ).run(id);
    return { id, sha256 };
  }

  const files = (sha256: string) => [
    thumbFile(paths, sha256),
    originalFile(paths, sha256, 'png'),
    cachedOriginalFile(paths, sha256, 'png'),
  ];

  it('removes rows, labels and files, and queues cloud deletions for photos in the cloud', async () => {
    const local = await addPhoto(1, 'local');
    const inCloud = await addPhoto(2, 'in-cloud');
    const uploading = await addPhoto(3, 'uploading');
    const cloudOnly = await addPhoto(4, 'cloud-only');
    const kept = await addPhoto(5, 'in-cloud');

    const result = await deletePhotos(
      { catalog: catalogOn(db), paths, session: () => sessionOf(identityA), now: () => 42 },
      [local.id, inCloud.id, uploading.id, cloudOnly.id, 999],
    );

    expect(result).toEqual({ deleted: 4, cloudPending: 3 });
    expect(photos.count()).toBe(1);
    expect(photos.get(kept.id)).not.toBeNull();
    expect(db.prepare('SELECT photo_id FROM labels').all()).toEqual([{ photo_id: kept.id }]);
    expect(db.prepare('SELECT count(*) AS n FROM upload_jobs').get()).toEqual({ n: 0 });
    for (const photo of [local, inCloud, uploading, cloudOnly]) {
      for (const file of files(photo.sha256)) expect(await exists(file)).toBe(false);
    }
    expect(await exists(thumbFile(paths, kept.sha256))).toBe(true);
    const pending = new CloudDeletionQueue(db).pending();
    expect(pending.map((d) => [d.sha256, d.identityId, d.format])).toEqual(
      [inCloud, uploading, cloudOnly].map((p) => [p.sha256, identityA, 'png']),
    );
    expect(new LastIdentity(new SettingsRepository(db)).get()).toBe(identityA);
  });

  it('uses the last known identity when signed out or when the session cannot answer', async () => {
    new LastIdentity(new SettingsRepository(db)).remember(identityB);
    const first = await addPhoto(1, 'in-cloud');
    const second = await addPhoto(2, 'in-cloud');

    await deletePhotos({ catalog: catalogOn(db), paths, session: () => null, now: () => 1 }, [
      first.id,
    ]);
    await deletePhotos(
      {
        catalog: catalogOn(db),
        paths,
        session: () => sessionOf(new Error('offline')),
        now: () => 2,
      },
      [second.id],
    );

    expect(new CloudDeletionQueue(db).pending().map((d) => d.identityId)).toEqual([
      identityB,
      identityB,
    ]);
  });

  it('deletes locally, queuing nothing, in a library that never met a cloud', async () => {
    const photo = await addPhoto(1, 'in-cloud');

    expect(
      await deletePhotos({ catalog: catalogOn(db), paths, session: () => null, now: () => 1 }, [
        photo.id,
      ]),
    ).toEqual({
      deleted: 1,
      cloudPending: 0,
    });
    expect(photos.count()).toBe(0);
    expect(new CloudDeletionQueue(db).count()).toBe(0);
  });
});
