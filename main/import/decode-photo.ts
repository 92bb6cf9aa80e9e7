import sharp, { type Metadata } from 'sharp';
import { ImportFileError } from './import-failure';

// One decode at a time per call; parallelism is the importer's job (FIELD-NOTES: 2 cores).
sharp.cache(false);
sharp.concurrency(1);

/** sharp's own default: 16383 × 16383. Bigger images are refused before decoding. */
export const maxInputPixels = 268_402_689;
export const thumbnailSize = 256;

export interface DecodedPhoto {
  /** Dimensions as displayed, after EXIF orientation. */
  readonly width: number;
  readonly height: number;
  readonly thumbnail: Buffer;
}

/** Decodes once: checks the header, then makes the oriented ≈256 px WebP thumbnail. */
export async function decodePhoto(bytes: Buffer): Promise<DecodedPhoto> {
  let metadata: Metadata;
  try {
    // Header only: no pixels are decoded here, so the size can be checked and named first.
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw headerError(error);
  }
  const { width, height } = metadata;
  if (!width || !height) {
    throw new ImportFileError(
      'truncated',
      'This image has no readable size; the file may be damaged.',
    );
  }
  if (width * height > maxInputPixels) {
    throw new ImportFileError(
      'too-many-pixels',
      `This image is ${width} × ${height} pixels, more than Shoebox decodes (about 268 megapixels).`,
    );
  }
  try {
    const thumbnail = await sharp(bytes, { failOn: 'truncated' })
      .rotate()
      .resize(thumbnailSize, thumbnailSize, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 78 })
      .toBuffer();
    const turned = (metadata.orientation ?? 1) >= 5;
    return { width: turned ? height : width, height: turned ? width : height, thumbnail };
  } catch (error) {
    throw pixelError(error);
  }
}

const messageOf = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0];

/** The header could not be read: not an image sharp knows, or not one at all. */
function headerError(error: unknown): ImportFileError {
  const message = messageOf(error) ?? '';
  if (/unsupported image format/i.test(message)) {
    return new ImportFileError('not-an-image', 'The image data could not be recognised.');
  }
  if (/premature end|truncat|corrupt|unexpected end|not enough data/i.test(message)) {
    return new ImportFileError(
      'truncated',
      'This image is damaged or cut short and cannot be decoded.',
    );
  }
  return new ImportFileError('unreadable', `This image could not be decoded (${message}).`);
}

/**
 * The header was fine but the pixels were not. Decoders word this many ways ("premature end",
 * "bogus marker", Huffman errors, ...) depending on where the damage lies; to a person they
 * all mean the file is damaged.
 */
function pixelError(error: unknown): ImportFileError {
  if (/pixel limit/i.test(messageOf(error) ?? '')) {
    return new ImportFileError(
      'too-many-pixels',
      'This image has more pixels than Shoebox decodes.',
    );
  }
  return new ImportFileError(
    'truncated',
    'This image is damaged or cut short and cannot be decoded.',
  );
}
