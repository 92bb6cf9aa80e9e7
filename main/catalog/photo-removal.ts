import type { DatabaseSync } from 'node:sqlite';
import { CloudDeletionQueue } from './cloud-deletion-queue';

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

/** What `PhotoRemoval.remove` did: the rows deleted, and how many cloud deletions it queued. */
export interface PhotoRemovalResult {
  readonly removed: readonly RemovedPhoto[];
  readonly queued: number;
}

/** Deletes photo rows and queues their cloud objects for deletion, in one transaction. */
export class PhotoRemoval {
  private readonly queue: CloudDeletionQueue;

  constructor(private readonly db: DatabaseSync) {
    this.queue = new CloudDeletionQueue(db);
  }

  /**
   * Removes the rows of `ids`; photos in the cloud, or on their way there, are queued for
   * deletion from `identityId`'s prefix (none when it is null: no prefix was ever used here).
   */
  remove(ids: readonly number[], identityId: string | null, now: number): PhotoRemovalResult {
    return inTransaction(this.db, () => {
      const removed = removePhotoRows(this.db, ids);
      let queued = 0;
      for (const photo of removed) {
        // An upload under way may finish after this; deleting its objects keeps it from coming back.
        if (!(photo.inCloud || photo.uploading) || identityId === null) continue;
        this.queue.queue({ sha256: photo.sha256, identityId, format: photo.format }, now);
        queued += 1;
      }
      return { removed, queued };
    });
  }
}

/**
 * Deletes photo rows (labels, jobs and index entries go with them: foreign keys cascade, the
 * full-text triggers fire) inside the caller's transaction. Unknown ids are skipped.
 */
function removePhotoRows(db: DatabaseSync, ids: readonly number[]): RemovedPhoto[] {
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
