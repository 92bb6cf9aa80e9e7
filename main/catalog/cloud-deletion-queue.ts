import type { DatabaseSync, StatementSync } from 'node:sqlite';

/** A photo's cloud objects waiting to be deleted (the photo is already gone here). */
export interface PendingDeletion {
  readonly sha256: string;
  readonly identityId: string;
  readonly format: string;
  readonly attempts: number;
  readonly lastError: string | null;
}

interface PendingRow {
  sha256: string;
  identity_id: string;
  format: string;
  attempts: number;
  last_error: string | null;
}

/** The `cloud_deletions` table: deletions wait here until the cloud answers. */
export class CloudDeletionQueue {
  private readonly insert: StatementSync;
  private readonly all: StatementSync;
  private readonly shasOf: StatementSync;
  private readonly countStatement: StatementSync;
  private readonly inLibrary: StatementSync;
  private readonly remove: StatementSync;
  private readonly fail: StatementSync;

  constructor(db: DatabaseSync) {
    // Deleting the same photo twice (re-imported, deleted again) is one deletion, tried afresh.
    this.insert = db.prepare(
      `INSERT INTO cloud_deletions (sha256, identity_id, format, queued_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (identity_id, sha256) DO UPDATE SET
         format = excluded.format, queued_at = excluded.queued_at, attempts = 0, last_error = NULL`,
    );
    this.all = db.prepare(
      `SELECT sha256, identity_id, format, attempts, last_error FROM cloud_deletions
       ORDER BY queued_at, sha256`,
    );
    this.shasOf = db.prepare('SELECT sha256 FROM cloud_deletions WHERE identity_id = ?');
    this.countStatement = db.prepare('SELECT count(*) AS n FROM cloud_deletions');
    this.inLibrary = db.prepare('SELECT 1 AS found FROM photos WHERE sha256 = ?');
    this.remove = db.prepare('DELETE FROM cloud_deletions WHERE identity_id = ? AND sha256 = ?');
    this.fail = db.prepare(
      `UPDATE cloud_deletions SET attempts = attempts + 1, last_error = ?
       WHERE identity_id = ? AND sha256 = ?`,
    );
  }

  queue(deletion: { sha256: string; identityId: string; format: string }, now: number): void {
    this.insert.run(deletion.sha256, deletion.identityId, deletion.format, now);
  }

  pending(): PendingDeletion[] {
    return (this.all.all() as unknown as PendingRow[]).map((row) => ({
      sha256: row.sha256,
      identityId: row.identity_id,
      format: row.format,
      attempts: row.attempts,
      lastError: row.last_error,
    }));
  }

  /** Photos deleted here whose objects are still in the identity's prefix: sync must not revive them. */
  pendingShas(identityId: string): Set<string> {
    const rows = this.shasOf.all(identityId) as { sha256: string }[];
    return new Set(rows.map((row) => row.sha256));
  }

  /** Whether the same content is in the library again (imported anew, or synced back). */
  isBackInLibrary(sha256: string): boolean {
    return this.inLibrary.get(sha256) !== undefined;
  }

  count(): number {
    return (this.countStatement.get() as { n: number }).n;
  }

  done(identityId: string, sha256: string): void {
    this.remove.run(identityId, sha256);
  }

  failed(identityId: string, sha256: string, message: string): void {
    this.fail.run(message, identityId, sha256);
  }
}
