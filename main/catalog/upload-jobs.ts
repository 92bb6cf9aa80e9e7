import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { prepareAll } from './prepare-all';

/** upload_jobs.state; a finished job is deleted and its photo marked in_cloud. */
export type UploadJobState = 'queued' | 'running' | 'paused' | 'failed' | 'cancelled';

/** A photo as the upload queue needs it, claimed for one attempt. */
export interface PhotoToUpload {
  readonly id: number;
  readonly sha256: string;
  readonly format: string;
  readonly byteSize: number;
  readonly filename: string;
  /** Attempts so far, this one included. */
  readonly attempts: number;
}

/** How many jobs are in each state, and the bytes of the originals still to send. */
export interface UploadJobCounts {
  readonly queued: number;
  readonly running: number;
  readonly paused: number;
  readonly failed: number;
  readonly cancelled: number;
  /** Bytes of the originals of queued and running jobs. */
  readonly pendingBytes: number;
}

interface PhotoRow {
  id: number;
  sha256: string;
  format: string;
  byte_size: number;
  filename: string;
}

const statements = {
  enqueueAll: `INSERT INTO upload_jobs (photo_id, state, queued_at)
    SELECT p.id, $state, $now FROM photos p
    WHERE p.in_cloud = 0 AND p.original_local = 1
      AND NOT EXISTS (SELECT 1 FROM upload_jobs u WHERE u.photo_id = p.id)`,
  enqueueOne: `INSERT INTO upload_jobs (photo_id, state, queued_at)
    SELECT p.id, $state, $now FROM photos p
    WHERE p.id = $id AND p.in_cloud = 0 AND p.original_local = 1
    ON CONFLICT (photo_id) DO NOTHING`,
  requeueRunning: `UPDATE upload_jobs SET state = 'queued' WHERE state = 'running'`,
  requeueOne: `UPDATE upload_jobs SET state = 'queued' WHERE photo_id = ? AND state = 'running'`,
  dueNow: `UPDATE upload_jobs SET next_attempt_at = 0
    WHERE state = 'queued' AND next_attempt_at > 0`,
  nextDue: `SELECT photo_id FROM upload_jobs
    WHERE state = 'queued' AND next_attempt_at <= ?
    ORDER BY next_attempt_at, queued_at, photo_id LIMIT 1`,
  claim: `UPDATE upload_jobs SET state = 'running', attempts = attempts + 1
    WHERE photo_id = ? AND state = 'queued'
    RETURNING attempts`,
  photo: 'SELECT id, sha256, format, byte_size, filename FROM photos WHERE id = ?',
  nextWake: `SELECT min(next_attempt_at) AS at FROM upload_jobs WHERE state = 'queued'`,
  markInCloud: `UPDATE photos SET in_cloud = 1, meta_synced_at = max(meta_synced_at, ?)
    WHERE id = ?`,
  deleteJob: 'DELETE FROM upload_jobs WHERE photo_id = ?',
  retryLater: `UPDATE upload_jobs SET state = 'queued', next_attempt_at = ?, last_error = ?
    WHERE photo_id = ? AND state = 'running'`,
  fail: `UPDATE upload_jobs SET state = 'failed', last_error = ?
    WHERE photo_id = ? AND state = 'running'`,
  pauseOne: `UPDATE upload_jobs SET state = 'paused'
    WHERE photo_id = ? AND state IN ('queued', 'running')`,
  pauseAll: `UPDATE upload_jobs SET state = 'paused' WHERE state IN ('queued', 'running')`,
  resumeOne: `UPDATE upload_jobs
    SET state = 'queued', next_attempt_at = 0, attempts = 0, last_error = NULL
    WHERE photo_id = ? AND state IN ('queued', 'paused', 'failed', 'cancelled')`,
  resumeAll: `UPDATE upload_jobs
    SET state = 'queued', next_attempt_at = 0, attempts = 0, last_error = NULL
    WHERE state IN ('queued', 'paused', 'failed')`,
  cancelOne: `UPDATE upload_jobs SET state = 'cancelled'
    WHERE photo_id = ? AND state <> 'cancelled'`,
  cancelAll: `UPDATE upload_jobs SET state = 'cancelled' WHERE state <> 'cancelled'`,
  counts: `SELECT
      count(*) FILTER (WHERE u.state = 'queued') AS queued,
      count(*) FILTER (WHERE u.state = 'running') AS running,
      count(*) FILTER (WHERE u.state = 'paused') AS paused,
      count(*) FILTER (WHERE u.state = 'failed') AS failed,
      count(*) FILTER (WHERE u.state = 'cancelled') AS cancelled,
      coalesce(sum(p.byte_size) FILTER (WHERE u.state IN ('queued', 'running')), 0)
        AS pendingBytes
    FROM upload_jobs u JOIN photos p ON p.id = u.photo_id`,
  queuePaused: `SELECT value FROM settings WHERE key = 'uploads.paused'`,
  setQueuePaused: `INSERT INTO settings (key, value) VALUES ('uploads.paused', ?)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  stateOf: 'SELECT state FROM upload_jobs WHERE photo_id = ?',
  photoExists: 'SELECT 1 AS found FROM photos WHERE id = ?',
  metaChangedAt: 'SELECT meta_changed_at AS at FROM photos WHERE id = ?',
};

/**
 * The upload_jobs table, the photos.in_cloud flag and the queue's paused flag (settings table):
 * every SQL statement the upload queue runs.
 * Each method is one statement or one short transaction; none spans an await.
 */
export class UploadJobRepository {
  private readonly sql: Record<keyof typeof statements, StatementSync>;

  constructor(private readonly db: DatabaseSync) {
    this.sql = prepareAll(db, statements);
  }

  /** Queues every photo whose original is here and not yet in the cloud, unless it has a job
   * already (a cancelled one stays out). Answers how many were added. */
  enqueueAllLocal(now: number, state: 'queued' | 'paused' = 'queued'): number {
    return Number(this.sql.enqueueAll.run({ now, state }).changes);
  }

  /** Queues one photo if it is local, not in the cloud and has no job. */
  enqueue(id: number, now: number, state: 'queued' | 'paused' = 'queued'): boolean {
    return Number(this.sql.enqueueOne.run({ id, now, state }).changes) > 0;
  }

  /** Jobs left running by a crash or a stop go back to the queue. */
  requeueRunning(): number {
    return Number(this.sql.requeueRunning.run().changes);
  }

  /** One job a stop interrupted goes back to the queue (if nothing else took it up since). */
  requeueStopped(id: number): void {
    this.sql.requeueOne.run(id);
  }

  /** Ends every queued job's backoff; answers how many were waiting. */
  makeQueuedDue(): number {
    return Number(this.sql.dueNow.run().changes);
  }

  /** Takes the next job that is due (FIFO) and marks it running; null when none is due. */
  claimNext(now: number): PhotoToUpload | null {
    const due = this.sql.nextDue.get(now) as { photo_id: number } | undefined;
    if (!due) return null;
    const claimed = this.sql.claim.get(due.photo_id) as { attempts: number } | undefined;
    // ON DELETE CASCADE takes a job with its photo, so the photo is there.
    const row = this.sql.photo.get(due.photo_id) as PhotoRow | undefined;
    if (!claimed || !row) return null;
    return {
      id: row.id,
      sha256: row.sha256,
      format: row.format,
      byteSize: row.byte_size,
      filename: row.filename,
      attempts: claimed.attempts,
    };
  }

  /** When the earliest queued job falls due (it may be now or past), or null with none queued. */
  nextDueAt(): number | null {
    return (this.sql.nextWake.get() as { at: number | null }).at;
  }

  /**
   * The original, thumbnail and metadata document are in the cloud: marks the photo in_cloud,
   * records that the cloud's document holds every change up to `metaChangedAt`, and ends the
   * job, all at once.
   */
  complete(id: number, metaChangedAt: number): void {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      this.sql.markInCloud.run(metaChangedAt, id);
      this.sql.deleteJob.run(id);
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /** Puts a running job back in the queue, not to be tried before `at`. */
  retryLater(id: number, at: number, reason: string): void {
    this.sql.retryLater.run(at, reason, id);
  }

  /** Marks a running job failed for good (until the person retries it). */
  fail(id: number, reason: string): void {
    this.sql.fail.run(reason, id);
  }

  /** Pauses one job, or every queued and running one; answers how many. */
  pause(id?: number): number {
    const run = id === undefined ? this.sql.pauseAll.run() : this.sql.pauseOne.run(id);
    return Number(run.changes);
  }

  /**
   * Puts one job (paused, failed or cancelled) back in the queue, or every paused and failed one;
   * either way a queued job waiting out a backoff becomes due now. Cancelled jobs come back only
   * by id: the person took them out on purpose.
   */
  resume(id?: number): number {
    const run = id === undefined ? this.sql.resumeAll.run() : this.sql.resumeOne.run(id);
    return Number(run.changes);
  }

  /** Takes one job, or every job, out of the queue (the photo stays local). */
  cancel(id?: number): number {
    const run = id === undefined ? this.sql.cancelAll.run() : this.sql.cancelOne.run(id);
    return Number(run.changes);
  }

  counts(): UploadJobCounts {
    return { ...(this.sql.counts.get() as unknown as UploadJobCounts) };
  }

  /**
   * Whether the person paused the whole queue. Kept in the catalog so a paused queue stays paused
   * across a restart, and photos queued meanwhile wait with it.
   */
  isQueuePaused(): boolean {
    const row = this.sql.queuePaused.get() as { value: string } | undefined;
    return row?.value === 'true';
  }

  setQueuePaused(paused: boolean): void {
    this.sql.setQueuePaused.run(String(paused));
  }

  /** The state of the photo's job; null when it has none. */
  stateOf(id: number): UploadJobState | null {
    return (this.sql.stateOf.get(id) as { state: UploadJobState } | undefined)?.state ?? null;
  }

  photoExists(id: number): boolean {
    return this.sql.photoExists.get(id) !== undefined;
  }

  /** When the photo's metadata last changed here (photos.meta_changed_at); 0 if it is gone. */
  metaChangedAt(id: number): number {
    return (this.sql.metaChangedAt.get(id) as { at: number } | undefined)?.at ?? 0;
  }
}
