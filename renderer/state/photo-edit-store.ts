import type { PhotoDetail } from '../../contract/photos';
import type { Result } from '../../contract/result';
import { shoebox } from '../bridge/shoebox';
import { createStore } from './create-store';
import { useLabels } from './labels-store';
import { useLibrary } from './library-store';
import { useUndo } from './undo-store';
import { problemText } from './problem-words';

export interface DescriptionSave {
  readonly id: number;
  readonly state: 'saving' | 'saved' | 'failed';
  /** Why it failed. */
  readonly message: string | null;
}

interface PhotoEditState {
  readonly description: DescriptionSave | null;
  /** Why a label of photo `id` could not be added, removed or retried. */
  readonly labelProblem: { readonly id: number; readonly message: string } | null;
  saveDescription(id: number, description: string): Promise<void>;
  addLabel(id: number, name: string): Promise<boolean>;
  removeLabel(id: number, name: string): Promise<void>;
  retryLabelling(id: number): Promise<void>;
}

/** Edits made in the detail view: each answers the photo anew, which the view then shows. */
export const usePhotoEdits = createStore<PhotoEditState>((set, get) => {
  function answered(id: number, result: Result<PhotoDetail>): boolean {
    if (!result.ok) {
      set({ labelProblem: { id, message: problemText(result.error) } });
      return false;
    }
    set({ labelProblem: null });
    useLibrary.getState().detailChanged(result.value);
    return true;
  }

  return {
    description: null,
    labelProblem: null,
    async saveDescription(id, description) {
      set({ description: { id, state: 'saving', message: null } });
      const result = await shoebox().photos.setDescription(id, description);
      // A later save (or another photo's) owns the indicator now.
      if (get().description?.id !== id) return;
      if (result.ok) useLibrary.getState().detailChanged(result.value);
      set({
        description: result.ok
          ? { id, state: 'saved', message: null }
          : { id, state: 'failed', message: problemText(result.error) },
      });
    },
    async addLabel(id, name) {
      return answered(id, await shoebox().labels.add(id, name));
    },
    async removeLabel(id, name) {
      if (!answered(id, await shoebox().labels.remove(id, name))) return;
      useUndo
        .getState()
        .offer(`Removed the label “${name}”.`, async () =>
          (await get().addLabel(id, name)) ? null : (get().labelProblem?.message ?? null),
        );
    },
    async retryLabelling(id) {
      const result = await shoebox().labels.retry(id);
      if (!result.ok) {
        set({ labelProblem: { id, message: problemText(result.error) } });
        return;
      }
      set({ labelProblem: null });
      await Promise.all([useLibrary.getState().reloadDetail(), useLabels.getState().load()]);
    },
  };
});
