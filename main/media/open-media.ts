import type { FileHandle } from 'node:fs/promises';
import { openInside } from '../library/open-inside';
import { OriginalFetchError } from '../sync/original-cache';
import type { MediaFile } from './media-resolver';

/** What either host sends for a media path: an open file, or a status with words. */
export type MediaAnswer =
  | { readonly status: 200; readonly contentType: string; readonly handle: FileHandle }
  | { readonly status: 404 | 503; readonly message: string };

export const mediaCacheControl = 'private, max-age=31536000, immutable';

/**
 * The one way both hosts serve media: resolve the path, then open the file only if it stays
 * inside the library (no symlink out of it). A cloud-only original that cannot be fetched now
 * says why (offline, signed out) instead of a bare 404.
 */
export async function openMedia(
  resolve: (mediaPath: string) => Promise<MediaFile | null>,
  libraryRoot: string,
  mediaPath: string,
): Promise<MediaAnswer> {
  let media: MediaFile | null;
  try {
    media = await resolve(mediaPath);
  } catch (error) {
    if (!(error instanceof OriginalFetchError)) throw error;
    return { status: error.code === 'not-in-cloud' ? 404 : 503, message: error.message };
  }
  const handle = media ? await openInside(libraryRoot, media.file) : null;
  if (!media || !handle) return { status: 404, message: 'No such media.' };
  return { status: 200, contentType: media.contentType, handle };
}
