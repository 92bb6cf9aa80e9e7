import { rm } from 'node:fs/promises';
import {
  cachedOriginalFile,
  originalFile,
  previewFile,
  thumbFile,
  type LibraryPaths,
} from './library-paths';

/**
 * Deletes a photo's files from the library: thumbnail, imported original, cached original and
 * previews.
 * Missing files are fine (a cloud-only photo has no original here). Answers the files that
 * could not be removed, for the caller to mention; their photo row is already gone.
 */
export async function removePhotoFiles(
  paths: LibraryPaths,
  photo: { readonly sha256: string; readonly format: string },
): Promise<string[]> {
  const files = [
    thumbFile(paths, photo.sha256),
    originalFile(paths, photo.sha256, photo.format),
    cachedOriginalFile(paths, photo.sha256, photo.format),
    previewFile(paths, photo.sha256, 'large'),
    previewFile(paths, photo.sha256, 'full'),
  ];
  const results = await Promise.allSettled(files.map((file) => rm(file, { force: true })));
  return files.filter((_, i) => results[i]?.status === 'rejected');
}
