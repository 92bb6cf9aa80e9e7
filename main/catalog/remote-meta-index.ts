import type { DatabaseSync, StatementSync } from 'node:sqlite';

/** A metadata document in the cloud that sync could not use, and why. */
export interface RemoteMetaProblem {
  readonly sha256: string;
  readonly problem: string;
}

/** A document as last read: its ETag (unquoted) and why it could not be used, if it could not. */
export interface SeenDocument {
  readonly etag: string;
  readonly problem: string | null;
}

/** A photo here whose document was seen in the identity's prefix. */
export interface SeenPhoto {
  readonly id: number;
  readonly sha256: string;
}

/**
 * The `remote_meta` table: which metadata documents this catalog has seen in each identity's
 * prefix, with their ETags, so a listing can tell new, changed and vanished documents apart.
 */
export class RemoteMetaIndex {
  private readonly entriesOf: StatementSync;
  private readonly upsert: StatementSync;
  private readonly remove: StatementSync;
  private readonly problemsOf: StatementSync;
  private readonly seen: StatementSync;

  constructor(db: DatabaseSync) {
    this.entriesOf = db.prepare(
      'SELECT sha256, etag, problem FROM remote_meta WHERE identity_id = ?',
    );
    this.upsert = db.prepare(
      `INSERT INTO remote_meta (identity_id, sha256, etag, problem) VALUES (?, ?, ?, ?)
       ON CONFLICT (identity_id, sha256) DO UPDATE SET etag = excluded.etag, problem = excluded.problem`,
    );
    this.remove = db.prepare('DELETE FROM remote_meta WHERE identity_id = ? AND sha256 = ?');
    this.problemsOf = db.prepare(
      `SELECT sha256, problem FROM remote_meta
       WHERE identity_id = ? AND problem IS NOT NULL ORDER BY sha256`,
    );
    this.seen = db.prepare(
      `SELECT p.id, p.sha256 FROM photos p
       JOIN remote_meta r ON r.sha256 = p.sha256 AND r.identity_id = ?
       WHERE p.in_cloud = 1 AND r.problem IS NULL`,
    );
  }

  /** Every document seen in the identity's prefix, by photo SHA-256. */
  entries(identityId: string): Map<string, SeenDocument> {
    const rows = this.entriesOf.all(identityId) as unknown as (SeenDocument & { sha256: string })[];
    return new Map(rows.map(({ sha256, etag, problem }) => [sha256, { etag, problem }]));
  }

  /** Remembers a document as read (or written) at `etag`; `problem` when it could not be used. */
  record(identityId: string, sha256: string, etag: string, problem: string | null = null): void {
    this.upsert.run(identityId, sha256, normalizeEtag(etag), problem);
  }

  forget(identityId: string, sha256: string): void {
    this.remove.run(identityId, sha256);
  }

  problems(identityId: string): RemoteMetaProblem[] {
    return this.problemsOf.all(identityId) as unknown as RemoteMetaProblem[];
  }

  /** Photos here, in the cloud, whose document this catalog has read in the identity's prefix. */
  seenInCloud(identityId: string): SeenPhoto[] {
    return this.seen.all(identityId) as unknown as SeenPhoto[];
  }
}

/** ETags come quoted from S3 (`"abc…"`); compare them without the quotes. */
export function normalizeEtag(etag: string): string {
  return etag.replace(/^W\//, '').replace(/"/g, '');
}
