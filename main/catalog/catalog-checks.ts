import { spawn } from 'node:child_process';
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
 * The checks' code, shared by the worker thread and the check process below, which each add how
 * they are asked and answer (so neither needs a build entry of its own: the worker runs it with
 * `new Worker(source, { eval: true })`, the process with `node -e`, as the HEIF worker does).
 * `kind` 'start': SQLite's quick check and FTS5's integrity check; 'full': SQLite's
 * integrity_check, which also compares every index with its table. The pragmas read through a
 * read-only connection; FTS5's check is an INSERT command that writes nothing, which SQLite runs
 * only on a connection that could write.
 */
const checksSource = String.raw`
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

function check(file, kind) {
  try {
    return kind === 'full'
      ? { lines: pragmaLines(file, 'integrity_check') }
      : { lines: pragmaLines(file, 'quick_check'), searchDamaged: searchDamaged(file) };
  } catch (error) {
    return { error: String((error && error.message) || error) };
  }
}
`;

const workerSource = `${checksSource}
const { parentPort, workerData } = require('node:worker_threads');
parentPort.postMessage(check(workerData.file, workerData.kind));
`;

/**
 * The check process's program (CommonJS): checks the file and kind given as its last two
 * arguments and writes its answer to stdout as JSON. Hosts run it with `node -e`
 * (startNodeCheckProcess) or, in the desktop app, in Electron's utility process.
 */
export const checkProcessProgram = `${checksSource}
const [file, kind] = process.argv.slice(-2);
process.stdout.write(JSON.stringify(check(file, kind)), () => process.exit(0));
`;

interface WorkerAnswer {
  readonly lines?: string[];
  readonly searchDamaged?: boolean;
  readonly error?: string;
}

const stopped = () => new CatalogCheckError('stopped', 'The catalog check was stopped.');

/**
 * Runs the start-up checks of `file` on a worker thread, over connections of their own. A thread
 * costs less to start than a process, which matters beside the first screen; it cannot be
 * stopped inside SQLite's call, which at start takes a second or two at 100,000 photos.
 */
function runOnWorker(file: string) {
  return new Promise<WorkerAnswer>((resolve, reject) => {
    const worker = new Worker(workerSource, {
      eval: true,
      workerData: { file, kind: 'start' },
      // node:sqlite's "experimental" warning was printed once by main already, not again per check.
      execArgv: ['--disable-warning=ExperimentalWarning'],
    });
    worker.once('message', resolve);
    worker.once('error', (error) =>
      reject(new CatalogCheckError('check-failed', messageOf(error), { cause: error })),
    );
    worker.once('exit', (code) =>
      reject(new CatalogCheckError('check-failed', `The catalog check ended (${code}).`)),
    );
  });
}

/** A process running `checkProcessProgram` over the arguments a `StartCheckProcess` was given. */
export interface CheckProcess {
  readonly pid: number | undefined;
  /** What the program writes: its answer. */
  readonly stdout: NodeJS.ReadableStream | null;
  /** Ends the process at once. */
  kill(): void;
  /** Calls `ended` once, when the process has ended and its output has been read (or it failed to start). */
  onEnd(ended: (code: number | null) => void): void;
}

/** Starts `checkProcessProgram` with `args` in a process of its own (each host has its way). */
export type StartCheckProcess = (args: readonly string[]) => CheckProcess;

/** `checkProcessProgram` in a plain Node child process (`node -e`): the browser host, tests. */
export const startNodeCheckProcess: StartCheckProcess = (args) => {
  const child = spawn(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', '-e', checkProcessProgram, '--', ...args],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  return {
    pid: child.pid,
    stdout: child.stdout,
    kill: () => child.kill('SIGKILL'),
    onEnd(ended) {
      let told = false;
      const tell = (code: number | null) => {
        if (told) return;
        told = true;
        ended(code);
      };
      child.once('close', tell);
      child.once('error', () => tell(null));
    },
  };
};

/**
 * Runs the full check of `file` in a process of its own: unlike a thread, one that can be ended
 * inside SQLite's call, so an abort (quitting) ends it at once, whatever the catalog's size.
 */
function runInProcess(file: string, start: StartCheckProcess, signal?: AbortSignal) {
  return new Promise<WorkerAnswer>((resolve, reject) => {
    if (signal?.aborted) {
      reject(stopped());
      return;
    }
    const child = start([file, 'full']);
    const output: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk));
    const stop = () => {
      child.kill();
      reject(stopped());
    };
    signal?.addEventListener('abort', stop, { once: true });
    child.onEnd((code) => {
      signal?.removeEventListener('abort', stop);
      try {
        resolve(JSON.parse(Buffer.concat(output).toString('utf8')) as WorkerAnswer);
      } catch {
        reject(new CatalogCheckError('check-failed', `The catalog check ended (${code}).`));
      }
    });
  });
}

/**
 * SQLite's quick check and the search index's check of `file`, on a worker thread while the main
 * thread serves the library. Rejects when the checks could not run at all (the caller then runs
 * them itself).
 */
export async function checkCatalogAlongside(file: string): Promise<CheckFindings> {
  const answer = await runOnWorker(file);
  if (!answer.lines) throw new CatalogCheckError('check-failed', answer.error ?? 'no answer');
  return {
    problems: answer.lines.filter((line) => line !== 'ok'),
    searchDamaged: answer.searchDamaged ?? false,
  };
}

/**
 * SQLite's full `integrity_check` of the catalog in a process of its own (`start`; plain Node's
 * by default): it reads every page and checks every index against its table (what the start-up
 * quick check skips), which takes 6 to 9 s on a 100,000-photo catalog, so main's event loop must
 * not wait on it, and quitting must not either: `signal` ends the process at once. Answers null
 * when the catalog is sound, else what SQLite found, in words.
 */
export async function checkCatalogIntegrity(
  file: string,
  signal?: AbortSignal,
  start: StartCheckProcess = startNodeCheckProcess,
): Promise<string | null> {
  const answer = await runInProcess(file, start, signal);
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
