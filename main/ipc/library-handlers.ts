import type { PhotoDetail } from '../../contract/photos';
import type { Catalog } from '../catalog/catalog';
import type { HandlerTable } from './handler-table';

export interface LibraryHandlerDeps {
  readonly photos: Catalog['photos'];
  readonly app: {
    readonly version: string;
    readonly host: 'electron' | 'web';
    readonly dataDir: string;
  };
  readonly minConfidence: () => number;
  /** The photo as the detail view shows it; throws not-found. */
  readonly photo: (id: number) => PhotoDetail;
}

/** What the app is, and the library's pages and photos. */
export function libraryHandlers(
  deps: LibraryHandlerDeps,
): Pick<HandlerTable, 'app.info' | 'library.page' | 'library.photo'> {
  return {
    'app.info': async () => ({ ...deps.app, photoCount: deps.photos.count() }),
    'library.page': async (request) => deps.photos.page(request, deps.minConfidence()),
    'library.photo': async ({ id }) => deps.photo(id),
  };
}
