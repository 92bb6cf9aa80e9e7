import type { PhotoRepository } from '../catalog/photo-repository';
import { isSha256, originalFile, thumbFile, voiceFile, type LibraryPaths } from './library-paths';

export interface MediaFile {
  readonly file: string;
  readonly contentType: string;
}

const contentTypes: Record<string, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  tif: 'image/tiff',
  avif: 'image/avif',
};

/**
 * Maps a media path (`thumb/<sha256>`, `original/<sha256>`, `voice/<sha256>`) to a file in the
 * library. Only those shapes with a 64-hex id are answered, so no request can name a file
 * outside the cache; everything else is `null` (a 404 to the caller).
 */
export function resolveMedia(
  paths: LibraryPaths,
  photos: PhotoRepository,
  mediaPath: string,
): MediaFile | null {
  const match = /^(thumb|original|voice)\/([^/]+)$/.exec(mediaPath);
  if (!match) return null;
  const [, kind, id = ''] = match;
  if (!isSha256(id)) return null;
  if (kind === 'thumb') return { file: thumbFile(paths, id), contentType: 'image/webp' };
  if (kind === 'voice') return { file: voiceFile(paths.voice, id), contentType: 'audio/mpeg' };
  const format = photos.formatOf(id);
  const contentType = format ? contentTypes[format] : undefined;
  if (!format || !contentType) return null;
  return { file: originalFile(paths, id, format), contentType };
}
