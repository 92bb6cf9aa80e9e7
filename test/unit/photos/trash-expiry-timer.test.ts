import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { catalogOn, type Catalog } from '../../../main/catalog/catalog';
import { openCatalog } from '../../../main/catalog/open-catalog';
import { TrashExpiryTimer } from '../../../main/photos/trash-expiry-timer';
import { newPhoto } from '../../support/new-photo';
import { silentLogger } from '../../../main/model/logger';
import { tempDir } from '../../support/temp-dir';

const day = 24 * 60 * 60 * 1000;
const start = Date.UTC(2026, 10, 1);

describe('the Trash expiry and the cloud', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let db: DatabaseSync;
  let catalog: Catalog;
  let timer: TrashExpiryTimer | null = null;

  beforeEach(async () => {
    dir = await tempDir('trash-expiry-timer');
    db = openCatalog(join(dir.path, 'catalog.sqlite'));
    catalog = catalogOn(db);
  });
  afterEach(async () => {
    await timer?.close();
    timer = null;
    db.close();
    await dir.remove();
  });

  /** Two photos trashed 40 days ago, one of them in the cloud; expiry after 30 days. */
  function trashedLongAgo(): { local: number; inCloud: number } {
    const local = catalog.photos.insert(newPhoto(1))!;
    const inCloud = catalog.photos.insert(newPhoto(2))!;
    catalog.cloud.markInCloud(inCloud);
    catalog.organise.trash([local, inCloud], start - 40 * day);
    return { local, inCloud };
  }

  function expiry(cloudRead: () => boolean, deleted: number[][]): TrashExpiryTimer {
    return new TrashExpiryTimer({
      organise: catalog.organise,
      trashDays: () => 30,
      // photo.delete's part that matters here: the rows go.
      deleteForGood: (ids) => {
        deleted.push(ids);
        for (const id of ids) db.prepare('DELETE FROM photos WHERE id = ?').run(id);
        return Promise.resolve();
      },
      now: () => start,
      cloudRead,
      log: silentLogger,
      startAfter: Promise.resolve(),
    });
  }

  it('leaves photos in the cloud in the Trash until a sync has read the cloud since start', async () => {
    const { local, inCloud } = trashedLongAgo();
    const deleted: number[][] = [];
    let synced = false;
    timer = expiry(() => synced, deleted);

    await timer.expireNow();
    // Another device may have taken it out of the Trash: this catalog has not read that yet.
    expect(deleted).toEqual([[local]]);

    synced = true;
    await timer.expireNow();
    expect(deleted).toEqual([[local], [inCloud]]);
  });
});
