import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  logLevels,
  redact,
  redactText,
  type LogFields,
  type LogLevel,
  type Logger,
} from '../model/logger';

export interface JsonLogOptions {
  /** The folder the log lives in (the data folder's `logs/`). */
  readonly dir: string;
  /** Lines below this level are not written; `info` by default. */
  readonly level?: LogLevel;
  /** The file is rotated when a line would take it past this size; 2 MiB by default. */
  readonly maxBytes?: number;
  /** Rotated files kept beside the current one (`shoebox.1.log` newest); 3 by default. */
  readonly keep?: number;
  readonly now?: () => number;
  /** Lines kept in memory for diagnostics; 200 by default. */
  readonly recent?: number;
}

/**
 * The log in the data folder: one JSON object per line (`at`, `level`, `message`, then the
 * fields), every line redacted (model/logger.ts), rotated at a size limit. Written synchronously
 * so the lines before a crash are on disk; a log that cannot be written never stops the app.
 */
export class JsonLog implements Logger {
  readonly file: string;
  private readonly level: number;
  private readonly maxBytes: number;
  private readonly keep: number;
  private readonly now: () => number;
  private readonly recentLimit: number;
  private readonly lines: string[] = [];
  private size: number;

  constructor(private readonly options: JsonLogOptions) {
    this.file = join(options.dir, 'shoebox.log');
    this.level = logLevels.indexOf(options.level ?? 'info');
    this.maxBytes = options.maxBytes ?? 2 * 1024 * 1024;
    this.keep = options.keep ?? 3;
    this.now = options.now ?? Date.now;
    this.recentLimit = options.recent ?? 200;
    try {
      mkdirSync(options.dir, { recursive: true });
      this.size = statSync(this.file).size;
    } catch {
      this.size = 0;
    }
  }

  debug(message: string, fields?: LogFields): void {
    this.write('debug', message, fields);
  }
  info(message: string, fields?: LogFields): void {
    this.write('info', message, fields);
  }
  warn(message: string, fields?: LogFields): void {
    this.write('warn', message, fields);
  }
  error(message: string, fields?: LogFields): void {
    this.write('error', message, fields);
  }

  /** The last lines written (already redacted), oldest first, for "Copy diagnostics". */
  recent(): readonly string[] {
    return [...this.lines];
  }

  private write(level: LogLevel, message: string, fields: LogFields = {}): void {
    if (logLevels.indexOf(level) < this.level) return;
    const line = `${JSON.stringify({
      at: new Date(this.now()).toISOString(),
      level,
      message: redactText(message),
      ...(redact(fields) as Record<string, unknown>),
    })}\n`;
    this.lines.push(line.trimEnd());
    if (this.lines.length > this.recentLimit) this.lines.shift();
    const bytes = Buffer.byteLength(line);
    try {
      if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
      appendFileSync(this.file, line);
      this.size += bytes;
    } catch {
      // A full disk or a removed folder must not take the app down with its log.
    }
  }

  /** shoebox.log → shoebox.1.log → … → shoebox.<keep>.log, the oldest dropped. */
  private rotate(): void {
    const rotated = (n: number) => join(this.options.dir, `shoebox.${n}.log`);
    rmSync(rotated(this.keep), { force: true });
    for (let n = this.keep - 1; n >= 1; n -= 1) {
      try {
        renameSync(rotated(n), rotated(n + 1));
      } catch {
        // Not there yet.
      }
    }
    renameSync(this.file, rotated(1));
    this.size = 0;
  }
}
