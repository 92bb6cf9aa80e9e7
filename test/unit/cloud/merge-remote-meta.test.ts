import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { catalogOn, type Catalog } from '../../../main/catalog/catalog';
import { openCatalog } from '../../../main/catalog/open-catalog';
import { photoMetaOf } from '../../../main/catalog/photo-meta-source';
import { PhotoRepository } from '../../../main/catalog/photo-repository';
import type { ApplyRemoteLabels } from '../../../main/sync/meta-publisher';
import { mergeRemoteMeta } from '../../../main/sync/meta-publisher';
import type { PhotoMeta } from '../../../main/model/photo-meta';
import { describePhoto } from '../../../main/photos/describe-photo';
import { newPhoto } from '../../support/new-photo';
import { tempDir } from '../../support/temp-dir';

describe('mergeRemoteMeta', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let db: DatabaseSync;
  let catalog: Catalog;
  let id: number;
  let calls: Parameters<ApplyRemoteLabels>[];
  const applyRemoteLabels: ApplyRemoteLabels = (...args) => void calls.push(args);

  beforeEach(async () => {
    dir = await tempDir('merge');
    db = openCatalog(join(dir.path, 'catalog.sqlite'));
    catalog = catalogOn(db);
    calls = [];
    id = new PhotoRepository(db).insert(
      newPhoto(1, { sha256: 'b'.repeat(64), byteSize: 10, width: 4, height: 3, importedAt: 1000 }),
    )!;
  });
  afterEach(async () => {
    db.close();
    await dir.remove();
  });

  const remote = (fields: Partial<PhotoMeta>): PhotoMeta => ({
    ...photoMetaOf(db, id)!,
    ...fields,
  });
  const merge = (doc: PhotoMeta) => mergeRemoteMeta({ catalog, applyRemoteLabels }, id, doc);
  const description = () => photoMetaOf(db, id)!.description;

  it('takes a later description from the cloud, with nothing to send back', () => {
    describePhoto(new PhotoRepository(db), id, 'Mine, earlier', 2000);

    const outcome = merge(remote({ description: { text: 'Theirs, later', updatedAt: 3000 } }));

    expect(outcome).toEqual({ localChanged: true, cloudBehind: false });
    expect(description()).toEqual({ text: 'Theirs, later', updatedAt: 3000 });
    expect(calls).toEqual([]);
  });

  it('keeps a later description made here, and says the cloud is behind', () => {
    describePhoto(new PhotoRepository(db), id, 'Mine, later', 4000);

    const outcome = merge(remote({ description: { text: 'Theirs, earlier', updatedAt: 3000 } }));

    expect(outcome).toEqual({ localChanged: false, cloudBehind: true });
    expect(description()).toEqual({ text: 'Mine, later', updatedAt: 4000 });
  });

  it('hands labels and edits the cloud has to the labels port, merged with ours', () => {
    db.prepare(
      "INSERT INTO label_edits (photo_id, name, action, at) VALUES (?, 'Cat', 'remove', 10)",
    ).run(id);
    const labels = { raw: { Labels: [{ Name: 'Dog' }] }, modelVersion: '3.0', labelledAt: 20 };

    const outcome = merge(
      remote({ labels, labelEdits: [{ name: 'Holiday', action: 'add', at: 30 }] }),
    );

    expect(calls).toEqual([
      [
        id,
        labels,
        [
          { name: 'Cat', action: 'remove', at: 10 },
          { name: 'Holiday', action: 'add', at: 30 },
        ],
      ],
    ]);
    // The port is a recorder here, so the catalog still lacks them; the cloud lacks "Cat".
    expect(outcome).toEqual({ localChanged: true, cloudBehind: true });
  });

  it('changes nothing and calls nothing for a document that says what the catalog says', () => {
    describePhoto(new PhotoRepository(db), id, 'Same', 2000);

    expect(merge(remote({}))).toEqual({ localChanged: false, cloudBehind: false });
    expect(calls).toEqual([]);
    expect(description()).toEqual({ text: 'Same', updatedAt: 2000 });
  });
  it('gives a photo added back from the library folder the document’s name and import time, once', () => {
    const photos = new PhotoRepository(db);
    const sha256 = 'c'.repeat(64);
    const back = photos.insert(
      newPhoto(2, { sha256, filename: `${sha256}.jpg`, importedAt: 9000, addedBack: true }),
    )!;
    // Dated 0: in any merge, the cloud's document wins its name and import time.
    expect(photoMetaOf(db, back)!.updatedAt).toBe(0);
    const theirs = {
      ...photoMetaOf(db, back)!,
      filename: 'rex.jpg',
      importedAt: 5000,
      updatedAt: 6000,
    };

    const outcome = mergeRemoteMeta({ catalog, applyRemoteLabels }, back, theirs);

    expect(outcome).toEqual({ localChanged: true, cloudBehind: false });
    expect(photoMetaOf(db, back)).toMatchObject({ filename: 'rex.jpg', importedAt: 5000 });
    expect(catalog.cloud.findBySha(sha256)?.addedBack).toBe(false);
    // From then on it is a photo like any other: its own name is kept.
    merge(remote({ filename: 'other.jpg', updatedAt: 999_999 }));
    expect(photoMetaOf(db, id)!.filename).toBe('IMG_1.jpg');
    expect(
      mergeRemoteMeta({ catalog, applyRemoteLabels }, back, { ...theirs, filename: 'b.jpg' }),
    ).toEqual({ localChanged: false, cloudBehind: false });
    expect(photoMetaOf(db, back)!.filename).toBe('rex.jpg');
  });
});
