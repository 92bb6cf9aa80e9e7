import type { DatabaseSync } from 'node:sqlite';
import {
  albumMembershipSchema,
  labelEditSchema,
  maxCameraLength,
  type PhotoMeta,
} from '../model/photo-meta';

interface MetaRow {
  sha256: string;
  format: string;
  byte_size: number;
  width: number;
  height: number;
  orientation: number | null;
  taken_at: number | null;
  imported_at: number;
  camera: string | null;
  filename: string;
  description: string;
  description_updated_at: number;
  meta_changed_at: number;
  raw: string | null;
  model_version: string | null;
  labelled_at: number | null;
  trashed_at: number | null;
  trash_updated_at: number;
  favorite: number;
  favorite_updated_at: number;
  added_back: number;
}

/** Reads photos' metadata documents as this catalog knows them, for upload beside the original. */
export class PhotoMetaSource {
  constructor(private readonly db: DatabaseSync) {}

  /** The photo's document; null when the photo is not in the library. */
  of(photoId: number): PhotoMeta | null {
    return photoMetaOf(this.db, photoId);
  }
}

export function photoMetaOf(db: DatabaseSync, photoId: number): PhotoMeta | null {
  const row = db
    .prepare(
      `SELECT p.sha256, p.format, p.byte_size, p.width, p.height, p.orientation, p.taken_at,
         p.imported_at, p.camera, p.filename, p.description, p.description_updated_at,
         p.meta_changed_at, r.raw, r.model_version, r.labelled_at, p.trashed_at,
         p.trash_updated_at, p.favorite, p.favorite_updated_at, p.added_back
       FROM photos p LEFT JOIN label_results r ON r.photo_id = p.id WHERE p.id = ?`,
    )
    .get(photoId) as MetaRow | undefined;
  if (!row) return null;
  const edits = db
    .prepare('SELECT name, action, at FROM label_edits WHERE photo_id = ? ORDER BY name')
    .all(photoId)
    .map((edit) => labelEditSchema.parse(edit));
  const albums = db
    .prepare(
      `SELECT album_id AS album, added = 1 AS added, at FROM album_members
       WHERE photo_id = ? ORDER BY album_id`,
    )
    .all(photoId)
    .map((entry) => albumMembershipSchema.parse({ ...entry, added: entry['added'] === 1 }));
  return {
    version: 1,
    sha256: row.sha256,
    format: row.format,
    byteSize: row.byte_size,
    width: row.width,
    height: row.height,
    orientation: row.orientation,
    takenAt: row.taken_at,
    importedAt: row.imported_at,
    // EXIF lets a camera name run long; the document keeps what every device will accept.
    camera: row.camera === null ? null : row.camera.slice(0, maxCameraLength),
    filename: row.filename,
    description: { text: row.description, updatedAt: row.description_updated_at },
    labels:
      row.raw !== null && row.labelled_at !== null
        ? { raw: JSON.parse(row.raw), modelVersion: row.model_version, labelledAt: row.labelled_at }
        : null,
    labelEdits: edits,
    trash: { trashedAt: row.trashed_at, updatedAt: row.trash_updated_at },
    favorite: { value: row.favorite === 1, updatedAt: row.favorite_updated_at },
    albums,
    // Added back from the library folder, its name and import time are stand-ins: dated 0, so any
    // document in the cloud wins them in a merge (mergePhotoMeta) instead of being overwritten.
    updatedAt: row.added_back === 1 ? 0 : Math.max(row.meta_changed_at, row.imported_at),
  };
}
