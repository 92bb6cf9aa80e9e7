import { HeifDecodeError } from '../library/heif-decoder';
import { maxInputPixels, uprightImage, uprightSize } from '../library/upright-image';
import { ImportFileError } from './import-failure';
import { messageOf } from '../../contract/result';

export const thumbnailSize = 256;

export interface DecodedPhoto {
  /** Dimensions as displayed, after EXIF orientation. */
  readonly width: number;
  readonly height: number;
  readonly thumbnail: Buffer;
}

/** Bounds how many photos decode at once (the importer's limit); runs `work` when one may. */
export type DecodeSlot = <T>(work: () => Promise<T>) => Promise<T>;

const anyTime: DecodeSlot = (work) => work();

/**
 * Decodes once: checks the header, then makes the upright ≈256 px WebP thumbnail. Only the
 * decoding waits for `slot`: the header check is a short libvips job of its own, and made
 * inside the slot it kept a decoder idle while it waited for a thread of libuv's pool (which
 * the other files' reads, writes and fsyncs share).
 */
export async function decodePhoto(
  bytes: Buffer,
  format: string,
  slot: DecodeSlot = anyTime,
): Promise<DecodedPhoto> {
  let width: number;
  let height: number;
  try {
    // Header only: no pixels are decoded here, so the size can be checked and named first.
    ({ width, height } = await uprightSize(bytes, format));
  } catch (error) {
    throw headerError(error);
  }
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
    const thumbnail = await slot(async () =>
      (await uprightImage(bytes, format, { failOn: 'truncated' }))
        .resize(thumbnailSize, thumbnailSize, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 78 })
        .toBuffer(),
    );
    return { width, height, thumbnail };
  } catch (error) {
    throw pixelError(error);
  }
}

const firstLineOf = (error: unknown) => messageOf(error).split('\n')[0];

/** The header could not be read: not an image sharp knows, or not one at all. */
function headerError(error: unknown): ImportFileError {
  const message = firstLineOf(error) ?? '';
  if (error instanceof HeifDecodeError) {
    return new ImportFileError(
      'unreadable',
      `This HEIC/HEIF file could not be read; it may be damaged (${message}).`,
    );
  }
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
  if (error instanceof HeifDecodeError && error.code === 'too-many-pixels') {
    return new ImportFileError('too-many-pixels', error.message);
  }
  if (/pixel limit/i.test(firstLineOf(error) ?? '')) {
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
