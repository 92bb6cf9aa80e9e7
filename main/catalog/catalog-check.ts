import { Worker } from 'node:worker_threads';

/** What SQLite's checks of a catalog file found (docs/reliability.md, "A damaged catalog"). */
export interface CheckFindings {
  /** `PRAGMA quick_check`'s lines other than "ok". */
  readonly problems: readonly string[];
  /** Whether the full-text index failed FTS5's own integrity check. */
  readonly searchDamaged: boolean;
}

/**
 * The checks' code, run with `new Worker(source, { eval: true })` so that it needs no separate
 * build entry and runs the same from sources (tests) and from the bundle (as the HEIF worker).
 * The quick check reads through a read-only connection; FTS5's integrity check is an INSERT
 * command that writes nothing, which SQLite runs only on a connection that could write.
 */
const checkWorkerSource = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { DatabaseSync } = require('node:sqlite');

function quickCheck(file) {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    return db.prepare('PRAGMA quick_check').all().map((row) => row.quick_check).filter((line) => line !== 'ok');
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
  const problems = quickCheck(workerData.file);
  parentPort.postMessage({ problems, searchDamaged: searchDamaged(workerData.file) });
} catch (error) {
  parentPort.postMessage({ error: String(error && error.message ? error.message : error) });
}
`;

/**
 * Runs SQLite's quick check and the search index's check of `file` on a worker thread, over
 * connections of its own, while the main thread serves the library. Rejects when the checks could
 * not run at all (the caller then runs them itself).
 */
export function checkCatalogAlongside(file: string): Promise<CheckFindings> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(checkWorkerSource, { eval: true, workerData: { file } });
    worker.once('message', (answer: CheckFindings | { error: string }) => {
      if ('error' in answer) reject(new Error(answer.error));
      else resolve(answer);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The catalog check ended (${code}).`)));
  });
}
