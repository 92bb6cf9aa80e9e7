import type { DeleteResult } from '../../contract/channels';
import type { PhotoTargets } from '../../contract/photos';
import type { Result } from '../../contract/result';
import { shoebox } from '../bridge/shoebox';
import { plural } from '../format';
import { createStore } from './create-store';
import { useLabels } from './labels-store';
import { useLibrary } from './library-store';
import { useSelection } from './selection-store';
import { useUndo } from './undo-store';
import { problemText } from './problem-words';

interface OrganiseState {
  readonly busy: boolean;
  /** Why the last action failed. */
  readonly problem: string | null;
  /** What the person should know after a deletion (cloud copies still to delete). */
  readonly notice: string | null;
  /** Moves photos to the Trash, offering Undo; `count`: how many the person sees going. */
  trash(targets: PhotoTargets, count: number): Promise<boolean>;
  restore(targets: PhotoTargets): Promise<boolean>;
  /** Deletes for good (the renderer asked first); answers whether it worked. */
  deleteForever(targets: PhotoTargets): Promise<boolean>;
  emptyTrash(): Promise<boolean>;
  setFavorite(targets: PhotoTargets, favorite: boolean): Promise<boolean>;
  forgetProblem(): void;
  dismissNotice(): void;
}

/** Refreshes what shows the library after a change made here (main also says so, later). */
export function libraryEdited(): void {
  useLibrary.getState().libraryChanged();
  useLabels.getState().libraryChanged();
}

/** The Trash and favorites, for the selection, the tile's heart and the detail view. */
export const useOrganise = createStore<OrganiseState>((set, get) => {
  async function run<T>(call: Promise<Result<T>>): Promise<T | null> {
    set({ busy: true, problem: null });
    const result = await call;
    set({ busy: false });
    if (!result.ok) {
      set({ problem: problemText(result.error) });
      return null;
    }
    return result.value;
  }

  function deleted(result: DeleteResult | null): boolean {
    if (!result) return false;
    const { cloudPending } = result;
    set({
      notice:
        cloudPending > 0
          ? `${plural(cloudPending, 'photo')} will be deleted from your cloud once it can be reached.`
          : null,
    });
    useSelection.getState().clear();
    libraryEdited();
    return true;
  }

  return {
    busy: false,
    problem: null,
    notice: null,
    async trash(targets, count) {
      const value = await run(shoebox().photos.trash(targets));
      if (!value) return false;
      useSelection.getState().clear();
      libraryEdited();
      const { ids } = value;
      useUndo
        .getState()
        .offer(`Moved ${plural(ids.length || count, 'photo')} to the Trash.`, async () =>
          (await get().restore({ ids })) ? null : get().problem,
        );
      return true;
    },
    async restore(targets) {
      if (!(await run(shoebox().photos.restore(targets)))) return false;
      useSelection.getState().clear();
      libraryEdited();
      return true;
    },
    async deleteForever(targets) {
      return deleted(await run(shoebox().photos.delete(targets)));
    },
    async emptyTrash() {
      return deleted(await run(shoebox().photos.emptyTrash()));
    },
    async setFavorite(targets, favorite) {
      if (!(await run(shoebox().photos.favorite(targets, favorite)))) return false;
      libraryEdited();
      void useLibrary.getState().reloadDetail();
      return true;
    },
    forgetProblem: () => set({ problem: null }),
    dismissNotice: () => set({ notice: null }),
  };
});
