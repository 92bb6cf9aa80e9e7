import { shoebox } from '../bridge/shoebox';
import { createStore } from './create-store';
import { photoAt, useLibrary } from './library-store';
import { viewFilter, viewKey } from './library-view';
import {
  hasSelection,
  indexRange,
  initialSelection,
  selectionReducer,
  selectionTargets,
  type SelectionAction,
  type SelectionState,
} from './selection';
import type { PhotoTargets } from '../../contract/photos';
import { problemText } from './problem-words';

interface SelectionStoreState extends SelectionState {
  /** The view the selection belongs to; another view starts with nothing selected. */
  readonly view: string;
  readonly problem: string | null;
  toggle(index: number): void;
  /** Shift-click or Shift+arrow to `index`: selects from the anchor (or `from`) to it. */
  extendTo(index: number, from: number): Promise<void>;
  selectAll(): void;
  clear(): void;
  /** What a bulk action over the selection is sent. */
  targets(): PhotoTargets;
}

/** The grid's selection (renderer/state/selection.ts), kept for the view on screen. */
export const useSelection = createStore<SelectionStoreState>((set, get) => {
  const dispatch = (action: SelectionAction) => {
    const current = get();
    set({ ...selectionReducer(current, action), view: viewKey(useLibrary.getState()) });
  };

  /** The ids at indices first..last, from the pages on screen, or asked of main for the rest. */
  async function idsBetween(first: number, last: number): Promise<number[] | null> {
    const library = useLibrary.getState();
    const ids: number[] = [];
    for (let index = first; index <= last; index++) {
      const photo = photoAt(library, index);
      if (!photo) break;
      ids.push(photo.id);
    }
    if (ids.length === last - first + 1) return ids;
    const result = await shoebox().library.ids(viewFilter(library), first, last - first + 1);
    if (!result.ok) {
      set({ problem: problemText(result.error) });
      return null;
    }
    return [...result.value.ids];
  }

  return {
    ...initialSelection,
    view: '',
    problem: null,
    toggle(index) {
      const photo = photoAt(useLibrary.getState(), index);
      if (photo) dispatch({ type: 'toggle', id: photo.id, index });
    },
    async extendTo(index, from) {
      if (get().anchor === null) dispatch({ type: 'anchor', index: from });
      const anchor = get().anchor ?? from;
      const { first, last } = indexRange(anchor, index);
      const view = get().view;
      const rangeIds = await idsBetween(first, last);
      // The view changed while main answered: that range means nothing now.
      if (!rangeIds || get().view !== view) return;
      dispatch({ type: 'extend', index, rangeIds });
    },
    selectAll: () => dispatch({ type: 'selectAll' }),
    clear: () => set({ ...initialSelection, problem: null }),
    targets: () => selectionTargets(get().selection, viewFilter(useLibrary.getState())),
  };
});

// A new view (another search, album, the Trash) starts with nothing selected.
useLibrary.subscribe((state, previous) => {
  if (viewKey(state) !== viewKey(previous) && hasSelection(useSelection.getState().selection)) {
    useSelection.getState().clear();
  }
});
