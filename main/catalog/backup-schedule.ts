/** How often a running library asks whether a backup is due (backUpCatalog makes one a day). */
export const backupCheckMs = 60 * 60_000;

export interface BackupSchedule {
  /** Resolves once the backup under way, if any, has ended. */
  settled(): Promise<void>;
  /** No more backups; resolves once the one under way has ended. */
  stop(): Promise<void>;
}

/**
 * Backs the catalog up while the app runs, not only at start: a library left open for weeks
 * still gets its daily backup (docs/reliability.md, "A damaged catalog"). `backUp` decides
 * whether one is due; calls never overlap, and a failure is reported and the schedule goes on.
 * `firstAfterMs`: ask once that long after now too (the start's backup, after the first screen).
 */
export function keepBackingUp(
  backUp: () => Promise<unknown>,
  onError: (error: unknown) => void,
  everyMs = backupCheckMs,
  firstAfterMs?: number,
): BackupSchedule {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = running.then(backUp).then(() => undefined, onError);
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  const first = firstAfterMs === undefined ? null : setTimeout(run, firstAfterMs);
  first?.unref();
  return {
    settled: () => running,
    stop() {
      clearInterval(timer);
      if (first) clearTimeout(first);
      return running;
    },
  };
}
