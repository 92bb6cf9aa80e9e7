import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';

export interface PhotoSpec {
  readonly name: string;
  readonly width?: number;
  readonly height?: number;
  /** Base colour, so tiles look different from each other. */
  readonly hue?: number;
  readonly format?: 'jpeg' | 'png' | 'webp' | 'gif' | 'tiff' | 'avif';
  /** EXIF DateTimeOriginal as "YYYY:MM:DD HH:MM:SS". */
  readonly takenAt?: string;
  readonly orientation?: number;
  readonly camera?: { make: string; model: string };
  /** Adds noise, which makes realistic (large, slow to decode) JPEGs. */
  readonly noise?: boolean;
}

/** Makes a real image file with sharp: a gradient-ish colour block with optional EXIF. */
export async function makePhoto(folder: string, spec: PhotoSpec): Promise<string> {
  const width = spec.width ?? 640;
  const height = spec.height ?? 480;
  const [r, g, b] = hueToRgb(spec.hue ?? 30);
  const base = spec.noise
    ? sharp({
        create: {
          width,
          height,
          channels: 3,
          background: '#000',
          noise: { type: 'gaussian', mean: 128, sigma: 40 },
        },
      }).tint({ r, g, b })
    : sharp({ create: { width, height, channels: 3, background: { r, g, b } } }).composite([
        { input: stripe(width, height), top: 0, left: 0 },
      ]);
  const ifd0: Record<string, string> = {};
  if (spec.camera) Object.assign(ifd0, { Make: spec.camera.make, Model: spec.camera.model });
  const exif =
    spec.takenAt || spec.camera
      ? { IFD0: ifd0, ...(spec.takenAt ? { IFD2: { DateTimeOriginal: spec.takenAt } } : {}) }
      : undefined;
  let image = exif ? base.withExif(exif) : base;
  if (spec.orientation) image = image.withMetadata({ orientation: spec.orientation });
  const format = spec.format ?? 'jpeg';
  const bytes = await image.toFormat(format, format === 'jpeg' ? { quality: 85 } : {}).toBuffer();
  await mkdir(folder, { recursive: true });
  const file = join(folder, spec.name);
  await writeFile(file, bytes);
  return file;
}

function stripe(width: number, height: number): Buffer {
  const band = Math.max(4, Math.round(height / 5));
  return Buffer.from(
    `<svg width="${width}" height="${height}"><rect x="0" y="${height - band}" width="${width}" height="${band}" fill="white" fill-opacity="0.35"/><circle cx="${width * 0.7}" cy="${height * 0.35}" r="${band}" fill="white" fill-opacity="0.5"/></svg>`,
  );
}

function hueToRgb(hue: number): [number, number, number] {
  const h = ((hue % 360) + 360) % 360;
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (0.55 - 0.35 * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}
