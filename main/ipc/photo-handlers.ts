import type { Catalog } from '../catalog/catalog';
import type { PhotoDetail } from '../../contract/photos';
import type { CloudSession } from '../aws/cloud-session';
import { AppError } from '../model/app-error';
import type { LibraryPaths } from '../library/library-paths';
import { deletePhotos } from '../photos/delete-photos';
import { describePhoto } from '../photos/describe-photo';
import type { HandlerTable } from './handler-table';

export interface PhotoHandlerDeps {
  readonly catalog: Pick<Catalog, 'photos' | 'removal' | 'lastIdentity'>;
  readonly paths: LibraryPaths;
  readonly session: () => CloudSession | null;
  readonly now: () => number;
  /** The photo as the detail view shows it (with labels at the minimum confidence). */
  readonly photo: (id: number) => PhotoDetail | null;
  /** Takes photos out of the upload queue (stopping uploads in flight) before they go. */
  readonly stopUploads: (ids: readonly number[]) => void;
  /** Told after a change that must reach the cloud (a description) or the screen. */
  readonly changed: (what: 'described' | 'deleted') => void;
}

/** Editing a photo's description and deleting photos (from the library and the cloud). */
export function photoHandlers(
  deps: PhotoHandlerDeps,
): Pick<HandlerTable, 'photo.setDescription' | 'photo.delete'> {
  const photoOrThrow = (id: number): PhotoDetail => {
    const photo = deps.photo(id);
    if (!photo) throw new AppError('not-found', `There is no photo ${id} in this library.`);
    return photo;
  };
  return {
    'photo.setDescription': async ({ id, description }) => {
      if (!describePhoto(deps.catalog.photos, id, description, deps.now())) photoOrThrow(id);
      deps.changed('described');
      return photoOrThrow(id);
    },
    'photo.delete': async ({ ids }) => {
      // An upload left running could put the photo back in the cloud after its deletion.
      deps.stopUploads(ids);
      const result = await deletePhotos(deps, ids);
      deps.changed('deleted');
      return result;
    },
  };
}
