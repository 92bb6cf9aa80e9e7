import { create, type StateCreator, type StoreApi, type UseBoundStore } from 'zustand';

const resets = new Set<() => void>();

/** The one place that imports zustand: every store is made here so tests can reset them all. */
export function createStore<T extends object>(init: StateCreator<T>): UseBoundStore<StoreApi<T>> {
  const store = create<T>()(init);
  const initial = store.getState();
  resets.add(() => store.setState(initial, true));
  return store;
}

/** Runs `cleanup` on every reset too: stores with timers outside their state cancel them here. */
export function onStoreReset(cleanup: () => void): void {
  resets.add(cleanup);
}

/** Puts every store back to its first state (tests call it between cases). */
export function resetAllStores(): void {
  for (const reset of resets) reset();
}

export { useShallow } from 'zustand/react/shallow';
