import type { DatabaseSync } from 'node:sqlite';
import { AppError } from '../model/app-error';

/** The longest description a metadata document holds (photoMetaSchema). */
export const maxDescriptionLength = 2000;

/**
 * Sets a photo's description and marks its metadata document changed, so the next sync sends it.
 * Answers false when there is no such photo.
 *
 * The edit is stamped `max(now, previous + 1)`: an edit made after seeing another device's
 * description must beat it even if this device's clock is behind that one's, since "later wins"
 * is decided by these stamps on every device.
 */
export function describePhoto(db: DatabaseSync, id: number, text: string, now: number): boolean {
  if (text.length > maxDescriptionLength) {
    throw new AppError(
      'invalid-request',
      `A description is at most ${maxDescriptionLength} characters; this one has ${text.length}.`,
    );
  }
  const changed = db
    .prepare(
      `UPDATE photos SET
         description = $text,
         description_updated_at = max($now, description_updated_at + 1),
         meta_changed_at = max($now, meta_synced_at + 1, description_updated_at + 1)
       WHERE id = $id`,
    )
    .run({ text, now, id });
  return changed.changes > 0;
}
