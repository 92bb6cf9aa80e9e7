import type { ImportStarted } from '../../contract/channels';
import type { ImportProgress } from '../../contract/import';
import { fail, type Result, messageOf } from '../../contract/result';
import type { DroppedItem } from '../bridge/renderer-bridge';
import { shoebox } from '../bridge/shoebox';
import { createStore } from './create-store';
import { addRejected, applyImportProgress, type ImportJobView } from './import-jobs';
import { problemText } from './problem-words';

interface ImportStoreState {
  readonly jobs: Readonly<Record<string, ImportJobView>>;
  /** Job ids in the order they started; dismissed ones are removed. */
  readonly order: readonly string[];
  /** Files are being handed to the host (the browser host sends their bytes first). */
  readonly preparing: boolean;
  readonly startError: string | null;
  progress(progress: ImportProgress): void;
  importDropped(items: readonly DroppedItem[]): Promise<void>;
  pick(kind: 'files' | 'folder'): Promise<void>;
  cancel(jobId: string): void;
  dismiss(jobId: string): void;
}

export const useImports = createStore<ImportStoreState>((set) => {
  async function begin(start: () => Promise<Result<ImportStarted | null>>): Promise<void> {
    set({ preparing: true, startError: null });
    let result: Result<ImportStarted | null>;
    try {
      result = await start();
    } catch (error) {
      result = fail('internal', `The files could not be read: ${messageOf(error)}`);
    } finally {
      set({ preparing: false });
    }
    if (!result.ok) {
      set({ startError: problemText(result.error) });
      return;
    }
    const started = result.value;
    if (!started) return;
    set((state) => ({
      order: state.order.includes(started.jobId) ? state.order : [...state.order, started.jobId],
      jobs: addRejected(state.jobs, started.jobId, started.rejected),
    }));
  }

  return {
    jobs: {},
    order: [],
    preparing: false,
    startError: null,
    progress(progress) {
      set((state) => ({
        jobs: applyImportProgress(state.jobs, progress),
        order: state.order.includes(progress.jobId)
          ? state.order
          : [...state.order, progress.jobId],
      }));
    },
    importDropped: (items) => begin(() => shoebox().importer.importDropped(items)),
    pick: (kind) => begin(() => shoebox().importer.pick(kind)),
    cancel(jobId) {
      void shoebox().importer.cancel(jobId);
    },
    dismiss(jobId) {
      set((state) => ({
        jobs: Object.fromEntries(Object.entries(state.jobs).filter(([id]) => id !== jobId)),
        order: state.order.filter((id) => id !== jobId),
      }));
    },
  };
});
