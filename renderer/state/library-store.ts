import type { PhotoDetail, PhotoScope, PhotoSummary, SortOrder } from '../../contract/photos';
import { shoebox } from '../bridge/shoebox';
import { createStore, onStoreReset } from './create-store';
import { applyPage, pageRequest, viewKey, type GridPages, type LibraryView } from './library-view';
import { oneAtATime } from './timing';
import { problemText } from './problem-words';

export const pageSize = 240;

interface LibraryState extends LibraryView, GridPages {
  /** The search box's text as typed; `query` follows it as searches are answered. */
  readonly searchText: string;
  /** Bumped whenever the library or the view changes, so pages on screen are fetched again. */
  readonly generation: number;
  readonly activeIndex: number;
  readonly openIndex: number | null;
  readonly detail: PhotoDetail | null;
  readonly error: string | null;
  setSort(sort: SortOrder): void;
  typeSearch(text: string): void;
  /** The search box got the focus: the host reads ahead what typing searches for first. */
  prepareSearch(): void;
  /** Shows only photos with this label; `null` shows everything again. */
  setLabel(label: string | null): void;
  /** The sidebar's click: filter by the label, or stop filtering when it is the active one. */
  toggleLabel(label: string): void;
  /** Empties the search box and shows what the label filter alone shows. */
  clearSearch(): void;
  /** Clears the search and the label filter: every photo again. */
  clearFilters(): void;
  /** Shows the library, favorites, the Trash, or an album (`album`: its id). */
  showScope(scope: PhotoScope, album?: string): void;
  /**
   * The open photo left the view (moved to the Trash, deleted): the detail view shows the one
   * that took its place, or the one before it at the end, and closes when none is left.
   */
  openPhotoRemoved(): Promise<void>;
  ensureRange(first: number, last: number): void;
  libraryChanged(): void;
  setActive(index: number): void;
  open(index: number): void;
  close(): void;
  /** An edit answered the open photo anew. */
  detailChanged(detail: PhotoDetail): void;
  /** Fetches the open photo again (its cloud or label state moved on). */
  reloadDetail(): Promise<void>;
}

const inFlight = new Set<string>();
onStoreReset(() => inFlight.clear());

export const useLibrary = createStore<LibraryState>((set, get) => {
  async function fetchPage(page: number): Promise<void> {
    const state = get();
    const { generation } = state;
    const key = `${generation}:${page}`;
    if (inFlight.has(key)) return;
    inFlight.add(key);
    const result = await shoebox().library.page(pageRequest(state, page * pageSize, pageSize));
    inFlight.delete(key);
    if (!result.ok) {
      if (get().generation === generation) set({ error: problemText(result.error) });
      return;
    }
    const next = applyPage(get(), { generation, page, value: result.value });
    if (next) set({ ...next, error: null });
  }

  async function fetchDetail(id: number): Promise<void> {
    const result = await shoebox().library.photo(id);
    if (get().detail?.id !== id && photoAt(get(), get().openIndex ?? -1)?.id !== id) return;
    set(result.ok ? { detail: result.value } : { error: problemText(result.error) });
  }

  async function loadDetail(index: number): Promise<void> {
    // Opening a photo whose page is not loaded yet (End in the detail view, a far jump): load it.
    if (!photoAt(get(), index)) await fetchPage(Math.floor(index / pageSize));
    const photo = photoAt(get(), index);
    if (!photo || get().openIndex !== index) return;
    await fetchDetail(photo.id);
  }

  /** Shows another view; resolves once its first page has been answered. */
  function showView(patch: Partial<LibraryView>): Promise<void> {
    const state = get();
    if (viewKey({ ...state, ...patch }) === viewKey(state)) return Promise.resolve();
    set({ ...patch, generation: state.generation + 1, activeIndex: 0 });
    return fetchPage(0);
  }

  function changeView(patch: Partial<LibraryView>): void {
    void showView(patch);
  }

  // Typing searches at once, with no pause to wait out. While a search is being answered, the
  // keys typed meanwhile fold into one search for the newest text, sent when it ends.
  const search = oneAtATime((text: string) => showView({ query: text.trim() }));
  onStoreReset(() => search.cancel());

  return {
    sort: 'taken-desc',
    query: '',
    label: null,
    scope: 'library',
    album: null,
    searchText: '',
    total: null,
    libraryTotal: null,
    pages: {},
    pageGenerations: {},
    pagesView: null,
    generation: 0,
    activeIndex: 0,
    openIndex: null,
    detail: null,
    error: null,
    setSort: (sort) => changeView({ sort }),
    typeSearch(text) {
      set({ searchText: text });
      search(text);
    },
    // Only a head start: should it fail, typing reads the same sets when it needs them.
    prepareSearch: () => void shoebox().library.prepareSearch(),
    setLabel: (label) => changeView({ label }),
    showScope(scope, album) {
      changeView({ scope, album: scope === 'album' ? (album ?? null) : null });
    },
    async openPhotoRemoved() {
      const { openIndex } = get();
      set((state) => ({ generation: state.generation + 1, detail: null }));
      if (openIndex === null) return;
      await fetchPage(Math.floor(openIndex / pageSize));
      const total = get().total ?? 0;
      if (get().openIndex !== openIndex) return; // closed or moved meanwhile
      if (total === 0) get().close();
      else get().open(Math.min(openIndex, total - 1));
    },
    toggleLabel(label) {
      changeView({ label: get().label === label ? null : label });
    },
    clearSearch() {
      search.cancel();
      set({ searchText: '' });
      changeView({ query: '' });
    },
    clearFilters() {
      search.cancel();
      set({ searchText: '' });
      changeView({ query: '', label: null });
    },
    ensureRange(first, last) {
      const { generation, pageGenerations } = get();
      for (let page = Math.floor(first / pageSize); page <= Math.floor(last / pageSize); page++) {
        if (pageGenerations[page] !== generation) void fetchPage(page);
      }
    },
    libraryChanged() {
      // Pages on screen stay until their fresh copies arrive, so the grid never flashes empty.
      set((state) => ({ generation: state.generation + 1 }));
      void fetchPage(Math.floor(get().activeIndex / pageSize));
      void get().reloadDetail();
    },
    setActive(index) {
      set({ activeIndex: index });
    },
    open(index) {
      set({ openIndex: index, activeIndex: index, detail: null });
      void loadDetail(index);
    },
    close() {
      set({ openIndex: null, detail: null });
    },
    detailChanged(detail) {
      if (get().detail?.id === detail.id) set({ detail });
    },
    async reloadDetail() {
      const id = get().detail?.id;
      if (id !== undefined) await fetchDetail(id);
    },
  };
});

export function photoAt(
  state: Pick<LibraryState, 'pages'>,
  index: number,
): PhotoSummary | undefined {
  return state.pages[Math.floor(index / pageSize)]?.[index % pageSize];
}
