import { z } from 'zod';
import { parseDocument } from './parse-document';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const epochMs = z.number().int().nonnegative();

/**
 * How far the cloud labeller's clock may be behind this computer's: a label error written up to
 * this long before a derivative was sent still counts as the answer to it.
 */
export const labelClockSkewMs = 60_000;

/** The longest camera name a document carries. */
export const maxCameraLength = 200;

export const labelEditSchema = z.object({
  name: z.string().min(1).max(100),
  action: z.enum(['add', 'remove']),
  at: epochMs,
});
export type LabelEdit = z.infer<typeof labelEditSchema>;

/** A photo in or out of one album, as of `at` (a removal is kept, so it can beat an older add). */
export const albumMembershipSchema = z.object({
  album: z.string().regex(/^[0-9a-f-]{8,64}$/),
  added: z.boolean(),
  at: epochMs,
});
export type AlbumMembership = z.infer<typeof albumMembershipSchema>;

/** In the Trash since `trashedAt` (null: not), as of the change made at `updatedAt`. */
const trashSchema = z.object({ trashedAt: epochMs.nullable(), updatedAt: epochMs });
const favoriteSchema = z.object({ value: z.boolean(), updatedAt: epochMs });

/**
 * `users/<identityId>/meta/<sha256>.json` (docs/architecture.md, "Where things are kept"): what another device needs to show
 * the photo without its original, and everything the person or Rekognition added to it.
 */
export const photoMetaSchema = z.object({
  version: z.literal(1),
  sha256,
  format: z.string().min(1).max(10),
  byteSize: z.number().int().nonnegative(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  orientation: z.number().int().nullable(),
  takenAt: z.number().int().nullable(),
  importedAt: epochMs,
  camera: z.string().max(maxCameraLength).nullable(),
  filename: z.string().min(1).max(1000),
  description: z.object({ text: z.string().max(2000), updatedAt: epochMs }),
  /**
   * Rekognition's answer, kept whole (`raw` is the DetectLabels response body). Written by the
   * cloud labeller (infra/labeller/), it may instead carry `error`: why the photo could not be
   * labelled (raw null), and `traceId`: the X-Ray trace of the labelling.
   */
  labels: z
    .object({
      raw: z.unknown(),
      modelVersion: z.string().nullable(),
      labelledAt: epochMs,
      error: z.string().min(1).max(500).optional(),
      traceId: z.string().max(100).optional(),
    })
    .nullable(),
  /** The person's corrections, one per label name (the latest wins). */
  labelEdits: z.array(labelEditSchema).max(1000),
  // Absent from documents written before the Trash, favorites and albums existed.
  trash: trashSchema.default({ trashedAt: null, updatedAt: 0 }),
  favorite: favoriteSchema.default({ value: false, updatedAt: 0 }),
  albums: z.array(albumMembershipSchema).max(10_000).default([]),
  updatedAt: epochMs,
});
export type PhotoMeta = z.infer<typeof photoMetaSchema>;

/** Parses a metadata document's text; null when it is not one (the caller names the key). */
export function parsePhotoMeta(text: string): PhotoMeta | null {
  return parseDocument(photoMetaSchema, text);
}

/**
 * Merges two versions of one photo's document so nothing is lost: the later description wins
 * (ties go to the longer text, then the larger, so every device picks the same one), the later
 * labelling wins, label edits merge name by name with the later edit winning, the later Trash
 * and favorite changes win, and album membership merges album by album, the later change winning.
 */
export function mergePhotoMeta(a: PhotoMeta, b: PhotoMeta): PhotoMeta {
  return {
    ...(a.updatedAt >= b.updatedAt ? a : b),
    description: laterDescription(a.description, b.description),
    labels: laterLabels(a.labels, b.labels),
    labelEdits: mergeLabelEdits(a.labelEdits, b.labelEdits),
    trash: laterTrash(a.trash, b.trash),
    favorite: laterFavorite(a.favorite, b.favorite),
    albums: mergeAlbumMemberships(a.albums, b.albums),
    updatedAt: Math.max(a.updatedAt, b.updatedAt),
  };
}

/** The later change wins; on a tie, being in the Trash (the earlier trashing) wins everywhere. */
export function laterTrash(a: PhotoMeta['trash'], b: PhotoMeta['trash']): PhotoMeta['trash'] {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt ? a : b;
  if ((a.trashedAt === null) !== (b.trashedAt === null)) return a.trashedAt === null ? b : a;
  return (a.trashedAt ?? 0) <= (b.trashedAt ?? 0) ? a : b;
}

/** The later change wins; on a tie, the favorite. */
export function laterFavorite(
  a: PhotoMeta['favorite'],
  b: PhotoMeta['favorite'],
): PhotoMeta['favorite'] {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt ? a : b;
  return a.value ? a : b;
}

/** One entry per album, the later change winning (a removal on a tie), sorted by album id. */
export function mergeAlbumMemberships(
  a: readonly AlbumMembership[],
  b: readonly AlbumMembership[],
): AlbumMembership[] {
  const byAlbum = new Map<string, AlbumMembership>();
  for (const entry of [...a, ...b]) {
    const seen = byAlbum.get(entry.album);
    if (!seen || entry.at > seen.at || (entry.at === seen.at && !entry.added)) {
      byAlbum.set(entry.album, entry);
    }
  }
  return [...byAlbum.values()].sort((x, y) => (x.album < y.album ? -1 : x.album > y.album ? 1 : 0));
}

function laterDescription(a: PhotoMeta['description'], b: PhotoMeta['description']) {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt ? a : b;
  if (a.text.length !== b.text.length) return a.text.length > b.text.length ? a : b;
  return a.text >= b.text ? a : b;
}

function laterLabels(a: PhotoMeta['labels'], b: PhotoMeta['labels']): PhotoMeta['labels'] {
  if (!a || !b) return a ?? b;
  return a.labelledAt >= b.labelledAt ? a : b;
}

export function mergeLabelEdits(a: readonly LabelEdit[], b: readonly LabelEdit[]): LabelEdit[] {
  const byName = new Map<string, LabelEdit>();
  for (const edit of [...a, ...b]) {
    const key = edit.name.toLowerCase();
    const seen = byName.get(key);
    if (!seen || edit.at > seen.at || (edit.at === seen.at && edit.action === 'remove')) {
      byName.set(key, edit);
    }
  }
  return [...byName.values()].sort((x, y) => x.name.localeCompare(y.name));
}
