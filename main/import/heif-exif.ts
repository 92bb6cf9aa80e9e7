/**
 * Finds the EXIF block of a HEIF file (its `Exif` item, located through `iinf` and `iloc`) and
 * answers it as a TIFF stream. exifr reads HEIC itself but ignores iloc's base offset, which
 * libheif-based writers (heif-enc, GIMP, ImageMagick) use, so Shoebox reads the boxes here.
 * Anything malformed answers null: a photo without readable EXIF is fine.
 */
/**
 * Whether a format's EXIF is an item of a HEIF container, read with heifExif: HEIC and HEIF,
 * and AVIF, whose container is the same (exifr refuses sharp's AVIF as "Malformed EXIF data").
 */
export function exifIsHeifItem(format: string): boolean {
  return format === 'heic' || format === 'heif' || format === 'avif';
}

export function heifExif(bytes: Uint8Array): Uint8Array | null {
  try {
    return findExif(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), bytes);
  } catch {
    return null;
  }
}

interface Box {
  readonly type: string;
  readonly start: number;
  readonly end: number;
}

function children(view: DataView, start: number, end: number): Box[] {
  const boxes: Box[] = [];
  for (let at = start; at + 8 <= end;) {
    const size = view.getUint32(at);
    const type = String.fromCharCode(
      view.getUint8(at + 4),
      view.getUint8(at + 5),
      view.getUint8(at + 6),
      view.getUint8(at + 7),
    );
    if (size < 8 || at + size > end) break;
    boxes.push({ type, start: at, end: at + size });
    at += size;
  }
  return boxes;
}

function findExif(view: DataView, bytes: Uint8Array): Uint8Array | null {
  const meta = children(view, 0, bytes.length).find((box) => box.type === 'meta');
  if (!meta) return null;
  const inMeta = children(view, meta.start + 12, meta.end);
  const iinf = inMeta.find((box) => box.type === 'iinf');
  const iloc = inMeta.find((box) => box.type === 'iloc');
  if (!iinf || !iloc) return null;
  const id = exifItemId(view, iinf);
  if (id === null) return null;
  const extent = itemExtent(view, iloc, id);
  if (!extent || extent.offset + extent.length > bytes.length || extent.length < 4) return null;
  // The item starts with the offset of the TIFF header within what follows (ISO/IEC 23008-12).
  const headerOffset = view.getUint32(extent.offset);
  const tiffStart = extent.offset + 4 + headerOffset;
  const tiffEnd = extent.offset + extent.length;
  return tiffStart < tiffEnd ? bytes.subarray(tiffStart, tiffEnd) : null;
}

function exifItemId(view: DataView, iinf: Box): number | null {
  const version = view.getUint8(iinf.start + 8);
  let at = iinf.start + 12;
  at += version === 0 ? 2 : 4; // entry_count
  for (const infe of children(view, at, iinf.end)) {
    if (infe.type !== 'infe') continue;
    const infeVersion = view.getUint8(infe.start + 8);
    if (infeVersion < 2) continue;
    const body = infe.start + 12;
    const idSize = infeVersion === 3 ? 4 : 2;
    const id = idSize === 4 ? view.getUint32(body) : view.getUint16(body);
    const typeAt = body + idSize + 2; // item_ID, item_protection_index
    const type = String.fromCharCode(...[0, 1, 2, 3].map((index) => view.getUint8(typeAt + index)));
    if (type === 'Exif') return id;
  }
  return null;
}

function readSized(view: DataView, at: number, size: number): number {
  if (size === 0) return 0;
  if (size === 4) return view.getUint32(at);
  if (size === 8) return Number(view.getBigUint64(at));
  throw new Error(`Unsupported iloc field size ${size}`);
}

function itemExtent(
  view: DataView,
  iloc: Box,
  wanted: number,
): { offset: number; length: number } | null {
  const version = view.getUint8(iloc.start + 8);
  let at = iloc.start + 12;
  const sizes = view.getUint8(at);
  const more = view.getUint8(at + 1);
  at += 2;
  const offsetSize = sizes >> 4;
  const lengthSize = sizes & 15;
  const baseSize = more >> 4;
  const indexSize = version >= 1 ? more & 15 : 0;
  const count = version < 2 ? view.getUint16(at) : view.getUint32(at);
  at += version < 2 ? 2 : 4;
  for (let item = 0; item < count; item++) {
    const id = version < 2 ? view.getUint16(at) : view.getUint32(at);
    at += version < 2 ? 2 : 4;
    const method = version >= 1 ? view.getUint16(at) & 15 : 0;
    if (version >= 1) at += 2;
    at += 2; // data_reference_index
    const base = readSized(view, at, baseSize);
    at += baseSize;
    const extents = view.getUint16(at);
    at += 2;
    if (id === wanted) {
      // Only data in the file itself (construction method 0) and in one piece is read.
      if (method !== 0 || extents !== 1) return null;
      const offset = readSized(view, at + indexSize, offsetSize);
      const length = readSized(view, at + indexSize + offsetSize, lengthSize);
      return { offset: base + offset, length };
    }
    at += extents * (indexSize + offsetSize + lengthSize);
  }
  return null;
}
