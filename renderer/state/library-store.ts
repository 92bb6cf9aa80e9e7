import type { PhotoDetail, PhotoSummary, SortOrder } from '../../contract/photos';
import { shoebox } from '../bridge/shoebox';
import { createStore } from './create-store';

export const pageSize = 240;

interface LibraryState {
  readonly sort: SortOrder;
  /** `null` until the first page has answered. */
  readonly total: number | null;
  readonly pages: Readonly<Record<number, readonly PhotoSummary[]>>;
  /** Bumped whenever the library changes, so pages on screen are fetched again. */
  readonly generation: number;
  readonly pageGenerations: Readonly<Record<number, number>>;
  readonly activeIndex: number;
  readonly openIndex: number | null;
  readonly detail: PhotoDetail | null;
  readonly error: string | null;
  setSort(sort: SortOrder): void;
  ensureRange(first: number, last: number): void;
  libraryChanged(): void;
  setActive(index: number): void;
  open(index: number): void;
  close(): void;
}

const inFlight = new Set<string>();

export const useLibrary = createStore<LibraryState>((set, get) => {
  async function fetchPage(page: number): Promise<void> {
    const { sort, generation } = get();
    const key = `${sort}:${generation}:${page}`;
    if (inFlight.has(key)) return;
    inFlight.add(key);
    const result = await shoebox().library.page({ sort, offset: page * pageSize, limit: pageSize });
    inFlight.delete(key);
    if (get().sort !== sort || get().generation !== generation) return;
    if (!result.ok) {
      set({ error: result.error.message });
      return;
    }
    set((state) => ({
      total: result.value.total,
      pages: { ...state.pages, [page]: result.value.items },
      pageGenerations: { ...state.pageGenerations, [page]: generation },
      error: null,
    }));
  }

  async function loadDetail(index: number): Promise<void> {
    // Opening a photo whose page is not loaded yet (End in the detail view, a far jump): load it.
    if (!photoAt(get(), index)) await fetchPage(Math.floor(index / pageSize));
    const photo = photoAt(get(), index);
    if (!photo || get().openIndex !== index) return;
    const result = await shoebox().library.photo(photo.id);
    if (get().openIndex !== index) return;
    set(result.ok ? { detail: result.value } : { error: result.error.message });
  }

  return {
    sort: 'taken-desc',
    total: null,
    pages: {},
    generation: 0,
    pageGenerations: {},
    activeIndex: 0,
    openIndex: null,
    detail: null,
    error: null,
    setSort(sort) {
      if (sort === get().sort) return;
      set((state) => ({
        sort,
        pages: {},
        pageGenerations: {},
        generation: state.generation + 1,
        activeIndex: 0,
      }));
      void fetchPage(0);
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
  };
});

export function photoAt(
  state: Pick<LibraryState, 'pages'>,
  index: number,
): PhotoSummary | undefined {
  return state.pages[Math.floor(index / pageSize)]?.[index % pageSize];
}
