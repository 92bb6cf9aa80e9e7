import type { AppSettings } from '../../contract/settings';
import { shoebox } from '../bridge/shoebox';
import { createStore, onStoreReset } from './create-store';
import { useLabels } from './labels-store';
import { useLibrary } from './library-store';
import { latestOnly } from './timing';
import { problemText } from './problem-words';

interface SettingsState {
  /** What the panel shows: main's answer, or a change on its way there. Null until loaded. */
  readonly settings: AppSettings | null;
  /** Why the last change was refused, in main's words. */
  readonly problem: string | null;
  /**
   * "Copy diagnostics": what was copied, or why it could not be; `text` when the clipboard
   * refused it, so the person can copy it by hand.
   */
  readonly diagnostics: {
    readonly state: 'copied' | 'failed';
    readonly message: string;
    readonly text?: string;
  } | null;
  load(): Promise<AppSettings | null>;
  change(patch: Partial<AppSettings>): Promise<void>;
  /** Asks main for the diagnostics text and puts it on the clipboard. */
  copyDiagnostics(): Promise<void>;
}

export const useSettings = createStore<SettingsState>((set, get) => {
  const turns = latestOnly();
  // The last settings main confirmed: what the panel goes back to when a change is refused.
  let confirmed: AppSettings | null = null;
  onStoreReset(() => (confirmed = null));

  return {
    settings: null,
    problem: null,
    diagnostics: null,
    async copyDiagnostics() {
      const result = await shoebox().app.diagnostics();
      if (!result.ok) {
        set({ diagnostics: { state: 'failed', message: problemText(result.error) } });
        return;
      }
      try {
        await navigator.clipboard.writeText(result.value.text);
        set({ diagnostics: { state: 'copied', message: 'Diagnostics copied to the clipboard.' } });
      } catch {
        set({
          diagnostics: {
            state: 'failed',
            message: 'The clipboard refused the text: select it below and copy it.',
            text: result.value.text,
          },
        });
      }
    },
    async load() {
      const result = await shoebox().settings.get();
      if (!result.ok) {
        set({ problem: problemText(result.error) });
        return null;
      }
      confirmed = result.value;
      set({ settings: result.value, problem: null });
      return result.value;
    },
    async change(patch) {
      const turn = turns.next();
      const shown = get().settings;
      // Shown at once, so a slider follows the hand while main stores the value.
      if (shown) set({ settings: { ...shown, ...patch } });
      const result = await shoebox().settings.set(patch);
      // A slider sends many changes; only the newest answer decides what is shown.
      if (!turns.isLatest(turn)) return;
      if (!result.ok) {
        set({ settings: confirmed, problem: problemText(result.error) });
        return;
      }
      confirmed = result.value;
      set({ settings: result.value, problem: null });
      if ('minConfidence' in patch) {
        // The confidence decides which labels count: the grid (search, label filter, chips)
        // and the sidebar are asked again now rather than on main's next change event.
        useLibrary.getState().libraryChanged();
        void useLabels.getState().load();
      }
    },
  };
});
