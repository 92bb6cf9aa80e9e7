import { type PreviewKind } from '../library/library-paths';
import { openInside } from '../library/open-inside';
import { exists, writeContentAddressed } from '../library/store-photo-files';
import { uprightImage } from '../library/upright-image';
import { CodedError } from '../model/coded-error';

/** Long side of the preview the detail view shows before the full-size image has loaded. */
export const largePreviewSide = 2048;
/** WebP holds at most 16383 px a side; a larger original's full view is that big. */
const webpMaxSide = 16383;

export interface PreviewRequest {
  /** Where the rendering is kept (library-paths.ts `previewFile`). */
  readonly target: string;
  readonly kind: PreviewKind;
  readonly format: string;
  /** The original's file; only asked for when the rendering has not been made yet. */
  readonly original: () => Promise<string>;
  /** The library folder the original must really lie in (no symlink out of it). */
  readonly libraryRoot: string;
}

/** Thrown when the original is missing, or is a link out of the library: the caller answers 404. */
export class NoOriginalError extends CodedError<'no-original'> {
  constructor(message: string) {
    super('no-original', message);
  }
}

const making = new Map<string, Promise<string>>();

/**
 * A WebP rendering of an original, upright, made once and kept: `large` fits 2048 px, `full`
 * keeps every pixel (for formats the browser cannot show, such as HEIC and TIFF). Requests for
 * the same file while it is being made share the work.
 */
export function previewImage(request: PreviewRequest): Promise<string> {
  let pending = making.get(request.target);
  if (!pending) {
    pending = make(request).finally(() => making.delete(request.target));
    making.set(request.target, pending);
  }
  return pending;
}

async function make(request: PreviewRequest): Promise<string> {
  const { target, kind, format } = request;
  if (await exists(target)) return target;
  const side = kind === 'large' ? largePreviewSide : webpMaxSide;
  const image = await uprightImage(await readOriginal(request), format);
  const webp = await image
    .resize(side, side, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: kind === 'large' ? 82 : 90 })
    .toBuffer();
  await writeContentAddressed(target, webp);
  return target;
}

/** The original's bytes, read only if the file really lies inside the library. */
async function readOriginal({ original, libraryRoot }: PreviewRequest): Promise<Buffer> {
  const file = await original();
  const handle = await openInside(libraryRoot, file);
  if (!handle) throw new NoOriginalError(`${file} is missing or not inside the library`);
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
