import { createStore, onStoreReset } from './create-store';

/** How long the Undo toast stays up by itself. */
export const undoToastMs = 10_000;

export interface UndoToast {
  readonly message: string;
  /** Bumped per toast, so a new one restarts the timer. */
  readonly serial: number;
}

interface UndoState {
  readonly toast: UndoToast | null;
  readonly problem: string | null;
  /** Offers to take back what was just done; replaces any earlier offer. */
  offer(message: string, undo: () => Promise<string | null>): void;
  /** Takes it back; the undo answers a problem, or null when it worked. */
  undo(): Promise<void>;
  dismiss(): void;
}

let pending: (() => Promise<string | null>) | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;
const stopTimer = () => {
  if (timer) clearTimeout(timer);
  timer = null;
};
onStoreReset(() => {
  stopTimer();
  pending = null;
});

/** The Undo toast after a move to the Trash, a label's removal or an album change. */
export const useUndo = createStore<UndoState>((set, get) => ({
  toast: null,
  problem: null,
  offer(message, undo) {
    stopTimer();
    pending = undo;
    const serial = (get().toast?.serial ?? 0) + 1;
    set({ toast: { message, serial }, problem: null });
    timer = setTimeout(() => get().dismiss(), undoToastMs);
  },
  async undo() {
    const undo = pending;
    stopTimer();
    pending = null;
    set({ toast: null });
    if (!undo) return;
    const problem = await undo();
    if (problem) set({ problem: `Could not undo: ${problem}` });
  },
  dismiss() {
    stopTimer();
    pending = null;
    set({ toast: null, problem: null });
  },
}));
