import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { LabelCount, LabelFailure, LabelProgress } from '../../contract/labels';
import { labelName } from '../../contract/schemas';
import {
  labelClockSkewMs,
  mergeLabelEdits,
  type LabelEdit,
  type PhotoMeta,
} from '../model/photo-meta';
import { AppError } from '../model/app-error';
import { prepareAll } from './prepare-all';
import { effectiveLabels, labelTerms } from '../model/effective-labels';

/** Rekognition's answer for one photo, as kept in `label_results` and the metadata document. */
export interface LabelResult {
  /** The DetectLabels response body, whole (without the SDK's `$metadata`). */
  readonly raw: unknown;
  readonly modelVersion: string | null;
  readonly labelledAt: number;
}

interface ResultRow {
  raw: string;
  labelled_at: number;
}

const labelSql = {
  photoExists: 'SELECT 1 AS found FROM photos WHERE id = ?',
  result: 'SELECT raw, labelled_at FROM label_results WHERE photo_id = ?',
  putResult: `INSERT OR REPLACE INTO label_results (photo_id, raw, model_version, labelled_at)
    VALUES (?, ?, ?, ?)`,
  dropJob: 'DELETE FROM label_jobs WHERE photo_id = ?',
  // queued_at carries when the cloud labeller wrote its error. A job asked again since ("Retry",
  // or a new device) is left queued: its derivative, once sent, gets a fresh answer.
  failFromCloud: `INSERT INTO label_jobs (photo_id, state, attempts, last_error, queued_at)
    VALUES (?, 'failed', 1, ?, ?)
    ON CONFLICT (photo_id) DO UPDATE SET state = 'failed', attempts = 1,
      last_error = excluded.last_error
    WHERE (label_jobs.state = 'failed' AND label_jobs.last_error IS NOT excluded.last_error)
      OR (label_jobs.state = 'queued' AND label_jobs.sent_at - ? <= excluded.queued_at)`,
  edits: 'SELECT name, action, at FROM label_edits WHERE photo_id = ? ORDER BY name',
  putEdit: `INSERT INTO label_edits (photo_id, name, action, at) VALUES (?, ?, ?, ?)
    ON CONFLICT (photo_id, name) DO UPDATE
    SET name = excluded.name, action = excluded.action, at = excluded.at`,
  dropEdits: 'DELETE FROM label_edits WHERE photo_id = ?',
  dropLabels: 'DELETE FROM labels WHERE photo_id = ?',
  putLabel: `INSERT INTO labels (photo_id, name, confidence, parents, categories, source)
    VALUES (?, ?, ?, ?, ?, ?)`,
  dropTerms: 'DELETE FROM label_terms WHERE photo_id = ?',
  putTerm: 'INSERT INTO label_terms (term, photo_id, confidence) VALUES (?, ?, ?)',
  hasLabel: 'SELECT 1 AS found FROM labels WHERE photo_id = ? AND name = ?',
  touch: 'UPDATE photos SET meta_changed_at = max(meta_changed_at, ?) WHERE id = ?',
  // Spellings that differ only in case are one label (the column is NOCASE); the binary
  // minimum picks the capitalised one Rekognition uses, the same on every call.
  // Photos in the Trash are not counted: the sidebar filters the library. A join, not
  // `photo_id IN (SELECT … FROM photos)`, which lists every photo first: the cost is the labels'.
  counts: `SELECT min(l.name COLLATE BINARY) AS name, count(*) AS count
    FROM labels l JOIN photos p ON p.id = l.photo_id
    WHERE l.confidence >= ? AND p.trashed_at IS NULL
    GROUP BY l.name ORDER BY count DESC, name LIMIT ?`,
  failures: `SELECT p.id, p.sha256, p.filename, coalesce(j.last_error, '') AS reason, j.attempts
    FROM label_jobs j JOIN photos p ON p.id = j.photo_id
    WHERE j.state = 'failed' ORDER BY p.filename, p.id`,
  progress: `SELECT (SELECT count(*) FROM label_results) AS labelled,
    (SELECT count(*) FROM label_jobs WHERE state = 'queued') AS waiting,
    (SELECT count(*) FROM label_jobs WHERE state = 'failed') AS failed`,
};

/**
 * Labels in the catalog: Rekognition's raw answers, the person's corrections, and what both make
 * together (`labels`, and `label_terms` for search), recomputed whenever either changes. Local
 * changes set `photos.meta_changed_at` so the photo's metadata document is published; changes
 * that came from another device's document do not.
 */
export class LabelRepository {
  private readonly sql: Record<keyof typeof labelSql, StatementSync>;

  constructor(private readonly db: DatabaseSync) {
    this.sql = prepareAll(db, labelSql);
  }

  /** Keeps Rekognition's answer for a photo (replacing any older one) and takes it off the queue. */
  storeResult(photoId: number, result: LabelResult): void {
    this.inTransaction(() => {
      this.requirePhoto(photoId);
      this.putResult(photoId, result);
      this.recompute(photoId);
      this.touch(photoId, result.labelledAt);
    });
  }

  /** Whether Rekognition has answered for this photo (here or on another device). */
  hasResult(photoId: number): boolean {
    return this.sql.result.get(photoId) !== undefined;
  }

  /** The person's own label (or their taking back of a removal); it wins over Rekognition. */
  addLabel(photoId: number, name: string, at: number): void {
    this.edit(photoId, checkedName(name), 'add', at);
  }

  /** Removes a label from the photo; kept as a correction, so a re-labelling does not bring it back. */
  removeLabel(photoId: number, name: string, at: number): void {
    this.edit(photoId, checkedName(name), 'remove', at);
  }

