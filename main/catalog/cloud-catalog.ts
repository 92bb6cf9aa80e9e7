import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { AlbumMembership, PhotoMeta } from '../model/photo-meta';

/** A photo as sync and the media resolver see it. */
export interface CloudPhoto {
  readonly id: number;
  readonly sha256: string;
  readonly format: string;
  readonly inCloud: boolean;
  /** False when the original is only in the cloud (the photo came from another device). */
  readonly originalLocal: boolean;
  /** Added back from the library folder and its cloud document not read since (see takeAddedBack). */
  readonly addedBack: boolean;
}

/** A photo whose metadata document must go up again, and the change time being sent. */
export interface DirtyMeta {
  readonly id: number;
  readonly sha256: string;
  readonly changedAt: number;
}

interface CloudPhotoRow {
  id: number;
  sha256: string;
  format: string;
  in_cloud: number;
  original_local: number;
  added_back: number;
}

/** The photos table's cloud columns: what sync, the publisher and on-demand originals read and write. */
export class CloudCatalog {
  private readonly bySha: StatementSync;
  private readonly insertStatement: StatementSync;
  private readonly markInCloudStatement: StatementSync;
  private readonly setDescription: StatementSync;
  private readonly markSynced: StatementSync;
  private readonly markDirty: StatementSync;
  private readonly markInStep: StatementSync;
  private readonly dirty: StatementSync;
  private readonly setTrash: StatementSync;
  private readonly setFavorite: StatementSync;
  private readonly setMembership: StatementSync;
  private readonly addedBack: StatementSync;

  constructor(private readonly db: DatabaseSync) {
    this.bySha = db.prepare(
      'SELECT id, sha256, format, in_cloud, original_local, added_back FROM photos WHERE sha256 = ?',
    );
    this.insertStatement = db.prepare(
      `INSERT INTO photos (sha256, format, byte_size, width, height, orientation, taken_at,
         imported_at, camera, filename, source_path, description, description_updated_at,
         in_cloud, original_local, meta_changed_at, meta_synced_at)
       VALUES ($sha256, $format, $byteSize, $width, $height, $orientation, $takenAt,
         $importedAt, $camera, $filename, $sourcePath, $description, $descriptionUpdatedAt,
         1, $originalLocal, 0, $syncedAt)
       ON CONFLICT (sha256) DO NOTHING
       RETURNING id`,
    );
    this.markInCloudStatement = db.prepare('UPDATE photos SET in_cloud = 1 WHERE id = ?');
    this.setDescription = db.prepare(
      'UPDATE photos SET description = ?, description_updated_at = ? WHERE id = ?',
    );
    this.markSynced = db.prepare(
      'UPDATE photos SET meta_synced_at = max(meta_synced_at, ?) WHERE id = ?',
    );
    // Strictly after meta_synced_at, whatever the clock says, so the change cannot read as sent.
    this.markDirty = db.prepare(
      'UPDATE photos SET meta_changed_at = max(?, meta_synced_at + 1) WHERE id = ?',
    );
    this.markInStep = db.prepare(
      'UPDATE photos SET meta_synced_at = max(meta_synced_at, meta_changed_at) WHERE id = ?',
    );
    this.setTrash = db.prepare(
      'UPDATE photos SET trashed_at = ?, trash_updated_at = ? WHERE id = ?',
    );
    this.setFavorite = db.prepare(
      'UPDATE photos SET favorite = ?, favorite_updated_at = ? WHERE id = ?',
    );
    this.setMembership = db.prepare(
      `INSERT INTO album_members (album_id, photo_id, added, at) VALUES (?, ?, ?, ?)
       ON CONFLICT (album_id, photo_id) DO UPDATE SET added = excluded.added, at = excluded.at`,
    );
    this.addedBack = db.prepare(
      `UPDATE photos SET filename = $filename, imported_at = $importedAt, added_back = 0
       WHERE id = $id AND added_back = 1`,
    );
    this.dirty = db.prepare(
      `SELECT id, sha256, meta_changed_at AS changedAt FROM photos
       WHERE in_cloud = 1 AND meta_changed_at > meta_synced_at ORDER BY id LIMIT ?`,
    );
  }

