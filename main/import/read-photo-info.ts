import { readFile } from 'node:fs/promises';
import type { PhotoInfo } from '../../contract/photos';
import { cameraName } from './read-exif';
import { exifIsHeifItem, heifExif } from './heif-exif';

const empty: PhotoInfo = {
  camera: null,
  lens: null,
  focalLength: null,
  aperture: null,
  exposureTime: null,
  iso: null,
  takenLocal: null,
  takenOffset: null,
  gps: null,
};

/** One object for every photo: exifr keeps what it builds from each options object (read-exif.ts). */
const infoOptions = { xmp: true, gps: true, reviveValues: false };

/**
 * Reads what the camera wrote about a photo from its original: EXIF (and the XMP that phones and
 * editors add) for most formats, the `Exif` item for HEIF. A file without them answers nothing
 * known, never an error.
 */
export async function readPhotoInfo(file: string, format: string): Promise<PhotoInfo> {
  let source: string | Uint8Array | null = file;
  if (exifIsHeifItem(format)) source = heifExif(await readFile(file));
  if (!source) return empty;
  let tags: Record<string, unknown> | undefined;
  try {
    const { default: exifr } = await import('exifr'); // not needed at start
    // Dates unrevived: exifr would read the camera's wall clock in this machine's time zone.
    tags = (await exifr.parse(source, infoOptions)) as Record<string, unknown> | undefined;
  } catch {
    return empty;
  }
  if (!tags) return empty;
  const number = (key: string) => {
    const value = tags[key];
    return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
  };
  const text = (key: string) => {
    const value = tags[key];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
  };
  const iso = tags['ISO'];
  const latitude = tags['latitude'];
  const longitude = tags['longitude'];
  return {
    camera: cameraName(tags['Make'], tags['Model']),
    lens: text('LensModel') ?? text('Lens'),
    focalLength: number('FocalLength'),
    aperture: number('FNumber') ?? number('ApertureValue'),
    exposureTime: number('ExposureTime'),
    iso:
      typeof iso === 'number'
        ? iso
        : Array.isArray(iso) && typeof iso[0] === 'number'
          ? iso[0]
          : null,
    takenLocal: exifDate(tags['DateTimeOriginal'] ?? tags['CreateDate']),
    takenOffset: offset(tags['OffsetTimeOriginal'] ?? tags['OffsetTime']),
    gps:
      typeof latitude === 'number' &&
      typeof longitude === 'number' &&
      Number.isFinite(latitude) &&
      Number.isFinite(longitude) &&
      Math.abs(latitude) <= 90 &&
      Math.abs(longitude) <= 180
        ? { latitude, longitude }
        : null,
  };
}

/** EXIF's "2024:05:06 07:08:09" as "2024-05-06T07:08:09"; anything else is not a date. */
function exifDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}`;
}

function offset(value: unknown): string | null {
  return typeof value === 'string' && /^[+-]\d{2}:\d{2}$/.test(value.trim()) ? value.trim() : null;
}
