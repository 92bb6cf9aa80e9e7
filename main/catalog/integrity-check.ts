import { Worker } from 'node:worker_threads';
import { messageOf } from '../../contract/result';
import { CodedError } from '../model/coded-error';

/** SQLite's full check could not run at all (not damage: the check itself failed or stopped). */
export class IntegrityCheckError extends CodedError<'check-failed' | 'stopped'> {}

/**
 * The worker's code, run with `new Worker(source, { eval: true })` like the HEIF decoder's, so it
 * needs no build entry of its own. It opens the catalog read-only on a connection of its own and
 * answers `{ lines }` (what `PRAGMA integrity_check` said) or `{ error }`.
 */
const integrityWorkerSource = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { DatabaseSync } = require('node:sqlite');
let db = null;
try {
  db = new DatabaseSync(workerData.file, { readOnly: true });
  db.exec('PRAGMA busy_timeout = 5000');
  const rows = db.prepare('PRAGMA integrity_check').all();
  parentPort.postMessage({ lines: rows.map((row) => String(row.integrity_check)) });
} catch (error) {
  parentPort.postMessage({ error: String((error && error.message) || error) });
} finally {
  if (db) db.close();
}
`;

/**
 * Runs SQLite's full `integrity_check` on the catalog in a worker thread: it reads every page and
 * checks every index against its table (what the start-up `quick_check` skips), which takes
 * 6 to 9 s on a 100,000-photo catalog, so main's event loop must not wait on it. Answers null
 * when the catalog is sound, else what SQLite found, in words. An abort ends the wait at once
 * (IntegrityCheckError 'stopped'); the thread itself ends when SQLite's call returns.
 */
export function checkCatalogIntegrity(file: string, signal?: AbortSignal): Promise<string | null> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new IntegrityCheckError('stopped', 'The catalog check was stopped.'));
      return;
    }
    const worker = new Worker(integrityWorkerSource, {
      eval: true,
      workerData: { file },
      // node:sqlite's "experimental" warning was printed once by main already, not again per check.
      execArgv: ['--disable-warning=ExperimentalWarning'],
    });
    const stop = () => {
      worker.unref();
      void worker.terminate();
      reject(new IntegrityCheckError('stopped', 'The catalog check was stopped.'));
    };
    signal?.addEventListener('abort', stop, { once: true });
    const settle = () => signal?.removeEventListener('abort', stop);
    worker.once('message', (answer: { lines?: string[]; error?: string }) => {
      settle();
      if (answer.lines) resolve(damageIn(answer.lines));
      else if (isDamage(answer.error)) resolve(describeOpenError(answer.error));
      // Busy, locked or out of memory says nothing about the file: the check did not run.
      else
        reject(
          new IntegrityCheckError(
            'check-failed',
            `SQLite's full check could not run: ${answer.error}`,
          ),
        );
    });
    worker.once('error', (error) => {
      settle();
      reject(new IntegrityCheckError('check-failed', messageOf(error), { cause: error }));
    });
  });
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