  /** The person's corrections for a photo, by name. */
  editsOf(photoId: number): LabelEdit[] {
    return this.sql.edits.all(photoId).map((row) => ({
      name: String(row['name']),
      action: row['action'] === 'remove' ? 'remove' : 'add',
      at: Number(row['at']),
    }));
  }

  /**
   * Takes in another device's labels for a photo (from its metadata document): its Rekognition
   * answer when newer than ours, its corrections merged with ours (the later edit of a name wins).
   * Does not mark the photo as changed here: this is the cloud's state, not a local change.
   * Answers whether anything changed.
   */
  applyRemote(photoId: number, labels: PhotoMeta['labels'], edits: readonly LabelEdit[]): boolean {
    return this.inTransaction(() => {
      this.requirePhoto(photoId);
      let changed = false;
      const local = this.sql.result.get(photoId) as ResultRow | undefined;
      if (labels?.error !== undefined) {
        // The cloud labeller could not label it: listed as such, unless labels came meanwhile.
        if (!local) {
          const failed = this.sql.failFromCloud.run(
            photoId,
            labels.error,
            labels.labelledAt,
            labelClockSkewMs,
          );
          changed = Number(failed.changes) > 0;
        }
      } else if (labels && (!local || labels.labelledAt > local.labelled_at)) {
        this.putResult(photoId, labels);
        changed = true;
      }
      const before = this.editsOf(photoId);
      const merged = mergeLabelEdits(before, edits);
      if (JSON.stringify(merged) !== JSON.stringify(mergeLabelEdits(before, []))) {
        this.sql.dropEdits.run(photoId);
        for (const edit of merged) {
          this.sql.putEdit.run(photoId, edit.name, edit.action, edit.at);
        }
        changed = true;
      }
      if (changed) this.recompute(photoId);
      return changed;
    });
  }

  /** Labels at or above `minConfidence` with how many photos carry each, most common first. */
  counts(minConfidence: number, limit: number): LabelCount[] {
    return this.sql.counts.all(minConfidence, limit).map((row) => ({
      name: String(row['name']),
      count: Number(row['count']),
    }));
  }

  /** How far labelling has got: photos labelled, waiting their turn, and given up on. */
  progress(): LabelProgress {
    const row = this.sql.progress.get() ?? {};
    return {
      labelled: Number(row['labelled'] ?? 0),
      waiting: Number(row['waiting'] ?? 0),
      failed: Number(row['failed'] ?? 0),
    };
  }

  /** The "couldn't label" list. */
  failures(): LabelFailure[] {
    return this.sql.failures.all().map((row) => ({
      id: Number(row['id']),
      sha256: String(row['sha256']),
      filename: String(row['filename']),
      reason: String(row['reason']),
      attempts: Number(row['attempts']),
    }));
  }

  private edit(photoId: number, name: string, action: LabelEdit['action'], at: number): void {
    this.inTransaction(() => {
      this.requirePhoto(photoId);
      const seen = this.editsOf(photoId).find((e) => e.name.toLowerCase() === name.toLowerCase());
      if (seen?.action === action) return; // said already: nothing changes, nothing to sync
      if (action === 'remove' && !this.sql.hasLabel.get(photoId, name)) {
        throw new AppError('not-found', `Photo ${photoId} has no label “${name}” to remove.`);
      }
      // The newest intent must win the merge on every device, even if another device's clock
      // ran ahead when it wrote the edit this one replaces.
      const when = Math.max(at, (seen?.at ?? -1) + 1);
      this.sql.putEdit.run(photoId, name, action, when);
      this.recompute(photoId);
      this.touch(photoId, when);
    });
  }

  private putResult(photoId: number, result: LabelResult): void {
    this.sql.putResult.run(
      photoId,
      JSON.stringify(result.raw ?? null),
      result.modelVersion,
      result.labelledAt,
    );
    // Labelled (here or elsewhere): the photo is never sent to Rekognition again.
    this.sql.dropJob.run(photoId);
  }

  /** Rebuilds a photo's `labels` and `label_terms` from its raw answer and its corrections. */
  private recompute(photoId: number): void {
    const row = this.sql.result.get(photoId) as ResultRow | undefined;
    const raw: unknown = row ? JSON.parse(row.raw) : null;
    const labels = effectiveLabels(raw, this.editsOf(photoId));
    this.sql.dropLabels.run(photoId);
    for (const label of labels) {
      this.sql.putLabel.run(
        photoId,
        label.name,
        label.confidence,
        JSON.stringify(label.parents),
        JSON.stringify(label.categories),
        label.source,
      );
    }
    this.sql.dropTerms.run(photoId);
    for (const term of labelTerms(labels)) {
      this.sql.putTerm.run(term.term, photoId, term.confidence);
    }
  }

  private touch(photoId: number, at: number): void {
    this.sql.touch.run(at, photoId);
  }

  private requirePhoto(photoId: number): void {
    if (!this.sql.photoExists.get(photoId)) {
      throw new AppError('not-found', `There is no photo ${photoId} in this library.`);
    }
  }

  /** A savepoint rather than BEGIN, so callers (the sync engine) may wrap this in their own. */
  private inTransaction<T>(work: () => T): T {
    this.db.exec('SAVEPOINT labels');
    try {
      const result = work();
      this.db.exec('RELEASE labels');
      return result;
    } catch (error) {
      this.db.exec('ROLLBACK TO labels');
      this.db.exec('RELEASE labels');
      throw error;
    }
  }
}

function checkedName(name: string): string {
  const parsed = labelName.safeParse(name);
  if (!parsed.success) {
    throw new AppError('invalid-request', parsed.error.issues[0]?.message ?? 'Bad label name.');
  }
  return parsed.data;
}
