import { ImportFileError } from './import-failure';

/** The formats Shoebox imports, by what their bytes say, with the extension originals keep. */
const supported: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/tiff': 'tif',
  'image/avif': 'avif',
  // Decoded through libheif (main/library/heif-decoder.ts); uploaded as they are.
  'image/heic': 'heic',
  'image/heif': 'heif',
};

export interface SniffedType {
  readonly mime: string;
  readonly extension: string;
}

/** Decides the type from the bytes, never the name; refuses what cannot be a photo here. */
export async function sniffImageType(bytes: Uint8Array): Promise<SniffedType> {
  // Loaded with the first file imported, not at start (docs/architecture.md, "Start-up").
  const { fileTypeFromBuffer } = await import('file-type');
  const found = await fileTypeFromBuffer(bytes);
  if (!found) {
    throw new ImportFileError('not-an-image', 'This file is not an image Shoebox recognises.');
  }
  const extension = supported[found.mime];
  if (extension) return { mime: found.mime, extension };
  if (found.mime.startsWith('image/')) {
    throw new ImportFileError(
      'unsupported-format',
      `${found.ext.toUpperCase()} images are not supported yet (JPEG, PNG, WebP, GIF, TIFF, AVIF and HEIC are).`,
    );
  }
  const kind = found.mime.startsWith('video/') ? 'a video' : `a ${found.ext.toUpperCase()} file`;
  throw new ImportFileError('not-an-image', `This is ${kind}, not a photo.`);
}
