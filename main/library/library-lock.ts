import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { explainFolderError } from './library-folder';
import { randomUUID } from 'node:crypto';
import { CodedError } from '../model/coded-error';

/**
 * One library, one process (docs/reliability.md). The data folder holds `library.lock`, made
 * with O_EXCL and naming its holder; a second process reads it and refuses to start before it
 * touches anything. A lock whose process is gone (kill -9, power cut) is taken over.
 *
 * Written here rather than taken from npm: proper-lockfile (the usual choice) has not been
 * released since 2021, records no holder to name, and judges staleness by an mtime it must
 * refresh on a timer, which a long synchronous SQLite call can starve; a pid file checked for
 * liveness needs neither a timer nor a dependency.
 */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly startedAt: string;
  /** The holder's process start time (Linux /proc), so a recycled pid is not mistaken for it. */
  readonly processStart: string | null;
  readonly nonce: string;
}

export class LibraryLockedError extends CodedError<'library-locked'> {
  constructor(
    readonly folder: string,
    readonly holder: LockHolder,
  ) {
    const where = holder.host === hostname() ? '' : ` on ${holder.host}`;
    super(
      'library-locked',
      `This library (${folder}) is open in another Shoebox (process ${holder.pid}${where}, since ${holder.startedAt}). Close that one first; nothing was changed.`,
    );
  }
}

export interface LibraryLock {
  readonly file: string;
  /** Lets the folder go; safe to call twice. */
  release(): void;
}

export const lockFileName = 'library.lock';

/** Takes the library's lock or throws LibraryLockedError naming the process that holds it. */
export function lockLibrary(folder: string): LibraryLock {
  const file = join(folder, lockFileName);
  const mine: LockHolder = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    processStart: processStartOf(process.pid),
    nonce: randomUUID(),
  };
  // Two tries: the second after a stale lock was removed. Losing that race to another process
  // that also saw it stale ends in EEXIST again, and then that process is the live holder.
  for (let attempt = 0; attempt < 2; attempt++) {
    if (tryCreate(file, mine)) return heldLock(file, mine);
    const holder = readHolder(file);
    if (holder ? isAlive(holder) : isFresh(file))
      throw new LibraryLockedError(folder, holder ?? unknownHolder());
    removeIfUnchanged(file, holder);
  }
  const holder = readHolder(file);
  throw new LibraryLockedError(folder, holder ?? unknownHolder());
}

function tryCreate(file: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    // The first write into the folder: a read-only one fails here, before the catalog would.
    throw explainFolderError(dirname(file), error) ?? error;
  }
  try {
    writeSync(fd, JSON.stringify(holder));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

function heldLock(file: string, mine: LockHolder): LibraryLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    // Only our own lock: never remove one a later process took over.
    if (readHolder(file)?.nonce === mine.nonce) unlinkQuietly(file);
  };
  // A process that exits without closing (an uncaught error, process.exit) still lets go.
  process.on('exit', release);
  return { file, release };
}

function readHolder(file: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number' || typeof parsed.nonce !== 'string') return null;
    return {
      pid: parsed.pid,
      host: typeof parsed.host === 'string' ? parsed.host : 'unknown',
      startedAt: typeof parsed.startedAt === 'string' ? parsed.startedAt : 'unknown',
      processStart: typeof parsed.processStart === 'string' ? parsed.processStart : null,
      nonce: parsed.nonce,
    };
  } catch {
    // Missing, half-written by a process killed between create and write, or not ours.
    return null;
  }
}

function isAlive(holder: LockHolder): boolean {
  // Another machine's process (a library on a shared drive) cannot be checked from here.
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  const start = processStartOf(holder.pid);
  return holder.processStart === null || start === null || start === holder.processStart;
}

/** An unreadable lock younger than this may be one another process is writing right now. */
const writingGraceMs = 5_000;

function isFresh(file: string): boolean {
  try {
    return Date.now() - statSync(file).mtimeMs < writingGraceMs;
  } catch {
    return false;
  }
}

function removeIfUnchanged(file: string, stale: LockHolder | null): void {
  // Read again just before removing, so a lock another process took meanwhile is left alone.
  const now = readHolder(file);
  if ((now?.nonce ?? null) !== (stale?.nonce ?? null)) return;
  unlinkQuietly(file);
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Field 22 of /proc/<pid>/stat (start time since boot); null where there is no /proc. */
function processStartOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

function unknownHolder(): LockHolder {
  return { pid: 0, host: hostname(), startedAt: 'unknown', processStart: null, nonce: '' };
}
