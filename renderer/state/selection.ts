import type { PhotoTargets, ViewFilter } from '../../contract/photos';

/**
 * Which photos of the view are selected. `all`: every photo of the view except `ids` (Ctrl+A
 * over 100,000 photos stores nothing per photo); otherwise exactly `ids`.
 */
export interface Selection {
  readonly all: boolean;
  readonly ids: ReadonlySet<number>;
}

/**
 * The grid's selection with what Shift extends from: `anchor`, the index of the last photo
 * clicked or toggled, and `base`, the selection as it was then. A Shift range replaces the
 * previous Shift range (so Shift+Left after Shift+Right shrinks it) and keeps the rest.
 */
export interface SelectionState {
  readonly selection: Selection;
  readonly anchor: number | null;
  readonly base: Selection | null;
}

export type SelectionAction =
  /** Ctrl/Cmd-click, Space, the tile's check mark. */
  | { readonly type: 'toggle'; readonly id: number; readonly index: number }
  /** Shift-click, Shift+arrows: the ids from the anchor to `index`, both included. */
  | { readonly type: 'extend'; readonly index: number; readonly rangeIds: readonly number[] }
  /** Shift with no anchor yet starts from the photo with the focus. */
  | { readonly type: 'anchor'; readonly index: number }
  | { readonly type: 'selectAll' }
  | { readonly type: 'clear' };

export const noSelection: Selection = { all: false, ids: new Set() };
export const initialSelection: SelectionState = {
  selection: noSelection,
  anchor: null,
  base: null,
};

export function selectionReducer(state: SelectionState, action: SelectionAction): SelectionState {
  switch (action.type) {
    case 'toggle': {
      const selection = toggled(state.selection, action.id);
      return { selection, anchor: action.index, base: selection };
    }
    case 'anchor':
      return { ...state, anchor: action.index, base: state.selection };
    case 'extend': {
      const base = state.base ?? state.selection;
      return {
        selection: withIds(base, action.rangeIds),
        anchor: state.anchor ?? action.index,
        base,
      };
    }
    case 'selectAll': {
      const selection: Selection = { all: true, ids: new Set() };
      return { selection, anchor: state.anchor, base: selection };
    }
    case 'clear':
      return initialSelection;
  }
}

export function isSelected(selection: Selection, id: number): boolean {
  return selection.all !== selection.ids.has(id);
}

/** How many are selected of a view of `total` photos. */
export function selectedCount(selection: Selection, total: number): number {
  return selection.all ? Math.max(0, total - selection.ids.size) : selection.ids.size;
}

export function hasSelection(selection: Selection): boolean {
  return selection.all || selection.ids.size > 0;
}

/** What a bulk action is sent: the ids, or the view minus the ones left out. */
export function selectionTargets(selection: Selection, view: ViewFilter): PhotoTargets {
  return selection.all ? { view, except: [...selection.ids] } : { ids: [...selection.ids] };
}

function toggled(selection: Selection, id: number): Selection {
  const ids = new Set(selection.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { all: selection.all, ids };
}

function withIds(selection: Selection, add: readonly number[]): Selection {
  const ids = new Set(selection.ids);
  // In `all` mode the set lists the photos left out, so selecting them takes them out of it.
  for (const id of add) {
    if (selection.all) ids.delete(id);
    else ids.add(id);
  }
  return { all: selection.all, ids };
}

/** Indices `from`..`to` in either order, both included. */
export function indexRange(from: number, to: number): { first: number; last: number } {
  return { first: Math.min(from, to), last: Math.max(from, to) };
}
