import type { ExportProgress } from '../../contract/export';
import type { PhotoTargets } from '../../contract/photos';
import { shoebox } from '../bridge/shoebox';
import { createStore } from './create-store';
import { problemText } from './problem-words';

interface ExportStoreState {
  /** Each export's latest progress, by job id; newest last in `order`. */
  readonly jobs: Readonly<Record<string, ExportProgress>>;
  readonly order: readonly string[];
  /** Why an export could not start. */
  readonly startError: string | null;
  /** Starts exporting the targets' originals (the desktop asks for a folder first). */
  start(targets: PhotoTargets, count: number): Promise<void>;
  progress(update: ExportProgress): void;
  cancel(jobId: string): void;
  reveal(jobId: string): void;
  dismiss(jobId: string): void;
}

/** Exports of originals and their progress, for the activity area. */
export const useExports = createStore<ExportStoreState>((set, get) => ({
  jobs: {},
  order: [],
  startError: null,
  async start(targets, count) {
    set({ startError: null });
    const result = await shoebox().exports.start(targets);
    if (!result.ok) {
      set({ startError: problemText(result.error) });
      return;
    }
    const started = result.value;
    if (!started || get().jobs[started.jobId]) return;
    // Shown at once; the host's first progress event replaces it.
    get().progress({
      jobId: started.jobId,
      kind: started.kind,
      state: 'running',
      total: started.total || count,
      done: 0,
      exported: 0,
      bytes: 0,
      failures: [],
      folder: null,
    });
  },
  progress(update) {
    set((state) => ({
      jobs: { ...state.jobs, [update.jobId]: update },
      order: state.order.includes(update.jobId) ? state.order : [...state.order, update.jobId],
    }));
  },
  cancel(jobId) {
    void shoebox().exports.cancel(jobId);
  },
  reveal(jobId) {
    void shoebox().exports.reveal(jobId);
  },
  dismiss(jobId) {
    set((state) => {
      const order = state.order.filter((id) => id !== jobId);
      const jobs = Object.fromEntries(
        order.flatMap((id) => {
          const job = state.jobs[id];
          return job ? [[id, job] as const] : [];
        }),
      );
      return { jobs, order };
    });
  },
}));
