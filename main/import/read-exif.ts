import { exifIsHeifItem, heifExif } from './heif-exif';

export interface ExifFacts {
  readonly takenAt: number | null;
  readonly camera: string | null;
  readonly orientation: number | null;
}

const none: ExifFacts = { takenAt: null, camera: null, orientation: null };

/**
 * One object for every photo: exifr keeps the options it builds from each options object it is
 * given, in a Map it never empties. A new object per photo cost the time to build them again
 * (more than reading the few tags) and memory for every photo ever read.
 */
const exifOptions = {
  pick: ['DateTimeOriginal', 'CreateDate', 'Make', 'Model', 'Orientation'],
  translateValues: false,
};

/** Reads the few EXIF facts the catalog keeps; a photo without readable EXIF is fine. */
export async function readExif(bytes: Uint8Array, format: string): Promise<ExifFacts> {
  const source = exifIsHeifItem(format) ? heifExif(bytes) : bytes;
  if (!source) return none;
  let tags: Record<string, unknown> | undefined;
  try {
    // Loaded with the first photo read, not at start (docs/architecture.md, "Start-up").
    const { default: exifr } = await import('exifr');
    tags = (await exifr.parse(source, exifOptions)) as Record<string, unknown> | undefined;
  } catch {
    return none;
  }
  if (!tags) return none;
  return {
    takenAt: toEpoch(tags.DateTimeOriginal) ?? toEpoch(tags.CreateDate),
    camera: cameraName(tags.Make, tags.Model),
    orientation: typeof tags.Orientation === 'number' ? tags.Orientation : null,
  };
}

function toEpoch(value: unknown): number | null {
  if (!(value instanceof Date)) return null;
  const time = value.getTime();
  return Number.isFinite(time) ? time : null;
}

/** "Canon EOS R5" from Make "Canon" and Model "Canon EOS R5" (or "EOS R5"). */
export function cameraName(make: unknown, model: unknown): string | null {
  const makeText = typeof make === 'string' ? make.trim() : '';
  const modelText = typeof model === 'string' ? model.trim() : '';
  if (!makeText) return modelText || null;
  // Many cameras repeat the maker in the model ("Canon" + "Canon EOS R5").
  if (modelText.toLowerCase().startsWith(makeText.toLowerCase())) return modelText;
  return [makeText, modelText].filter(Boolean).join(' ');
}
