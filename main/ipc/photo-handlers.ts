import type { Catalog } from '../catalog/catalog';
import type { Logger } from '../model/logger';
import type { PhotoDetail } from '../../contract/photos';
import type { CloudSession } from '../aws/cloud-session';
import type { OrganiseRepository } from '../catalog/organise-repository';
import { AppError } from '../model/app-error';
import type { LibraryPaths } from '../library/library-paths';
import { deletePhotos } from '../photos/delete-photos';
import { describePhoto } from '../photos/describe-photo';
import { resolveTargets, type ViewIds } from '../photos/photo-targets';
import type { HandlerTable } from './handler-table';

export interface PhotoHandlerDeps {
  readonly catalog: Pick<Catalog, 'photos' | 'removal' | 'lastIdentity'>;
  readonly paths: LibraryPaths;
  readonly session: () => CloudSession | null;
  readonly now: () => number;
  /** The photo as the detail view shows it (with labels at the minimum confidence). */
  readonly photo: (id: number) => PhotoDetail | null;
  readonly organise: Pick<OrganiseRepository, 'trash' | 'restore' | 'setFavorite' | 'inTrash'>;
  readonly viewIds: ViewIds;
  /** Takes photos out of the upload queue (stopping uploads in flight) before they go. */
  readonly stopUploads: (ids: readonly number[]) => void;
  /**
   * Told after a change that must reach the cloud's documents (a description, the Trash, a
   * favorite) or only the screen and the cloud's objects (a deletion for good).
   */
  readonly changed: (what: 'meta' | 'deleted') => void;
  readonly log?: Logger;
}

type PhotoChannels =
  | 'photo.setDescription'
  | 'photo.trash'
  | 'photo.restore'
  | 'photo.delete'
  | 'trash.empty'
  | 'photo.favorite';

/** Descriptions, favorites, the Trash, and deleting photos for good (here and in the cloud). */
export function photoHandlers(deps: PhotoHandlerDeps): Pick<HandlerTable, PhotoChannels> {
  const photoOrThrow = (id: number): PhotoDetail => {
    const photo = deps.photo(id);
    if (!photo) throw new AppError('not-found', `There is no photo ${id} in this library.`);
    return photo;
  };
  const deleteForGood = async (ids: readonly number[]) => {
    // An upload left running could put the photo back in the cloud after its deletion.
    deps.stopUploads(ids);
    const result = await deletePhotos(deps, ids);
    deps.changed('deleted');
    return result;
  };
  const metaChanged = <T extends readonly number[]>(ids: T): { ids: T } => {
    if (ids.length > 0) deps.changed('meta');
    return { ids };
  };
  return {
    'photo.setDescription': async ({ id, description }) => {
      if (!describePhoto(deps.catalog.photos, id, description, deps.now())) photoOrThrow(id);
      deps.changed('meta');
      return photoOrThrow(id);
    },
    'photo.trash': async ({ targets }) =>
      metaChanged(deps.organise.trash(resolveTargets(targets, deps.viewIds), deps.now())),
    'photo.restore': async ({ targets }) =>
      metaChanged(deps.organise.restore(resolveTargets(targets, deps.viewIds), deps.now())),
    'photo.favorite': async ({ targets, favorite }) =>
      metaChanged(
        deps.organise.setFavorite(resolveTargets(targets, deps.viewIds), favorite, deps.now()),
      ),
    'photo.delete': async ({ targets }) => deleteForGood(resolveTargets(targets, deps.viewIds)),
    'trash.empty': async () => deleteForGood(deps.organise.inTrash()),
  };
}
