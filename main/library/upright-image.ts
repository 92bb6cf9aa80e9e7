import type { Sharp, SharpOptions } from 'sharp';
import { decodeHeif, heifSize } from './heif-decoder';
import { loadSharp } from './load-sharp';

/** Formats sharp's prebuilt libvips cannot decode, read through libheif instead. */
const heifFormats = new Set(['heic', 'heif']);

export function isHeifFormat(format: string): boolean {
  return heifFormats.has(format);
}

/** sharp's own default: 16383 × 16383. Bigger images are refused before decoding. */
export const maxInputPixels = 268_402_689;

/** The size a photo is displayed at (after orientation), read from its header only. */
export async function uprightSize(
  bytes: Buffer,
  format: string,
): Promise<{ width: number; height: number }> {
  if (isHeifFormat(format)) return await heifSize(bytes);
  const sharp = await loadSharp();
  const metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  const turned = (metadata.orientation ?? 1) >= 5;
  return turned
    ? { width: metadata.height, height: metadata.width }
    : { width: metadata.width, height: metadata.height };
}

/**
 * A sharp pipeline over the photo's pixels turned upright: EXIF orientation for the formats
 * sharp reads, the file's own irot/imir boxes for HEIF (whose EXIF orientation only repeats
 * them and must not be applied a second time).
 */
export async function uprightImage(
  bytes: Buffer,
  format: string,
  options: SharpOptions = {},
): Promise<Sharp> {
  const sharp = await loadSharp();
  if (isHeifFormat(format)) {
    const pixels = await decodeHeif(bytes, maxInputPixels);
    return sharp(pixels.data, {
      raw: { width: pixels.width, height: pixels.height, channels: pixels.channels },
    });
  }
  return sharp(bytes, options).rotate();
}