  findBySha(sha256: string): CloudPhoto | null {
    const row = this.bySha.get(sha256) as CloudPhotoRow | undefined;
    if (!row) return null;
    return {
      id: row.id,
      sha256: row.sha256,
      format: row.format,
      inCloud: row.in_cloud === 1,
      originalLocal: row.original_local === 1,
      addedBack: row.added_back === 1,
    };
  }

  /**
   * Records a photo from the cloud: in the cloud, its document already in step (`syncedAt`), its
   * original here only when `originalLocal` (a lost catalog's photo, before the start-up
   * reconcile added it back). Answers the new id, or null when the photo is already here.
   */
  insertFromCloud(
    doc: PhotoMeta,
    sourcePath: string,
    syncedAt: number,
    originalLocal = false,
  ): number | null {
    const row = this.insertStatement.get({
      sha256: doc.sha256,
      format: doc.format,
      byteSize: doc.byteSize,
      width: doc.width,
      height: doc.height,
      orientation: doc.orientation,
      takenAt: doc.takenAt,
      importedAt: doc.importedAt,
      camera: doc.camera,
      filename: doc.filename,
      sourcePath,
      description: doc.description.text,
      descriptionUpdatedAt: doc.description.updatedAt,
      syncedAt,
      originalLocal: originalLocal ? 1 : 0,
    }) as { id: number } | undefined;
    return row?.id ?? null;
  }

  /** The photo's metadata document exists, so the photo is complete in the cloud. */
  markInCloud(id: number): void {
    this.markInCloudStatement.run(id);
  }

  applyDescription(id: number, description: PhotoMeta['description']): void {
    this.setDescription.run(description.text, description.updatedAt, id);
  }

  /**
   * A photo added back from the library folder takes what only the catalog knew besides the
   * document's time-stamped fields: its name and import time, from the merged document. Answers
   * whether the photo was added back (and so changed); from then on it is a photo like any other.
   */
  takeAddedBack(id: number, doc: PhotoMeta): boolean {
    const result = this.addedBack.run({ id, filename: doc.filename, importedAt: doc.importedAt });
    return Number(result.changes) > 0;
  }

  applyTrash(id: number, trash: PhotoMeta['trash']): void {
    this.setTrash.run(trash.trashedAt, trash.updatedAt, id);
  }

  applyFavorite(id: number, favorite: PhotoMeta['favorite']): void {
    this.setFavorite.run(favorite.value ? 1 : 0, favorite.updatedAt, id);
  }

  /** Puts the merged membership of one photo in place, album by album. */
  applyAlbumMemberships(id: number, memberships: readonly AlbumMembership[]): void {
    this.db.exec('SAVEPOINT memberships');
    for (const entry of memberships) {
      this.setMembership.run(entry.album, id, entry.added ? 1 : 0, entry.at);
    }
    this.db.exec('RELEASE memberships');
  }

  /** The cloud now holds every change made up to `changedAt`. */
  markMetaSynced(id: number, changedAt: number): void {
    this.markSynced.run(changedAt, id);
  }

  /** The cloud's document holds everything this catalog knows about the photo. */
  markMetaInStep(id: number): void {
    this.markInStep.run(id);
  }

  /** This catalog knows something the cloud's document lacks: send it with the next sync. */
  markMetaDirty(id: number, now: number): void {
    this.markDirty.run(now, id);
  }

  /** Photos in the cloud whose document changed here since it was last sent. */
  metaToPublish(limit = 10_000): DirtyMeta[] {
    return this.dirty.all(limit) as unknown as DirtyMeta[];
  }
}
