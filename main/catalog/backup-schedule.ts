/** How often a running library asks whether a backup is due (backUpCatalog makes one a day). */
export const backupCheckMs = 60 * 60_000;
/** The full integrity check runs before each backup, and at least this often besides. */
export const fullCheckEveryMs = 24 * 60 * 60_000;

export interface BackupSchedule {
  /** Runs the schedule's step now (after the one under way, never beside it). */
  runNow(): Promise<void>;
  /** Resolves once the step under way, if any, has ended. */
  settled(): Promise<void>;
  /** No more steps; resolves once the one under way has ended. */
  stop(): Promise<void>;
}

/**
 * Backs the catalog up while the app runs, not only at start: a library left open for weeks
 * still gets its daily backup (docs/reliability.md, "A damaged catalog"). `step` decides
 * whether anything is due (checkThenBackUp); steps never overlap, and a failure is reported and
 * the schedule goes on. `firstAfterMs`: run the step once that long after now too (the start's
 * backup, after the first screen).
 */
export function keepBackingUp(
  step: () => Promise<unknown>,
  onError: (error: unknown) => void,
  everyMs = backupCheckMs,
  firstAfterMs?: number,
): BackupSchedule {
  let running: Promise<void> = Promise.resolve();
  const runNow = () => (running = running.then(step).then(() => undefined, onError));
  const timer = setInterval(() => void runNow(), everyMs);
  timer.unref();
  const first = firstAfterMs === undefined ? null : setTimeout(() => void runNow(), firstAfterMs);
  first?.unref();
  return {
    runNow,
    settled: () => running,
    stop() {
      clearInterval(timer);
      if (first) clearTimeout(first);
      return running;
    },
  };
}

/** What checkThenBackUp needs: the catalog's full check, its backup, and the clock. */
export interface CheckedBackupPorts {
  /** SQLite's full check off the main thread: null when sound, else what it found. */
  check(): Promise<string | null>;
  backupDue(): boolean;
  backUp(): Promise<unknown>;
  /** Told once, with what the check found; nothing is checked or backed up after it. */
  onDamage(what: string): void;
  now(): number;
  /**
   * Run the full check at the first step even when no backup is due: the catalog was restored
   * from a backup, which only the quick check has seen since.
   */
  readonly checkFirst?: boolean;
}

/**
 * The schedule's step: SQLite's full check right before each backup, so a damaged catalog is
 * never backed up (a backup copies pages as they are, and would push the last sound generation
 * out), and at least once a day while nothing is backed up. The start-up quick check does not
 * compare indexes with their tables; this one does.
 */
export function checkThenBackUp(ports: CheckedBackupPorts): () => Promise<void> {
  let checkedAt = ports.checkFirst ? -Infinity : ports.now();
  let damaged = false;
  return async () => {
    if (damaged) return;
    const due = ports.backupDue();
    if (!due && ports.now() - checkedAt < fullCheckEveryMs) return;
    const found = await ports.check();
    checkedAt = ports.now();
    if (found !== null) {
      damaged = true;
      ports.onDamage(found);
      return;
    }
    if (due) await ports.backUp();
  };
}
