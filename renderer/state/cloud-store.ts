import type { CloudStatus } from '../../contract/cloud';
import type { Result } from '../../contract/result';
import { shoebox } from '../bridge/shoebox';
import { selectSignedIn, useAuth } from './auth-store';
import { shouldSyncOnFocus } from './cloud-view';
import { createStore } from './create-store';
import { useLibrary } from './library-store';
import { problemText } from './problem-words';

export type UploadControl = 'pause' | 'resume' | 'cancel';

interface CloudStoreState {
  /** The upload queue and sync; null until main first answers. */
  readonly status: CloudStatus | null;
  /** The person closed the summary of finished uploads; it returns when uploads start again. */
  readonly dismissed: boolean;
  /** Why the last control or sync request failed. */
  readonly problem: string | null;
  /** When a focus-triggered sync was last asked for (epoch ms). */
  readonly lastFocusSyncAt: number | null;
  load(): Promise<void>;
  changed(status: CloudStatus): void;
  /** Pauses, resumes (also retries failed) or cancels one photo's upload, or all of them. */
  control(action: UploadControl, id?: number): Promise<void>;
  sync(): Promise<void>;
  /** The window came back to the front: sync, if signed in and not asked too recently. */
  focusGained(now: number): void;
  dismiss(): void;
}

export const useCloud = createStore<CloudStoreState>((set, get) => {
  function answered(result: Result<CloudStatus>): void {
    if (!result.ok) {
      set({ problem: problemText(result.error) });
      return;
    }
    set({ problem: null });
    get().changed(result.value);
  }

  return {
    status: null,
    dismissed: false,
    problem: null,
    lastFocusSyncAt: null,
    async load() {
      answered(await shoebox().cloud.status());
    },
    changed(status) {
      set((state) => ({
        status,
        dismissed: status.state === 'running' ? false : state.dismissed,
      }));
    },
    async control(action, id) {
      answered(await shoebox().cloud[action](id));
      // The open photo's own state (and error) moved on with it.
      if (id !== undefined) await useLibrary.getState().reloadDetail();
    },
    async sync() {
      const result = await shoebox().cloud.sync();
      set({ problem: result.ok ? null : problemText(result.error) });
    },
    focusGained(now) {
      const signedIn = selectSignedIn(useAuth.getState());
      if (!shouldSyncOnFocus(signedIn, get().lastFocusSyncAt, now)) return;
      set({ lastFocusSyncAt: now });
      void get().sync();
    },
    dismiss() {
      set({ dismissed: true });
    },
  };
});
