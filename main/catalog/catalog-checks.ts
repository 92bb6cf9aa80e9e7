import { Worker } from 'node:worker_threads';
import { messageOf } from '../../contract/result';
import { CodedError } from '../model/coded-error';

/** SQLite's checks could not run at all (not damage: the check itself failed or was stopped). */
export class CatalogCheckError extends CodedError<'check-failed' | 'stopped'> {}

/** What the start-up checks of a catalog file found (docs/reliability.md, "A damaged catalog"). */
export interface CheckFindings {
  /** `PRAGMA quick_check`'s lines other than "ok". */
  readonly problems: readonly string[];
  /** Whether the full-text index failed FTS5's own integrity check. */
  readonly searchDamaged: boolean;
}

/**
 * The checks' code, run with `new Worker(source, { eval: true })` so that it needs no build entry
 * of its own and runs the same from sources (tests) and from the bundle (as the HEIF worker).
 * `kind` 'start': SQLite's quick check and FTS5's integrity check; 'full': SQLite's
 * integrity_check, which also compares every index with its table. The pragmas read through a
 * read-only connection; FTS5's check is an INSERT command that writes nothing, which SQLite runs
 * only on a connection that could write.
 */
const checksWorkerSource = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { DatabaseSync } = require('node:sqlite');

function pragmaLines(file, pragma) {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    return db.prepare('PRAGMA ' + pragma).all().map((row) => String(Object.values(row)[0]));
  } finally {
    db.close();
  }
}

function searchDamaged(file) {
  const db = new DatabaseSync(file);
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    db.exec("INSERT INTO photos_fts (photos_fts, rank) VALUES ('integrity-check', 1)");
    return false;
  } catch {
    return true;
  } finally {
    db.close();
  }
}

try {
  const { file, kind } = workerData;
  parentPort.postMessage(
    kind === 'full'
      ? { lines: pragmaLines(file, 'integrity_check') }
      : { lines: pragmaLines(file, 'quick_check'), searchDamaged: searchDamaged(file) },
  );
} catch (error) {
  parentPort.postMessage({ error: String((error && error.message) || error) });
}
`;

interface WorkerAnswer {
  readonly lines?: string[];
  readonly searchDamaged?: boolean;
  readonly error?: string;
}

const stopped = () => new CatalogCheckError('stopped', 'The catalog check was stopped.');

/**
 * Runs one kind of check of `file` on a worker thread, over connections of its own. An abort ends
 * the wait at once; the thread itself ends only when SQLite's call returns.
 */
function runChecks(file: string, kind: 'start' | 'full', signal?: AbortSignal) {
  return new Promise<WorkerAnswer>((resolve, reject) => {
    if (signal?.aborted) {
      reject(stopped());
      return;
    }
    const worker = new Worker(checksWorkerSource, {
      eval: true,
      workerData: { file, kind },
      // node:sqlite's "experimental" warning was printed once by main already, not again per check.
      execArgv: ['--disable-warning=ExperimentalWarning'],
    });
    const stop = () => {
      worker.unref();
      void worker.terminate();
      reject(stopped());
    };
    signal?.addEventListener('abort', stop, { once: true });
    const settle = () => signal?.removeEventListener('abort', stop);
    worker.once('message', (answer: WorkerAnswer) => {
      settle();
      resolve(answer);
    });
    worker.once('error', (error) => {
      settle();
      reject(new CatalogCheckError('check-failed', messageOf(error), { cause: error }));
    });
    worker.once('exit', (code) => {
      settle();
      reject(new CatalogCheckError('check-failed', `The catalog check ended (${code}).`));
    });
  });
}

/**
 * SQLite's quick check and the search index's check of `file`, on a worker thread while the main
 * thread serves the library. Rejects when the checks could not run at all (the caller then runs
 * them itself).
 */
export async function checkCatalogAlongside(file: string): Promise<CheckFindings> {
  const answer = await runChecks(file, 'start');
  if (!answer.lines) throw new CatalogCheckError('check-failed', answer.error ?? 'no answer');
  return {
    problems: answer.lines.filter((line) => line !== 'ok'),
    searchDamaged: answer.searchDamaged ?? false,
  };
}

/**
 * SQLite's full `integrity_check` of the catalog on a worker thread: it reads every page and
 * checks every index against its table (what the start-up quick check skips), which takes 6 to
 * 9 s on a 100,000-photo catalog, so main's event loop must not wait on it. Answers null when the
 * catalog is sound, else what SQLite found, in words.
 */
export async function checkCatalogIntegrity(
  file: string,
  signal?: AbortSignal,
): Promise<string | null> {
  const answer = await runChecks(file, 'full', signal);
  if (answer.lines) return damageIn(answer.lines);
  if (isDamage(answer.error)) return describeOpenError(answer.error);
  // Busy, locked or out of memory says nothing about the file: the check did not run.
  throw new CatalogCheckError('check-failed', `SQLite's full check could not run: ${answer.error}`);
}

/** What a check's lines say is wrong, or null when they say the catalog is sound. */
export function damageIn(lines: readonly string[]): string | null {
  const problems = lines.filter((line) => line !== 'ok');
  // The check covers the full-text index too; that alone is rebuilt at start, not recovered from.
  if (problems.every((line) => /fts5|photos_fts/.test(line))) return null;
  return `SQLite's check found: ${problems.join('; ').slice(0, 200)}`;
}

/** Words for an error met opening or reading the catalog. */
export function describeOpenError(error: unknown): string {
  const message = messageOf(error);
  if (/not a database/i.test(message)) return 'the file is not a database';
  if (/malformed|corrupt/i.test(message)) return 'the file is corrupt';
  return message;
}

function isDamage(message: string | undefined): message is string {
  return message !== undefined && /not a database|malformed|corrupt/i.test(message);
}
