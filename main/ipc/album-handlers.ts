import { randomUUID } from 'node:crypto';
import type { AlbumChange } from '../../contract/albums';
import type { AlbumRepository } from '../catalog/album-repository';
import { AppError } from '../model/app-error';
import { resolveTargets, type ViewIds } from '../photos/photo-targets';
import type { HandlerTable } from './handler-table';

export interface AlbumHandlerDeps {
  readonly albums: AlbumRepository;
  readonly viewIds: ViewIds;
  readonly now: () => number;
  /** Told after a change that must reach the screen and the cloud. */
  readonly changed: () => void;
}

type AlbumChannels =
  | 'albums.list'
  | 'albums.create'
  | 'albums.rename'
  | 'albums.delete'
  | 'albums.restore'
  | 'albums.add'
  | 'albums.remove';

/** Making, renaming, deleting (and bringing back) albums, and putting photos in and out of them. */
export function albumHandlers(deps: AlbumHandlerDeps): Pick<HandlerTable, AlbumChannels> {
  const { albums } = deps;
  const summaryOrThrow = (id: string) => {
    const album = albums.summary(id);
    if (!album) throw new AppError('not-found', 'That album is not in this library any more.');
    return album;
  };
  const change = (id: string, ids: readonly number[], added: boolean): AlbumChange => {
    summaryOrThrow(id);
    const changed = albums.setMembers(id, ids, added, deps.now());
    deps.changed();
    return { album: summaryOrThrow(id), ids: changed };
  };
  return {
    'albums.list': async () => ({ albums: albums.list() }),
    'albums.create': async ({ name, targets }) => {
      const id = randomUUID();
      albums.create(id, name, deps.now());
      return change(id, targets ? resolveTargets(targets, deps.viewIds) : [], true);
    },
    'albums.rename': async ({ id, name }) => {
      if (!albums.rename(id, name, deps.now())) summaryOrThrow(id);
      deps.changed();
      return summaryOrThrow(id);
    },
    'albums.delete': async ({ id }) => {
      if (!albums.delete(id, deps.now())) summaryOrThrow(id);
      deps.changed();
      return { deleted: true };
    },
    'albums.restore': async ({ id }) => {
      const restored = randomUUID();
      if (!albums.remake(id, restored, deps.now())) {
        throw new AppError('not-found', 'That album is not a deleted album of this library.');
      }
      deps.changed();
      return summaryOrThrow(restored);
    },
    'albums.add': async ({ id, targets }) =>
      change(id, resolveTargets(targets, deps.viewIds), true),
    'albums.remove': async ({ id, targets }) =>
      change(id, resolveTargets(targets, deps.viewIds), false),
  };
}
