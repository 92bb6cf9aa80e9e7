import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createServices, type Services } from '../../main/services';
import { newPhoto } from '../support/new-photo';
import { tempDir } from '../support/temp-dir';

const day = 24 * 60 * 60 * 1000;

describe('the Trash empties itself', () => {
  let work: Awaited<ReturnType<typeof tempDir>>;
  let services: Services;
  let now = Date.UTC(2026, 10, 1);

  beforeEach(async () => {
    work = await tempDir('trash-expiry');
    services = createServices(
      { dataDir: join(work.path, 'library'), version: 'test', host: 'web', cloud: null },
      { emit: () => undefined, now: () => now },
    );
  });
  afterEach(async () => {
    await services.close();
    await work.remove();
  });

  it('deletes for good what stayed longer than the setting, and keeps the rest', async () => {
    const old = services.photos.insert(newPhoto(1))!;
    const recent = services.photos.insert(newPhoto(2))!;
    const kept = services.photos.insert(newPhoto(3))!;
    await services.handlers['photo.trash']({ targets: { ids: [old] } });
    now += 10 * day;
    await services.handlers['photo.trash']({ targets: { ids: [recent] } });
    await services.handlers['settings.set']({ trashDays: 15 });

    now += 5 * day + 1; // old: 15 days and a moment; recent: 5 days
    await services.expireTrash();
    const trash = await services.handlers['library.page']({
      sort: 'taken-desc',
      offset: 0,
      limit: 10,
      scope: 'trash',
    });
    expect(trash.items.map((photo) => photo.id)).toEqual([recent]);
    expect(services.photos.get(old)).toBeNull();
    expect(services.photos.get(kept)?.trashedAt).toBeNull();
  });
});
