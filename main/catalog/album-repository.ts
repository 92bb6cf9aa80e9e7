import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { AlbumSummary } from '../../contract/albums';
import type { AlbumDoc } from '../model/album-doc';
import { inTransaction } from './photo-removal';
import { prepareAll } from './prepare-all';

interface AlbumRow {
  id: string;
  name: string;
  name_updated_at: number;
  created_at: number;
  deleted_at: number | null;
  changed_at: number;
  etag: string | null;
}

/** An album whose document must go up again, and the change time being sent. */
export interface DirtyAlbum {
  readonly id: string;
  readonly changedAt: number;
}

// Changes are stamped `max(now, previous + 1)` as descriptions are (see describe-photo.ts).
const albumSql = {
  list: `SELECT a.id, a.name, (SELECT count(*) FROM album_members m JOIN photos p ON p.id = m.photo_id
      WHERE m.album_id = a.id AND m.added = 1 AND p.trashed_at IS NULL) AS count
    FROM albums a WHERE a.deleted_at IS NULL ORDER BY a.name COLLATE NOCASE, a.id`,
  get: 'SELECT * FROM albums WHERE id = ?',
  create: `INSERT INTO albums (id, name, name_updated_at, created_at, changed_at)
    VALUES ($id, $name, $now, $now, $now)`,
  rename: `UPDATE albums SET name = $name, name_updated_at = max($now, name_updated_at + 1),
      changed_at = max($now, synced_at + 1)
    WHERE id = $id AND deleted_at IS NULL`,
  remove: `UPDATE albums SET deleted_at = $now, changed_at = max($now, synced_at + 1)
    WHERE id = $id AND deleted_at IS NULL`,
  remake: `INSERT INTO albums (id, name, name_updated_at, created_at, changed_at)
    SELECT $id, name, $now, $now, $now FROM albums WHERE id = $deleted AND deleted_at IS NOT NULL`,
  copyMembers: `INSERT INTO album_members (album_id, photo_id, added, at)
    SELECT $id, photo_id, 1, at FROM album_members WHERE album_id = $deleted AND added = 1`,
  touchMembers: `UPDATE photos SET meta_changed_at = max($now, meta_synced_at + 1)
    WHERE id IN (SELECT photo_id FROM album_members WHERE album_id = $id)`,
  member: 'SELECT added, at FROM album_members WHERE album_id = ? AND photo_id = ?',
  photoExists: 'SELECT 1 AS found FROM photos WHERE id = ?',
  putMember: `INSERT INTO album_members (album_id, photo_id, added, at) VALUES ($album, $photo, $added, $at)
    ON CONFLICT (album_id, photo_id) DO UPDATE SET added = excluded.added, at = excluded.at`,
  touchPhoto: 'UPDATE photos SET meta_changed_at = max($now, meta_synced_at + 1) WHERE id = $id',
  dirty: `SELECT id, changed_at AS changedAt FROM albums WHERE changed_at > synced_at
    ORDER BY id LIMIT 1000`,
  markSynced: `UPDATE albums SET synced_at = max(synced_at, $changedAt), etag = $etag
    WHERE id = $id`,
  upsertRemote: `INSERT INTO albums (id, name, name_updated_at, created_at, deleted_at, etag)
    VALUES ($id, $name, $nameUpdatedAt, $createdAt, $deletedAt, $etag)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name,
      name_updated_at = excluded.name_updated_at, created_at = excluded.created_at,
      deleted_at = excluded.deleted_at, etag = excluded.etag`,
  markDirty: 'UPDATE albums SET changed_at = max($now, synced_at + 1) WHERE id = $id',
};

/**
 * Albums and their members. A member's change marks the photo's metadata document changed (it
 * carries the membership); a name's change or a deletion marks the album's own document.
 */
export class AlbumRepository {
  private readonly sql: Record<keyof typeof albumSql, StatementSync>;

