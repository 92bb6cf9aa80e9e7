import { shoebox } from '../bridge/shoebox';
import { createStore } from './create-store';

interface CatalogNoticeState {
  /**
   * What the check of the catalog at start did (a damaged catalog kept aside, a backup
   * restored), in main's words naming the files; null when it was sound or once dismissed.
   */
  readonly notice: string | null;
  load(): Promise<void>;
  dismiss(): void;
}

/** The catalog's notice from start-up, shown in the window by both hosts until dismissed. */
export const useCatalogNotice = createStore<CatalogNoticeState>((set) => ({
  notice: null,
  async load() {
    const result = await shoebox().app.catalogNotice();
    // A failed request says nothing about the catalog; the connection banner covers a lost host.
    if (result.ok) set({ notice: result.value.notice });
  },
  dismiss: () => set({ notice: null }),
}));
