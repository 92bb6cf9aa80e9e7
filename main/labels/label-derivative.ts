import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Sharp } from 'sharp';
import { LabelImageError } from '../model/label-image-error';
import { loadSharp } from '../library/load-sharp';
import { uprightImage, uprightSize } from '../library/upright-image';
import { messageOf } from '../../contract/result';

export interface DerivativeOptions {
  /** Longest side of the derivative; more detail than this does not help labelling. */
  readonly maxSide?: number;
  /** Rekognition takes at most 5 MB of image bytes (docs/platform-notes.md); 5 × 10⁶ is under either MB. */
  readonly maxBytes?: number;
}

/** Rekognition refuses images with a side under 80 px (docs/platform-notes.md). */
export const minSide = 80;
const defaultMaxSide = 1600;
const defaultMaxBytes = 5_000_000;
const qualities = [85, 70, 55];

/**
 * The JPEG sent to DetectLabels for an original in the library: turned upright (EXIF
 * orientation), at most `maxSide` px long, at least 80 px short, under `maxBytes`, and with no
 * metadata at all, so neither EXIF nor GPS ever leaves the machine with it.
 */
export async function makeLabelDerivative(
  file: string,
  options: DerivativeOptions = {},
): Promise<Buffer> {
  const sharp = await loadSharp();
  const maxBytes = options.maxBytes ?? defaultMaxBytes;
  let pixels = await uprightPixels(file, options.maxSide ?? defaultMaxSide);
  for (;;) {
    for (const quality of qualities) {
      // Encoded from bare pixels: nothing of the original's metadata can come along.
      const jpeg = await sharp(pixels.data, { raw: pixels.info }).jpeg({ quality }).toBuffer();
      if (jpeg.length <= maxBytes) return jpeg;
    }
    const scale = Math.max(0.7, minSide / Math.min(pixels.info.width, pixels.info.height));
    if (scale >= 1) {
      throw new LabelImageError(
        'too-large',
        `This photo cannot be made small enough for Rekognition (under ${maxBytes} bytes).`,
      );
    }
    pixels = await rawPixels(
      sharp(pixels.data, { raw: pixels.info }).resize(
        Math.round(pixels.info.width * scale),
        Math.round(pixels.info.height * scale),
        { fit: 'fill' },
      ),
    );
  }
}

interface RawPixels {
  readonly data: Buffer;
  readonly info: { width: number; height: number; channels: 1 | 2 | 3 | 4 };
}

/** Decodes the original once, upright and resized, to 8-bit pixels without alpha. */
async function uprightPixels(file: string, maxSide: number): Promise<RawPixels> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    throw new LabelImageError('missing', `The original is missing from the library (${file}).`);
  }
  // Originals are named by the format the importer gave them (library-paths.ts).
  const format = extname(file).slice(1);
  let width: number;
  let height: number;
  try {
    ({ width, height } = await uprightSize(bytes, format));
  } catch (error) {
    throw unreadable(error);
  }
  if (Math.min(width, height) < minSide) {
    throw new LabelImageError(
      'too-small',
      `This photo is ${width} × ${height} pixels; Rekognition needs at least ${minSide} on each side.`,
    );
  }
  // Long and thin panoramas keep their short side at 80 px even if the long side passes maxSide.
  const scale = Math.min(
    1,
    Math.max(maxSide / Math.max(width, height), minSide / Math.min(width, height)),
  );
  try {
    return await rawPixels(
      (await uprightImage(bytes, format))
        .resize(Math.round(width * scale), Math.round(height * scale), { fit: 'fill' })
        .flatten({ background: '#ffffff' }),
    );
  } catch (error) {
    throw unreadable(error);
  }
}

async function rawPixels(image: Sharp): Promise<RawPixels> {
  const { data, info } = await image.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  return { data, info: { width: info.width, height: info.height, channels: info.channels } };
}

function unreadable(error: unknown): LabelImageError {
  const message = messageOf(error).split('\n')[0];
  return new LabelImageError(
    'unreadable',
    `This photo could not be decoded for labelling (${message}).`,
  );
}