  constructor(private readonly db: DatabaseSync) {
    this.sql = prepareAll(db, albumSql);
  }

  list(): AlbumSummary[] {
    return this.sql.list.all() as unknown as AlbumSummary[];
  }

  /** The album as the sidebar lists it; null when there is none (or it was deleted). */
  summary(id: string): AlbumSummary | null {
    return this.list().find((album) => album.id === id) ?? null;
  }

  create(id: string, name: string, now: number): void {
    this.sql.create.run({ id, name, now });
  }

  /** Answers false when there is no such album. */
  rename(id: string, name: string, now: number): boolean {
    return this.sql.rename.run({ id, name, now }).changes > 0;
  }

  /** Answers false when there is no such album. Its photos stay in the library. */
  delete(id: string, now: number): boolean {
    return this.sql.remove.run({ id, now }).changes > 0;
  }

  /**
   * Brings the deleted album `deleted` back as the new album `id`: its name, its photos and
   * their order (the members' times are copied). A new id, because the deletion may already
   * have reached the cloud and other devices, where a deletion stands (mergeAlbumDocs): the old
   * id brought back would be deleted again by the next sync. The photos' documents are marked
   * changed, since they carry the membership. Answers false when `deleted` is not a deleted
   * album here.
   */
  remake(deleted: string, id: string, now: number): boolean {
    return inTransaction(this.db, () => {
      if (this.sql.remake.run({ id, deleted, now }).changes === 0) return false;
      this.sql.copyMembers.run({ id, deleted });
      this.sql.touchMembers.run({ id, now });
      return true;
    });
  }

  /**
   * Puts photos in the album (`added`) or takes them out; answers those whose membership
   * changed. Unknown photos are skipped.
   */
  setMembers(album: string, ids: Iterable<number>, added: boolean, now: number): number[] {
    return inTransaction(this.db, () =>
      [...new Set(ids)].filter((photo) => {
        if (!this.sql.photoExists.get(photo)) return false;
        const row = this.sql.member.get(album, photo) as { added: number; at: number } | undefined;
        if ((row?.added === 1) === added) return false;
        const at = Math.max(now, (row?.at ?? 0) + 1);
        this.sql.putMember.run({ album, photo, added: added ? 1 : 0, at });
        this.sql.touchPhoto.run({ id: photo, now });
        return true;
      }),
    );
  }

  /** The album's document as this catalog knows it; null when there is no such album. */
  docOf(id: string): AlbumDoc | null {
    const row = this.sql.get.get(id) as AlbumRow | undefined;
    if (!row) return null;
    return {
      version: 1,
      id: row.id,
      name: { text: row.name, updatedAt: row.name_updated_at },
      createdAt: row.created_at,
      deletedAt: row.deleted_at,
      updatedAt: Math.max(row.changed_at, row.name_updated_at, row.deleted_at ?? 0),
    };
  }

  etagOf(id: string): string | null {
    return (this.sql.get.get(id) as AlbumRow | undefined)?.etag ?? null;
  }

  /** Albums whose document changed here since it was last sent. */
  toPublish(): DirtyAlbum[] {
    return this.sql.dirty.all() as unknown as DirtyAlbum[];
  }

  /** The cloud holds every change made up to `changedAt`, as the document with `etag`. */
  markSynced(id: string, changedAt: number, etag: string): void {
    this.sql.markSynced.run({ id, changedAt, etag });
  }

  /** Keeps the merged document read from (or written to) the cloud. */
  applyRemote(doc: AlbumDoc, etag: string): void {
    this.sql.upsertRemote.run({
      id: doc.id,
      name: doc.name.text,
      nameUpdatedAt: doc.name.updatedAt,
      createdAt: doc.createdAt,
      deletedAt: doc.deletedAt,
      etag,
    });
  }

  /** This catalog knows something the cloud's document lacks. */
  markDirty(id: string, now: number): void {
    this.sql.markDirty.run({ id, now });
  }
}
