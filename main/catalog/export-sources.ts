import type { DatabaseSync, StatementSync } from 'node:sqlite';

/** What exporting one photo needs to know of it. */
export interface ExportSource {
  readonly id: number;
  readonly sha256: string;
  readonly filename: string;
  readonly format: string;
  /** False: the original is only in the cloud and is fetched first. */
  readonly originalLocal: boolean;
  /** Epoch ms: taken-at when known, otherwise import time (the zip entry's date). */
  readonly sortAt: number;
}

interface Row {
  id: number;
  sha256: string;
  filename: string;
  format: string;
  original_local: number;
  sort_at: number;
}

/** The photos an export writes, read in chunks so 100,000 ids stay one small query each. */
export class ExportSources {
  private readonly byIds: StatementSync;

  constructor(db: DatabaseSync) {
    this.byIds = db.prepare(
      `SELECT id, sha256, filename, format, original_local,
         coalesce(taken_at, imported_at) AS sort_at
       FROM photos WHERE id IN (SELECT value FROM json_each($ids))`,
    );
  }

  /** The photos of `ids` that exist, in the order given. */
  get(ids: readonly number[]): ExportSource[] {
    const found = new Map<number, ExportSource>();
    for (let start = 0; start < ids.length; start += chunk) {
      const rows = this.byIds.all({
        ids: JSON.stringify(ids.slice(start, start + chunk)),
      }) as unknown as Row[];
      for (const row of rows) {
        found.set(row.id, {
          id: row.id,
          sha256: row.sha256,
          filename: row.filename,
          format: row.format,
          originalLocal: row.original_local === 1,
          sortAt: row.sort_at,
        });
      }
    }
    return ids.flatMap((id) => {
      const source = found.get(id);
      return source ? [source] : [];
    });
  }
}

const chunk = 5000;
