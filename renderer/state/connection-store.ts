import { createStore } from './create-store';

interface ConnectionState {
  readonly connected: boolean;
  lost(): void;
}

/** Whether the renderer can still reach main (only the browser host can lose it). */
export const useConnection = createStore<ConnectionState>((set) => ({
  connected: true,
  lost: () => set({ connected: false }),
}));
