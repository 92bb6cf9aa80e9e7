import type { CloudPhoto } from '../catalog/cloud-catalog';
import { OriginalFetchError, type OriginalCache } from '../sync/original-cache';
import {
  isOriginalExtension,
  ORIGINAL_CONTENT_TYPES,
  type OriginalExtension,
} from '../model/photo-keys';
import {
  isSha256,
  originalFile,
  previewFile,
  thumbFile,
  voiceFile,
  type LibraryPaths,
} from '../library/library-paths';
import { NoOriginalError, previewImage } from './preview-image';

/** Originals Chromium shows as they are; others are shown through a WebP rendering. */
const browserFormats = new Set(['jpg', 'png', 'webp', 'gif', 'avif']);

export interface MediaFile {
  readonly file: string;
  readonly contentType: string;
}

/** What media resolution reads: the library's folders, the catalog, and the cloud's originals. */
export interface MediaSources {
  readonly paths: LibraryPaths;
  /** The photo by SHA-256 (CloudCatalog.findBySha): its format and whether its original is here. */
  readonly findPhoto: (sha256: string) => Pick<CloudPhoto, 'format' | 'originalLocal'> | null;
  /** Fetches originals that are only in the cloud; null when this library has no cloud. */
  readonly cloudOriginals: Pick<OriginalCache, 'get'> | null;
}

/**
 * Maps a media path (`thumb/<sha256>`, `original/<sha256>`, `preview/<sha256>`, `view/<sha256>`,
 * `voice/<sha256>`) to a file in the library. `preview` is a ≈2048 px WebP made on demand;
 * `view` is every pixel in a form the browser shows (the original itself where it can). Only
 * those shapes with a 64-hex id are answered, so no request can name a file outside the cache;
 * everything else is `null` (a 404 to the caller).
 *
 * The original of a photo imported on another device is fetched from the cloud into the
 * originals cache first. When that cannot be done this throws OriginalFetchError, whose `code`
 * lets the host say why (`offline`, `signed-out`, …) instead of a bare 404.
 */
export async function resolveMedia(
  sources: MediaSources,
  mediaPath: string,
): Promise<MediaFile | null> {
  const match = /^(thumb|original|preview|view|voice)\/([^/]+)$/.exec(mediaPath);
  if (!match) return null;
  const [, kind, id = ''] = match;
  if (!isSha256(id)) return null;
  if (kind === 'thumb') return { file: thumbFile(sources.paths, id), contentType: 'image/webp' };
  if (kind === 'voice')
    return { file: voiceFile(sources.paths.voice, id), contentType: 'audio/mpeg' };
  const found = sources.findPhoto(id);
  if (!found || !isOriginalExtension(found.format)) return null;
  const photo = { format: found.format, originalLocal: found.originalLocal };
  if (kind === 'original' || (kind === 'view' && browserFormats.has(photo.format))) {
    const contentType = ORIGINAL_CONTENT_TYPES[photo.format];
    return { file: await originalOf(sources, id, photo), contentType };
  }
  const previewKind = kind === 'view' ? 'full' : 'large';
  try {
    const file = await previewImage({
      target: previewFile(sources.paths, id, previewKind),
      kind: previewKind,
      format: photo.format,
      original: () => originalOf(sources, id, photo),
      libraryRoot: sources.paths.root,
    });
    return { file, contentType: 'image/webp' };
  } catch (error) {
    if (error instanceof NoOriginalError) return null;
    throw error;
  }
}

async function originalOf(
  sources: MediaSources,
  id: string,
  photo: { readonly format: OriginalExtension; readonly originalLocal: boolean },
): Promise<string> {
  if (photo.originalLocal) return originalFile(sources.paths, id, photo.format);
  if (!sources.cloudOriginals) {
    throw new OriginalFetchError(
      'signed-out',
      'This photo was imported on another device and this library has no cloud to fetch it from.',
    );
  }
  return sources.cloudOriginals.get(id, photo.format);
}
