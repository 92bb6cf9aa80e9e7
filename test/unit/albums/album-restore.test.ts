import { afterEach, describe, expect, it, vi } from 'vitest';
import { catalogOn } from '../../../main/catalog/catalog';
import { openCatalog } from '../../../main/catalog/open-catalog';
import { albumHandlers } from '../../../main/ipc/album-handlers';
import { dispatch } from '../../../main/ipc/dispatch';
import type { HandlerTable } from '../../../main/ipc/handler-table';
import { silentLogger } from '../../../main/model/logger';
import { newPhoto } from '../../support/new-photo';

const db = openCatalog(':memory:');
afterEach(() => db.exec('DELETE FROM album_members; DELETE FROM albums; DELETE FROM photos'));

function albumsOn() {
  const catalog = catalogOn(db);
  const ids = [1, 2].map((n) => catalog.photos.insert(newPhoto(n))!);
  const changed = vi.fn();
  const handlers = albumHandlers({
    albums: catalog.albums,
    viewIds: () => Int32Array.from(ids),
    now: () => Date.now(),
    changed,
  }) as HandlerTable;
  return {
    ids,
    changed,
    call: (channel: string, payload: unknown) => dispatch(handlers, channel, payload, silentLogger),
  };
}

describe('albums.restore (Undo of a deletion)', () => {
  it('brings the album back under a new id with its photos, and tells sync', async () => {
    const { ids, changed, call } = albumsOn();
    const made = await call('albums.create', { name: 'Holiday', targets: { ids } });
    if (!made.ok) throw new Error('not made');
    const { id } = (made.value as { album: { id: string } }).album;
    await call('albums.delete', { id });
    changed.mockClear();

    const restored = await call('albums.restore', { id });

    expect(restored).toMatchObject({ ok: true, value: { name: 'Holiday', count: 2 } });
    expect(restored.ok && (restored.value as { id: string }).id).not.toBe(id);
    expect(changed).toHaveBeenCalledOnce();
    expect(await call('albums.list', {})).toMatchObject({
      ok: true,
      value: { albums: [{ name: 'Holiday', count: 2 }] },
    });
  });

  it('refuses an album that is not deleted, and a payload with anything more than the id', async () => {
    const { call } = albumsOn();
    const made = await call('albums.create', { name: 'Beach' });
    if (!made.ok) throw new Error('not made');
    const { id } = (made.value as { album: { id: string } }).album;

    expect(await call('albums.restore', { id })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await call('albums.restore', { id, name: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(await call('albums.restore', { id: '../x' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
  });
});
