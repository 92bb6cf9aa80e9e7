import type {
  PageRequest,
  PhotoPage,
  PhotoScope,
  PhotoSummary,
  SortOrder,
  ViewFilter,
} from '../../contract/photos';

/**
 * What the grid shows: the library, favorites, the Trash or an album, in an order, and optionally
 * narrowed by a search and a label from the sidebar.
 */
export interface LibraryView {
  readonly sort: SortOrder;
  /** The search as applied (once typing settles), trimmed; '' for none. */
  readonly query: string;
  readonly label: string | null;
  readonly scope: PhotoScope;
  /** The album's id with scope `album`. */
  readonly album: string | null;
}

/** The loaded pages of the grid and which view they belong to. */
export interface GridPages {
  /** `null` until the first page has answered. */
  readonly total: number | null;
  /** Photos in the whole library, as last counted by an unfiltered view; `null` before any. */
  readonly libraryTotal: number | null;
  readonly pages: Readonly<Record<number, readonly PhotoSummary[]>>;
  readonly pageGenerations: Readonly<Record<number, number>>;
  /** The view the pages on screen were fetched for (what `total` counts); null before any. */
  readonly pagesView: LibraryView | null;
}

export interface PageAnswer {
  /** The library generation the request was sent in. */
  readonly generation: number;
  readonly page: number;
  readonly value: PhotoPage;
}

export function viewKey(view: LibraryView): string {
  return JSON.stringify([view.sort, view.query, view.label, view.scope, view.album]);
}

export function isFiltered(view: LibraryView): boolean {
  return view.query !== '' || view.label !== null;
}

/** The view as main filters it (a bulk action over "all of it" sends this). */
export function viewFilter(view: LibraryView): ViewFilter {
  return {
    sort: view.sort,
    ...(view.query ? { query: view.query } : {}),
    ...(view.label ? { label: view.label } : {}),
    ...(view.scope !== 'library' ? { scope: view.scope } : {}),
    ...(view.scope === 'album' && view.album ? { album: view.album } : {}),
  };
}

export function pageRequest(view: LibraryView, offset: number, limit: number): PageRequest {
  return { ...viewFilter(view), offset, limit };
}

/**
 * Folds a page answer into the grid, or `null` when it is stale (the view or the library changed
 * since it was asked for: a slow answer to "do" must not land on top of the one for "dog").
 * The first answer for a new view replaces every page of the old one; pages of the same view
 * are kept until their fresh copies arrive, so the grid never flashes empty.
 */
export function applyPage(
  state: GridPages & LibraryView & { readonly generation: number },
  answer: PageAnswer,
): GridPages | null {
  if (answer.generation !== state.generation) return null;
  const sameView = state.pagesView !== null && viewKey(state.pagesView) === viewKey(state);
  return {
    total: answer.value.total,
    libraryTotal: isFiltered(state) ? state.libraryTotal : answer.value.total,
    pages: { ...(sameView ? state.pages : {}), [answer.page]: answer.value.items },
    pageGenerations: {
      ...(sameView ? state.pageGenerations : {}),
      [answer.page]: answer.generation,
    },
    pagesView: {
      sort: state.sort,
      query: state.query,
      label: state.label,
      scope: state.scope,
      album: state.album,
    },
  };
}

/** What an empty filtered grid says, naming what was asked for. */
export function noMatchText(view: LibraryView): string {
  if (view.query && view.label) return `No photos labelled “${view.label}” match “${view.query}”`;
  if (view.label) return `No photos are labelled “${view.label}”`;
  return `No photos match “${view.query}”`;
}
