import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { fixtureColours, type FixtureName } from '../local-cloud/rekognition-fixture-colours';

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
  /** EXIF ImageDescription (the Rekognition stand-in reads `labels: …` hints from it). */
  readonly description?: string;
  /** EXIF GPS position, in decimal degrees. */
  readonly gps?: { latitude: number; longitude: number };
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
  return writeImage(join(folder, spec.name), base, spec);
}

/** Adds the spec's EXIF and orientation, encodes and writes; answers the file. */
async function writeImage(
  file: string,
  base: Sharp,
  spec: Omit<PhotoSpec, 'name'>,
): Promise<string> {
  const ifd0: Record<string, string> = {};
  if (spec.camera) Object.assign(ifd0, { Make: spec.camera.make, Model: spec.camera.model });
  if (spec.description) ifd0['ImageDescription'] = spec.description;
  const exif =
    spec.takenAt || spec.camera || spec.gps || spec.description
      ? {
          IFD0: ifd0,
          ...(spec.takenAt ? { IFD2: { DateTimeOriginal: spec.takenAt } } : {}),
          ...(spec.gps ? { IFD3: gpsTags(spec.gps.latitude, spec.gps.longitude) } : {}),
        }
      : undefined;
  let image = exif ? base.withExif(exif) : base;
  if (spec.orientation) image = image.withMetadata({ orientation: spec.orientation });
  const format = spec.format ?? 'jpeg';
  const bytes = await image.toFormat(format, format === 'jpeg' ? { quality: 85 } : {}).toBuffer();
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, bytes);
  return file;
}

/**
 * A photo the local cloud's Rekognition stand-in labels as `fixture` (dog, cat, beach: see
 * test/local-cloud/rekognition-fixture-colours.ts), even after Shoebox resizes it and strips its
 * metadata: it is one solid colour the stand-in knows. A `#rrggbb` colour instead of a name makes
 * a photo of a colour registered with the stand-in's `hintColour` knob. Answers `file`.
 */
export function makeLabelledPhoto(
  file: string,
  fixture: FixtureName | `#${string}`,
  spec: Omit<PhotoSpec, 'name' | 'hue' | 'noise'> = {},
): Promise<string> {
  const colour = fixture.startsWith('#') ? fixture : fixtureColours[fixture as FixtureName].colour;
  const base = sharp({
    create: {
      width: spec.width ?? 640,
      height: spec.height ?? 480,
      channels: 3,
      background: colour,
    },
  });
  return writeImage(file, base, spec);
}

/** EXIF GPS tags as sharp writes them: degrees, minutes and seconds as rationals. */
function gpsTags(latitude: number, longitude: number): Record<string, string> {
  const dms = (value: number) => {
    const degrees = Math.floor(Math.abs(value));
    const minutes = Math.floor((Math.abs(value) - degrees) * 60);
    const hundredths = Math.round(((Math.abs(value) - degrees) * 60 - minutes) * 6000);
    return `${degrees}/1 ${minutes}/1 ${hundredths}/100`;
  };
  return {
    GPSLatitudeRef: latitude >= 0 ? 'N' : 'S',
    GPSLatitude: dms(latitude),
    GPSLongitudeRef: longitude >= 0 ? 'E' : 'W',
    GPSLongitude: dms(longitude),
  };
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
