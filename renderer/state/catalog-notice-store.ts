import { shoebox } from '../bridge/shoebox';
import { createStore } from './create-store';

interface CatalogNoticeState {
  /**
   * What the check of the catalog at start did (a damaged catalog kept aside, a backup
   * restored), or what its full check found while running, in main's words naming the files;
   * null when it was sound or once dismissed.
   */
  readonly notice: string | null;
  load(): Promise<void>;
  /** Main's full check found damage while the window was open (`catalog.notice`). */
  found(notice: string): void;
  dismiss(): void;
}

/** The catalog's notice, shown in the window by both hosts until dismissed. */
export const useCatalogNotice = createStore<CatalogNoticeState>((set) => ({
  notice: null,
  async load() {
    const result = await shoebox().app.catalogNotice();
    // A failed request says nothing about the catalog; the connection banner covers a lost host.
    // Nor does an answer of "nothing" replace words heard meanwhile.
    if (result.ok && result.value.notice !== null) set({ notice: result.value.notice });
  },
  found: (notice) => set({ notice }),
  dismiss: () => set({ notice: null }),
}));
