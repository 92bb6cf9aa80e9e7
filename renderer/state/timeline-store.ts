import type { ViewDays } from '../../contract/photos';
import { shoebox } from '../bridge/shoebox';
import { createStore, onStoreReset } from './create-store';
import { viewFilter, viewKey, type LibraryView } from './library-view';

interface TimelineState {
  /** The library generation `days` were counted in; -1 before any. */
  readonly generation: number;
  /** The view's photos per day, or null (not loaded, or an album: no date order). */
  readonly days: ViewDays | null;
  /** Which view (its viewKey) `days` are of. */
  readonly view: string | null;
  /** Counts the view's days for this generation, once; a later request's answer wins. */
  load(view: LibraryView, generation: number): Promise<void>;
}

let requested = -1;
onStoreReset(() => {
  requested = -1;
});

/** The timeline's day counts for the grid's view, asked of main as the view or library changes. */
export const useTimeline = createStore<TimelineState>((set) => ({
  generation: -1,
  days: null,
  view: null,
  async load(view, generation) {
    if (requested === generation) return;
    requested = generation;
    const result = await shoebox().library.days(viewFilter(view));
    if (requested !== generation) return;
    // A failure leaves the grid plain (no sections) rather than failing it.
    set({ generation, days: result.ok ? result.value : null, view: viewKey(view) });
  },
}));
