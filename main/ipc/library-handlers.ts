import type { PhotoDetail } from '../../contract/photos';
import type { Catalog } from '../catalog/catalog';
import { readPhotoInfo } from '../import/read-photo-info';
import { originalFile, type LibraryPaths } from '../library/library-paths';
import type { ViewIds } from '../photos/photo-targets';
import type { HandlerTable } from './handler-table';

export interface LibraryHandlerDeps {
  readonly photos: Catalog['photos'];
  readonly paths: LibraryPaths;
  readonly minConfidence: () => number;
  /** The photo as the detail view shows it; throws not-found. */
  readonly photo: (id: number) => PhotoDetail;
  /** Every photo id of a view, in its order. */
  readonly viewIds: ViewIds;
  /** Shows a file in the system's file manager (the desktop app only). */
  readonly revealFile?: (file: string) => void;
}

/** The library's pages, photos, views and the camera's facts. */
export function libraryHandlers(
  deps: LibraryHandlerDeps,
): Pick<
  HandlerTable,
  | 'library.page'
  | 'library.photo'
  | 'library.ids'
  | 'library.days'
  | 'library.prepareSearch'
  | 'library.info'
  | 'library.reveal'
> {
  return {
    'library.page': async (request) => deps.photos.page(request, deps.minConfidence()),
    'library.photo': async ({ id }) => deps.photo(id),
    'library.ids': async ({ offset, limit, ...view }) => ({
      ids: [...deps.viewIds(view).subarray(offset, offset + limit)],
    }),
    'library.days': async (view) => deps.photos.days(view, deps.minConfidence()),
    'library.prepareSearch': async () => {
      await deps.photos.prepareSearch(deps.minConfidence());
      return null;
    },
    'library.info': async ({ id }) => {
      const photo = deps.photo(id);
      if (!photo.originalLocal) return null;
      return readPhotoInfo(originalFile(deps.paths, photo.sha256, photo.format), photo.format);
    },
    // Only an original kept in the library has a place on disk worth showing.
    'library.reveal': async ({ id }) => {
      const photo = deps.photo(id);
      if (!deps.revealFile || !photo.originalLocal) return { revealed: false };
      deps.revealFile(originalFile(deps.paths, photo.sha256, photo.format));
      return { revealed: true };
    },
  };
}
