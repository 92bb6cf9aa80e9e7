import { z } from 'zod';
import { parseDocument } from './parse-document';

const epochMs = z.number().int().nonnegative();

/**
 * `users/<identityId>/albums/<id>.json`: an album's name and whether it was deleted. Which photos
 * are in it travels in the photos' own documents (`albums` there), so adding a photo on one
 * device and another photo on a second never conflict.
 */
export const albumDocSchema = z.object({
  version: z.literal(1),
  id: z.string().regex(/^[0-9a-f-]{8,64}$/),
  name: z.object({ text: z.string().min(1).max(200), updatedAt: epochMs }),
  createdAt: epochMs,
  /** Deleted on some device at this time; a deleted album stays deleted. */
  deletedAt: epochMs.nullable(),
  updatedAt: epochMs,
});
export type AlbumDoc = z.infer<typeof albumDocSchema>;

/** Parses an album document's text; null when it is not one (the caller names the key). */
export function parseAlbumDoc(text: string): AlbumDoc | null {
  return parseDocument(albumDocSchema, text);
}

/**
 * Merges two versions of an album's document: the later name wins (ties go to the larger text,
 * so every device picks the same one), the first deletion stands, the first creation time stays.
 */
export function mergeAlbumDocs(a: AlbumDoc, b: AlbumDoc): AlbumDoc {
  const name =
    a.name.updatedAt !== b.name.updatedAt
      ? a.name.updatedAt > b.name.updatedAt
        ? a.name
        : b.name
      : a.name.text >= b.name.text
        ? a.name
        : b.name;
  const deletions = [a.deletedAt, b.deletedAt].filter((at): at is number => at !== null);
  return {
    version: 1,
    id: a.id,
    name,
    createdAt: Math.min(a.createdAt, b.createdAt),
    deletedAt: deletions.length > 0 ? Math.min(...deletions) : null,
    updatedAt: Math.max(a.updatedAt, b.updatedAt),
  };
}
