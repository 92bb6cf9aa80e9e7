import { describe, expect, it } from 'vitest';
import {
  initialSelection,
  isSelected,
  selectedCount,
  selectionReducer,
  selectionTargets,
  type SelectionAction,
  type SelectionState,
} from '../../../renderer/state/selection';

const run = (...actions: SelectionAction[]): SelectionState =>
  actions.reduce(selectionReducer, initialSelection);
const selectedIds = (state: SelectionState) => [...state.selection.ids].sort((a, b) => a - b);
/** Ids of indices first..last when photo i has id 100 + i. */
const range = (first: number, last: number) =>
  Array.from({ length: last - first + 1 }, (_, i) => 100 + first + i);

describe('selection reducer', () => {
  it('toggles photos in and out, each toggle moving the anchor', () => {
    const state = run(
      { type: 'toggle', id: 101, index: 1 },
      { type: 'toggle', id: 104, index: 4 },
      { type: 'toggle', id: 101, index: 1 },
    );
    expect(selectedIds(state)).toEqual([104]);
    expect(state.anchor).toBe(1);
  });

  it('extends a range from the anchor, keeping what was selected before it', () => {
    const state = run(
      { type: 'toggle', id: 109, index: 9 },
      { type: 'toggle', id: 102, index: 2 },
      { type: 'extend', index: 5, rangeIds: range(2, 5) },
    );
    expect(selectedIds(state)).toEqual([102, 103, 104, 105, 109]);
  });

  it('a second Shift range replaces the first: Shift+Left after Shift+Right shrinks it', () => {
    const state = run(
      { type: 'anchor', index: 2 },
      { type: 'extend', index: 3, rangeIds: range(2, 3) },
      { type: 'extend', index: 4, rangeIds: range(2, 4) },
      { type: 'extend', index: 3, rangeIds: range(2, 3) },
    );
    expect(selectedIds(state)).toEqual([102, 103]);
  });

  it('a range backwards from the anchor selects the same way', () => {
    const state = run(
      { type: 'toggle', id: 106, index: 6 },
      { type: 'extend', index: 3, rangeIds: range(3, 6) },
    );
    expect(selectedIds(state)).toEqual([103, 104, 105, 106]);
  });

  it('selects every photo of a 100,000-photo view without listing them', () => {
    const state = run({ type: 'selectAll' }, { type: 'toggle', id: 5, index: 4 });
    expect(state.selection.ids.size).toBe(1); // only the one left out is stored
    expect(selectedCount(state.selection, 100_000)).toBe(99_999);
    expect(isSelected(state.selection, 5)).toBe(false);
    expect(isSelected(state.selection, 99_999)).toBe(true);
    const view = { sort: 'taken-desc' as const, query: 'dog' };
    expect(selectionTargets(state.selection, view)).toEqual({ view, except: [5] });
  });

  it('a range after select-all puts left-out photos back', () => {
    const state = run(
      { type: 'selectAll' },
      { type: 'toggle', id: 103, index: 3 },
      { type: 'toggle', id: 104, index: 4 },
      { type: 'extend', index: 2, rangeIds: range(2, 4) },
    );
    expect(selectedCount(state.selection, 10)).toBe(10);
  });

  it('clear forgets the selection and the anchor; named ids become an ids target', () => {
    const state = run({ type: 'toggle', id: 7, index: 0 });
    expect(selectionTargets(state.selection, { sort: 'taken-asc' })).toEqual({ ids: [7] });
    expect(selectionReducer(state, { type: 'clear' })).toEqual(initialSelection);
  });
});
