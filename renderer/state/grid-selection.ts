import { photoAt, useLibrary } from './library-store';
import { useOrganise } from './organise-store';
import { hasSelection, selectedCount } from './selection';
import { useSelection } from './selection-store';

/** The modifier keys of a click or key press. */
export interface Modifiers {
  readonly shiftKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
}

/**
 * A tile was clicked: Shift extends the selection to it, Ctrl/Cmd adds or removes it, and a
 * plain click toggles it while something is selected and opens the photo otherwise.
 */
export function tileClicked(index: number, modifiers: Modifiers): void {
  const library = useLibrary.getState();
  const selection = useSelection.getState();
  const from = library.activeIndex;
  library.setActive(index);
  if (modifiers.shiftKey) void selection.extendTo(index, from);
  else if (modifiers.ctrlKey || modifiers.metaKey || hasSelection(selection.selection)) {
    selection.toggle(index);
  } else library.open(index);
}

/**
 * The grid's selection keys: Space toggles the photo with the focus, Shift with a move extends
 * the selection (`moved`: where the focus went), Ctrl/Cmd+A selects the view, Escape clears,
 * Delete moves to the Trash, F marks favorites. Answers whether the key was one of these.
 */
export function selectionKey(
  key: string,
  modifiers: Modifiers,
  from: number,
  moved: number | null,
): boolean {
  const selection = useSelection.getState();
  if (moved !== null && modifiers.shiftKey) {
    void selection.extendTo(moved, from);
    return false; // the move itself is still the grid's to make
  }
  if (key === ' ') {
    selection.toggle(from);
    return true;
  }
  if ((key === 'a' || key === 'A') && (modifiers.ctrlKey || modifiers.metaKey)) {
    selection.selectAll();
    return true;
  }
  if (key === 'Escape' && hasSelection(selection.selection)) {
    selection.clear();
    return true;
  }
  if (key === 'Delete' || key === 'Backspace') {
    trashChosen(from);
    return true;
  }
  if ((key === 'f' || key === 'F') && !modifiers.ctrlKey && !modifiers.metaKey) {
    favoriteChosen(from);
    return true;
  }
  return false;
}

/** The selection, or the photo with the focus when nothing is selected. */
function chosen(index: number) {
  const selection = useSelection.getState();
  const library = useLibrary.getState();
  if (hasSelection(selection.selection)) {
    return {
      targets: selection.targets(),
      count: selectedCount(selection.selection, library.total ?? 0),
    };
  }
  const photo = photoAt(library, index);
  return photo ? { targets: { ids: [photo.id] }, count: 1, photo } : null;
}

function trashChosen(index: number): void {
  const what = chosen(index);
  // In the Trash, Delete means "for good", which asks first (the selection bar's button).
  if (!what || useLibrary.getState().scope === 'trash') return;
  void useOrganise.getState().trash(what.targets, what.count);
}

function favoriteChosen(index: number): void {
  const what = chosen(index);
  if (!what || useLibrary.getState().scope === 'trash') return;
  // One photo flips; a selection becomes favorites (the bar's other button takes it back).
  const favorite = 'photo' in what && what.photo ? !what.photo.favorite : true;
  void useOrganise.getState().setFavorite(what.targets, favorite);
}
