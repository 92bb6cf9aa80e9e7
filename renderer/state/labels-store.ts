import type { LabelCount, LabelFailure, LabelProgress } from '../../contract/labels';
import { shoebox } from '../bridge/shoebox';
import { createStore, onStoreReset } from './create-store';
import { latestOnly, throttle } from './timing';
import { problemText } from './problem-words';

/** An import of thousands of photos changes the library many times a second; the sidebar need not. */
export const labelsRefreshMs = 2000;

interface LabelsState {
  /** Labels at or above the minimum confidence with their counts; null until first loaded. */
  readonly labels: readonly LabelCount[] | null;
  /** The "couldn't label" list. */
  readonly failures: readonly LabelFailure[];
  /** Labelled, waiting and failed photos; null until first loaded. */
  readonly progress: LabelProgress | null;
  /** Why the list or a retry did not work. */
  readonly problem: string | null;
  /** Loads the labels and the failures now. */
  load(): Promise<void>;
  /** The library changed: reload soon, at most once every `labelsRefreshMs`. */
  libraryChanged(): void;
  /** Puts one photo (or, without an id, every failed one) back in the label queue. */
  retry(id?: number): Promise<void>;
}

export const useLabels = createStore<LabelsState>((set, get) => {
  const turns = latestOnly();
  const reloadSoon = throttle(() => void get().load(), labelsRefreshMs);
  onStoreReset(() => reloadSoon.cancel());

  return {
    labels: null,
    failures: [],
    progress: null,
    problem: null,
    async load() {
      const turn = turns.next();
      const bridge = shoebox();
      const [labels, failures] = await Promise.all([
        bridge.labels.list(),
        bridge.labels.failures(),
      ]);
      if (!turns.isLatest(turn)) return;
      const problem = !labels.ok ? labels.error : !failures.ok ? failures.error : null;
      set({
        ...(labels.ok ? { labels: labels.value.labels, progress: labels.value.progress } : {}),
        ...(failures.ok ? { failures: failures.value.items } : {}),
        problem: problem ? problemText(problem) : null,
      });
    },
    libraryChanged: () => reloadSoon(),
    async retry(id) {
      const result = await shoebox().labels.retry(id);
      if (!result.ok) {
        set({ problem: problemText(result.error) });
        return;
      }
      await get().load();
    },
  };
});
