import type { DatabaseSync } from 'node:sqlite';

/** A photo row just deleted, with what its files and cloud objects are named by. */
export interface RemovedPhoto {
  readonly id: number;
  readonly sha256: string;
  readonly format: string;
  readonly inCloud: boolean;
  /** An upload job was queued or running: some of its objects may already be in the cloud. */
  readonly uploading: boolean;
}

interface RemovedRow {
  id: number;
  sha256: string;
  format: string;
  in_cloud: number;
  uploading: number;
}

/**
 * Deletes photo rows (labels, jobs and index entries go with them: foreign keys cascade, the
 * full-text triggers fire) inside the caller's transaction. Unknown ids are skipped.
 */
export function removePhotoRows(db: DatabaseSync, ids: readonly number[]): RemovedPhoto[] {
  const read = db.prepare(
    `SELECT p.id, p.sha256, p.format, p.in_cloud,
       EXISTS (SELECT 1 FROM upload_jobs u WHERE u.photo_id = p.id) AS uploading
     FROM photos p WHERE p.id = ?`,
  );
  const remove = db.prepare('DELETE FROM photos WHERE id = ?');
  const removed: RemovedPhoto[] = [];
  for (const id of new Set(ids)) {
    const row = read.get(id) as RemovedRow | undefined;
    if (!row) continue;
    remove.run(id);
    removed.push({
      id: row.id,
      sha256: row.sha256,
      format: row.format,
      inCloud: row.in_cloud === 1,
      uploading: row.uploading === 1,
    });
  }
  return removed;
}

/** Runs `work` in one transaction: all of it lands, or none. */
export function inTransaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
