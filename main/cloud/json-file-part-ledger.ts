import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { z } from 'zod';
import { UploadError } from './cloud-errors';
import { missingEntryError, withPart } from './part-ledger';
import type { LedgerEntry, LedgerPart, PartLedger } from './part-ledger';

const ledgerFileSchema = z.object({
  version: z.literal(1),
  uploads: z.record(
    z.string(),
    z.object({
      uploadId: z.string().min(1),
      parts: z.array(
        z.object({
          partNumber: z.number().int().min(1).max(10_000),
          etag: z.string().min(1),
          size: z.number().int().nonnegative(),
          sha256: z.string().regex(/^[0-9a-f]{64}$/),
        }),
      ),
    }),
  ),
});
type LedgerFile = z.infer<typeof ledgerFileSchema>;

/**
 * A PartLedger kept in one JSON file. Every change is written to a temp file, fsynced and renamed
 * over the old one, so a crash leaves either the old or the new ledger, never half of one. Changes
 * are serialised: parts finish concurrently and each write must include the ones before it.
 * The file is read once and then cached, so keep one instance per file per process.
 */
export class JsonFilePartLedger implements PartLedger {
  private state: LedgerFile | undefined;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly path: string) {}

  load(key: string): Promise<LedgerEntry | null> {
    return this.serialised(async () => (await this.read()).uploads[key] ?? null);
  }

  begin(key: string, uploadId: string): Promise<void> {
    return this.change((uploads) => ({ ...uploads, [key]: { uploadId, parts: [] } }));
  }

  recordPart(key: string, part: LedgerPart): Promise<void> {
    return this.change((uploads) => {
      const entry = uploads[key];
      if (!entry) throw missingEntryError(key);
      return { ...uploads, [key]: toMutable(withPart(entry, part)) };
    });
  }

  finish(key: string): Promise<void> {
    return this.change((uploads) =>
      Object.fromEntries(Object.entries(uploads).filter(([k]) => k !== key)),
    );
  }

  private change(next: (uploads: LedgerFile['uploads']) => LedgerFile['uploads']): Promise<void> {
    return this.serialised(async () => {
      const current = await this.read();
      const updated: LedgerFile = { version: 1, uploads: next(current.uploads) };
      await this.write(updated);
      this.state = updated;
    });
  }

  private serialised<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task, task);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async read(): Promise<LedgerFile> {
    if (this.state) return this.state;
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.state = { version: 1, uploads: {} };
      return this.state;
    }
    const parsed = ledgerFileSchema.safeParse(safeJson(text));
    if (!parsed.success) {
      throw new UploadError('upload-ledger-invalid', `The part ledger ${this.path} is unreadable`, {
        cause: parsed.error,
      });
    }
    this.state = parsed.data;
    return this.state;
  }

  private async write(file: LedgerFile): Promise<void> {
    const temp = `${this.path}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(JSON.stringify(file));
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temp, this.path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }
}

function toMutable(entry: LedgerEntry): LedgerFile['uploads'][string] {
  return { uploadId: entry.uploadId, parts: entry.parts.map((p) => ({ ...p })) };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
