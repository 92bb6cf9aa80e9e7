import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { prepareAll } from './prepare-all';

/** What the label queue needs to know about the photo a job is for. */
export interface LabelJob {
  readonly photoId: number;
  readonly sha256: string;
  readonly format: string;
  readonly originalLocal: boolean;
  readonly attempts: number;
  /** Labelling in the cloud: when the derivative went up; null while it has not. */
  readonly sentAt: number | null;
}

/** Label jobs waiting on the cloud, for the "Labelling in your cloud" line. */
export interface CloudLabelCounts {
  /** Derivative sent; the cloud's labels have not come back yet. */
  readonly sent: number;
  /** Waiting for the photo to be uploaded before its derivative can go. */
  readonly waiting: number;
}

const jobSql = {
  // Photos whose original is here, that Rekognition has not answered for and that wait for nothing.
  enqueueUnlabelled: `INSERT INTO label_jobs (photo_id, state, queued_at)
    SELECT p.id, 'queued', ? FROM photos p
    WHERE p.original_local = 1
      AND NOT EXISTS (SELECT 1 FROM label_results r WHERE r.photo_id = p.id)
      AND NOT EXISTS (SELECT 1 FROM label_jobs j WHERE j.photo_id = p.id)`,
  // `$busy`: a JSON array of the photos already being labelled, which must not be taken twice.
  // `$cloud`: labelling in the cloud, where a photo's derivative goes up only once it is there.
  nextDue: `SELECT j.photo_id AS photoId, p.sha256, p.format, p.original_local AS originalLocal,
      j.attempts, j.sent_at AS sentAt
    FROM label_jobs j JOIN photos p ON p.id = j.photo_id
    WHERE j.state = 'queued' AND j.next_attempt_at <= $now
      AND ($cloud = 0 OR p.in_cloud = 1)
      AND j.photo_id NOT IN (SELECT value FROM json_each($busy))
    ORDER BY j.next_attempt_at, j.photo_id LIMIT 1`,
  soonest: `SELECT min(j.next_attempt_at) AS at FROM label_jobs j JOIN photos p ON p.id = j.photo_id
    WHERE j.state = 'queued' AND ($cloud = 0 OR p.in_cloud = 1)
      AND j.photo_id NOT IN (SELECT value FROM json_each($busy))`,
  markSent: `UPDATE label_jobs SET sent_at = ?, attempts = 0, next_attempt_at = ?, last_error = ?
    WHERE photo_id = ? AND state = 'queued'`,
  cloudCounts: `SELECT count(j.sent_at) AS sent, count(*) - count(j.sent_at) AS waiting
    FROM label_jobs j WHERE j.state = 'queued'`,

  queuedCount: "SELECT count(*) AS n FROM label_jobs WHERE state = 'queued'",
  retryLater: `UPDATE label_jobs SET attempts = ?, next_attempt_at = ?, last_error = ?
    WHERE photo_id = ? AND state = 'queued'`,
  fail: `UPDATE label_jobs SET state = 'failed', attempts = ?, last_error = ?
    WHERE photo_id = ? AND state = 'queued'`,
  note: "UPDATE label_jobs SET last_error = ? WHERE photo_id = ? AND state = 'queued'",
  finish: 'DELETE FROM label_jobs WHERE photo_id = ?',
  requeue: `UPDATE label_jobs SET state = 'queued', attempts = 0, next_attempt_at = 0,
      last_error = NULL, sent_at = NULL
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

  /**
   * The queued job due soonest (at `now` or before) that is not already `busy`; with `cloud`,
   * only photos already uploaded.
   */
  nextDue(now: number, busy: Iterable<number>, cloud = false): LabelJob | null {
    const row = this.sql.nextDue.get({
      now,
      busy: JSON.stringify([...busy]),
      cloud: cloud ? 1 : 0,
    });
    if (!row) return null;
    const sentAt = row['sentAt'];
    return {
      photoId: Number(row['photoId']),
      sha256: String(row['sha256']),
      format: String(row['format']),
      originalLocal: row['originalLocal'] === 1,
      attempts: Number(row['attempts']),
      sentAt: typeof sentAt === 'number' ? sentAt : null,
    };
  }

  /** When the next queued job not already `busy` is due; null when none is queued. */
  soonestDue(busy: Iterable<number>, cloud = false): number | null {
    const row = this.sql.soonest.get({ busy: JSON.stringify([...busy]), cloud: cloud ? 1 : 0 });
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

  /** The derivative went up at `at`; the document is read at `checkAt`, `note` shows meanwhile. */
  markSent(photoId: number, at: number, checkAt: number, note: string): void {
    this.sql.markSent.run(at, checkAt, note, photoId);
  }

  cloudCounts(): CloudLabelCounts {
    const row = this.sql.cloudCounts.get();
    return { sent: Number(row?.['sent'] ?? 0), waiting: Number(row?.['waiting'] ?? 0) };
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
