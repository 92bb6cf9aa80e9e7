import type { PhotoDetail } from '../../contract/photos';
import type { Result } from '../../contract/result';
import { shoebox } from '../bridge/shoebox';
import { plural } from '../format';
import { createStore } from './create-store';
import { useLabels } from './labels-store';
import { useLibrary } from './library-store';

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
  readonly deleting: boolean;
  readonly deleteProblem: string | null;
  /** What the person should know after the view closed (cloud copies still to delete). */
  readonly notice: string | null;
  saveDescription(id: number, description: string): Promise<void>;
  addLabel(id: number, name: string): Promise<boolean>;
  removeLabel(id: number, name: string): Promise<void>;
  retryLabelling(id: number): Promise<void>;
  /** Deletes the photos here and in the cloud; answers whether it worked. */
  deletePhotos(ids: readonly number[]): Promise<boolean>;
  /** The delete confirmation was cancelled: forget its last failure. */
  cancelDelete(): void;
  dismissNotice(): void;
}

/** Edits made in the detail view: each answers the photo anew, which the view then shows. */
export const usePhotoEdits = createStore<PhotoEditState>((set, get) => {
  function answered(id: number, result: Result<PhotoDetail>): boolean {
    if (!result.ok) {
      set({ labelProblem: { id, message: result.error.message } });
      return false;
    }
    set({ labelProblem: null });
    useLibrary.getState().detailChanged(result.value);
    return true;
  }

  return {
    description: null,
    labelProblem: null,
    deleting: false,
    deleteProblem: null,
    notice: null,
    async saveDescription(id, description) {
      set({ description: { id, state: 'saving', message: null } });
      const result = await shoebox().photos.setDescription(id, description);
      // A later save (or another photo's) owns the indicator now.
      if (get().description?.id !== id) return;
      if (result.ok) useLibrary.getState().detailChanged(result.value);
      set({
        description: result.ok
          ? { id, state: 'saved', message: null }
          : { id, state: 'failed', message: result.error.message },
      });
    },
    async addLabel(id, name) {
      return answered(id, await shoebox().labels.add(id, name));
    },
    async removeLabel(id, name) {
      answered(id, await shoebox().labels.remove(id, name));
    },
    async retryLabelling(id) {
      const result = await shoebox().labels.retry(id);
      if (!result.ok) {
        set({ labelProblem: { id, message: result.error.message } });
        return;
      }
      set({ labelProblem: null });
      await Promise.all([useLibrary.getState().reloadDetail(), useLabels.getState().load()]);
    },
    async deletePhotos(ids) {
      set({ deleting: true, deleteProblem: null });
      const result = await shoebox().photos.delete(ids);
      set({ deleting: false });
      if (!result.ok) {
        set({ deleteProblem: result.error.message });
        return false;
      }
      const { cloudPending } = result.value;
      set({
        notice:
          cloudPending > 0
            ? `${plural(cloudPending, 'photo')} will be deleted from your cloud once it can be reached.`
            : null,
      });
      const library = useLibrary.getState();
      library.close();
      library.libraryChanged();
      useLabels.getState().libraryChanged();
      return true;
    },
    cancelDelete() {
      set({ deleteProblem: null });
    },
    dismissNotice() {
      set({ notice: null });
    },
  };
});
