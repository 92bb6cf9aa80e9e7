import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { missingEntryError } from './part-ledger';
import type { LedgerEntry, LedgerPart, PartLedger } from './part-ledger';

interface PartRow {
  part_number: number;
  etag: string;
  size: number;
  sha256: string;
}

/**
 * The part ledger in the catalog (multipart_uploads / multipart_parts, migration 2), so a
 * multipart upload resumes from its last acknowledged part after a quit or a crash.
 *
 * Every call is one short synchronous statement or transaction on the catalog's connection, so
 * parts recorded concurrently never lose each other. In WAL mode with synchronous = NORMAL a
 * commit survives the process being killed; a power cut may lose the last few, which is safe:
 * those parts are sent again.
 */
export class SqlitePartLedger implements PartLedger {
  private readonly uploadOf: StatementSync;
  private readonly partsOf: StatementSync;
  private readonly upsertUpload: StatementSync;
  private readonly upsertPart: StatementSync;
  private readonly deleteParts: StatementSync;
  private readonly deleteUpload: StatementSync;

  constructor(private readonly db: DatabaseSync) {
    this.uploadOf = db.prepare('SELECT upload_id FROM multipart_uploads WHERE key = ?');
    this.partsOf = db.prepare(
      `SELECT part_number, etag, size, sha256 FROM multipart_parts
       WHERE key = ? ORDER BY part_number`,
    );
    this.upsertUpload = db.prepare(
      `INSERT INTO multipart_uploads (key, upload_id) VALUES (?, ?)
       ON CONFLICT (key) DO UPDATE SET upload_id = excluded.upload_id`,
    );
    this.upsertPart = db.prepare(
      `INSERT INTO multipart_parts (key, part_number, etag, size, sha256) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (key, part_number) DO UPDATE
       SET etag = excluded.etag, size = excluded.size, sha256 = excluded.sha256`,
    );
    this.deleteParts = db.prepare('DELETE FROM multipart_parts WHERE key = ?');
    this.deleteUpload = db.prepare('DELETE FROM multipart_uploads WHERE key = ?');
  }

  async load(key: string): Promise<LedgerEntry | null> {
    const upload = this.uploadOf.get(key) as { upload_id: string } | undefined;
    if (!upload) return null;
    const parts = (this.partsOf.all(key) as unknown as PartRow[]).map((row): LedgerPart => ({
      partNumber: row.part_number,
      etag: row.etag,
      size: row.size,
      sha256: row.sha256,
    }));
    return { uploadId: upload.upload_id, parts };
  }

  async begin(key: string, uploadId: string): Promise<void> {
    // Parts of an earlier upload id belong to an upload S3 will never complete: forget them.
    this.transaction(() => {
      this.deleteParts.run(key);
      this.upsertUpload.run(key, uploadId);
    });
  }

  async recordPart(key: string, part: LedgerPart): Promise<void> {
    if (!this.uploadOf.get(key)) throw missingEntryError(key);
    this.upsertPart.run(key, part.partNumber, part.etag, part.size, part.sha256);
  }

  async finish(key: string): Promise<void> {
    this.transaction(() => {
      this.deleteParts.run(key);
      this.deleteUpload.run(key);
    });
  }

  private transaction(work: () => void): void {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      work();
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }
}
