import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { inTransaction } from './photo-removal';
import { prepareAll } from './prepare-all';

// Every change is stamped `max(now, previous + 1)` (see describe-photo.ts): a change made after
// seeing another device's must beat it even when this device's clock is behind. Each marks the
// photo's metadata document changed, so the next sync sends it.
const organiseSql = {
  trash: `UPDATE photos SET trashed_at = $now,
      trash_updated_at = max($now, trash_updated_at + 1),
      meta_changed_at = max($now, meta_synced_at + 1, trash_updated_at + 1)
    WHERE id = $id AND trashed_at IS NULL`,
  restore: `UPDATE photos SET trashed_at = NULL,
      trash_updated_at = max($now, trash_updated_at + 1),
      meta_changed_at = max($now, meta_synced_at + 1, trash_updated_at + 1)
    WHERE id = $id AND trashed_at IS NOT NULL`,
  favorite: `UPDATE photos SET favorite = $value,
      favorite_updated_at = max($now, favorite_updated_at + 1),
      meta_changed_at = max($now, meta_synced_at + 1, favorite_updated_at + 1)
    WHERE id = $id AND favorite <> $value`,
  inTrash: 'SELECT id FROM photos WHERE trashed_at IS NOT NULL ORDER BY id',
  trashedBefore: `SELECT id FROM photos
    WHERE trashed_at IS NOT NULL AND trashed_at < $cutoff AND (in_cloud = 0 OR $cloudToo)
    ORDER BY id`,
};

/** The Trash and favorites: which photos are in them, changed here or by sync (CloudCatalog). */
export class OrganiseRepository {
  private readonly sql: Record<keyof typeof organiseSql, StatementSync>;

  constructor(private readonly db: DatabaseSync) {
    this.sql = prepareAll(db, organiseSql);
  }

  /** Moves photos to the Trash; answers those that were not there already. */
  trash(ids: Iterable<number>, now: number): number[] {
    return this.each(ids, (id) => this.sql.trash.run({ id, now }).changes > 0);
  }

  /** Takes photos out of the Trash; answers those that were in it. */
  restore(ids: Iterable<number>, now: number): number[] {
    return this.each(ids, (id) => this.sql.restore.run({ id, now }).changes > 0);
  }

  /** Marks or unmarks favorites; answers the photos that changed. */
  setFavorite(ids: Iterable<number>, favorite: boolean, now: number): number[] {
    const value = favorite ? 1 : 0;
    return this.each(ids, (id) => this.sql.favorite.run({ id, now, value }).changes > 0);
  }

  /** Every photo in the Trash. */
  inTrash(): number[] {
    return this.ids(this.sql.inTrash.all());
  }

  /** Photos moved to the Trash before `cutoff` (epoch ms). */
  /**
   * Photos put in the Trash before `cutoff`. `cloudToo` false leaves out photos in the cloud,
   * whose Trash state the cloud's documents may have changed since this catalog last read them.
   */
  trashedBefore(cutoff: number, { cloudToo }: { readonly cloudToo: boolean }): number[] {
    return this.ids(this.sql.trashedBefore.all({ cutoff, cloudToo: cloudToo ? 1 : 0 }));
  }

  private ids(rows: unknown[]): number[] {
    return (rows as { id: number }[]).map((row) => row.id);
  }

  private each(ids: Iterable<number>, change: (id: number) => boolean): number[] {
    return inTransaction(this.db, () => [...new Set(ids)].filter(change));
  }
}
