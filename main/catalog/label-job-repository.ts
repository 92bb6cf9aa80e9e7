import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { prepareAll } from './prepare-all';

/** What the label queue needs to know about the photo a job is for. */
export interface LabelJob {
  readonly photoId: number;
  readonly sha256: string;
  readonly format: string;
  readonly originalLocal: boolean;
  readonly attempts: number;
}

const jobSql = {
  // Photos whose original is here, that Rekognition has not answered for and that wait for nothing.
  enqueueUnlabelled: `INSERT INTO label_jobs (photo_id, state, queued_at)
    SELECT p.id, 'queued', ? FROM photos p
    WHERE p.original_local = 1
      AND NOT EXISTS (SELECT 1 FROM label_results r WHERE r.photo_id = p.id)
      AND NOT EXISTS (SELECT 1 FROM label_jobs j WHERE j.photo_id = p.id)`,
  // `$busy`: a JSON array of the photos already being labelled, which must not be taken twice.
  nextDue: `SELECT j.photo_id AS photoId, p.sha256, p.format, p.original_local AS originalLocal,
      j.attempts
    FROM label_jobs j JOIN photos p ON p.id = j.photo_id
    WHERE j.state = 'queued' AND j.next_attempt_at <= $now
      AND j.photo_id NOT IN (SELECT value FROM json_each($busy))
    ORDER BY j.next_attempt_at, j.photo_id LIMIT 1`,
  soonest: `SELECT min(next_attempt_at) AS at FROM label_jobs
    WHERE state = 'queued' AND photo_id NOT IN (SELECT value FROM json_each($busy))`,
  queuedCount: "SELECT count(*) AS n FROM label_jobs WHERE state = 'queued'",
  retryLater: `UPDATE label_jobs SET attempts = ?, next_attempt_at = ?, last_error = ?
    WHERE photo_id = ? AND state = 'queued'`,
  fail: `UPDATE label_jobs SET state = 'failed', attempts = ?, last_error = ?
    WHERE photo_id = ? AND state = 'queued'`,
  note: "UPDATE label_jobs SET last_error = ? WHERE photo_id = ? AND state = 'queued'",
  finish: 'DELETE FROM label_jobs WHERE photo_id = ?',
  requeue: `UPDATE label_jobs SET state = 'queued', attempts = 0, next_attempt_at = 0,
      last_error = NULL
    WHERE state = 'failed' AND ($id IS NULL OR photo_id = $id)`,
  dropQueued: "DELETE FROM label_jobs WHERE state = 'queued'",
};

/**
 * The label queue as rows of `label_jobs`: `queued` (waiting, perhaps until `next_attempt_at`)
 * or `failed` (the "couldn't label" list, `last_error` saying why). A job being labelled stays
 * `queued` in the table, so one interrupted by a crash or a quit simply runs again.
 */
export class LabelJobRepository {
  private readonly sql: Record<keyof typeof jobSql, StatementSync>;

  constructor(db: DatabaseSync) {
    this.sql = prepareAll(db, jobSql);
  }

  /** Queues every local photo that has no labels and no job; answers how many. */
  enqueueUnlabelled(now: number): number {
    return Number(this.sql.enqueueUnlabelled.run(now).changes);
  }

  /** The queued job due soonest (at `now` or before) that is not already `busy`. */
  nextDue(now: number, busy: Iterable<number>): LabelJob | null {
    const row = this.sql.nextDue.get({ now, busy: JSON.stringify([...busy]) });
    if (!row) return null;
    return {
      photoId: Number(row['photoId']),
      sha256: String(row['sha256']),
      format: String(row['format']),
      originalLocal: row['originalLocal'] === 1,
      attempts: Number(row['attempts']),
    };
  }

  /** When the next queued job not already `busy` is due; null when none is queued. */
  soonestDue(busy: Iterable<number>): number | null {
    const row = this.sql.soonest.get({ busy: JSON.stringify([...busy]) });
    const at = row?.['at'];
    return typeof at === 'number' ? at : null;
  }

  queuedCount(): number {
    return Number(this.sql.queuedCount.get()?.['n'] ?? 0);
  }

  /** Counts a failed attempt and waits until `nextAttemptAt`; `reason` shows meanwhile. */
  retryLater(photoId: number, attempts: number, nextAttemptAt: number, reason: string): void {
    this.sql.retryLater.run(attempts, nextAttemptAt, reason, photoId);
  }

  /** Moves the job to the "couldn't label" list. */
  fail(photoId: number, attempts: number, reason: string): void {
    this.sql.fail.run(attempts, reason, photoId);
  }

  /** Says why a queued job is waiting (offline, signed out) without counting an attempt. */
  note(photoId: number, reason: string): void {
    this.sql.note.run(reason, photoId);
  }

  /** Forgets the job (labelled elsewhere, or nothing left to do). */
  finish(photoId: number): void {
    this.sql.finish.run(photoId);
  }

  /** Puts one failed job (or every one) back in the queue with fresh attempts; answers how many. */
  requeue(photoId?: number): number {
    return Number(this.sql.requeue.run({ id: photoId ?? null }).changes);
  }

  /**
   * Forgets the jobs still waiting (labelling was turned off, or nobody is signed in), so those
   * photos show as not labelled rather than as queued. Failed ones stay listed.
   */
  dropQueued(): number {
    return Number(this.sql.dropQueued.run().changes);
  }
}
