/**
 * File names for exported originals: the name the photo was imported with, made safe on every
 * desktop file system, and numbered " (2)", " (3)"… where a name is already taken.
 */

// Characters no Windows file name may hold, plus every control character.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const unsafeCharacters = /[\u0000-\u001f\u007f<>:"/\\|?*]/g;
// Device names Windows reserves whatever the extension ("CON.jpg" opens the console).
const reservedStem = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
/** Bytes a name may take: 255 is the common limit, with room left for " (12345)". */
const maxNameBytes = 240;

/**
 * A safe name for an export: the last path part of `filename`, unsafe characters replaced, no
 * leading dots (hidden files), no trailing dots or spaces (Windows drops them), no reserved
 * device name, at most 240 UTF-8 bytes, and an extension (`format`) when it had none. An
 * empty result becomes `photo-<first 12 of sha256>`.
 */
export function safeFileName(filename: string, format: string, sha256: string): string {
  const lastPart = filename.split(/[/\\]/).pop() ?? '';
  let name = lastPart.normalize('NFC').replace(unsafeCharacters, '_').trim();
  name = name.replace(/^\.+/, '').replace(/[. ]+$/, '');
  if (name === '') name = `photo-${sha256.slice(0, 12)}`;
  const { stem, extension } = splitName(name);
  // Windows reads the device name up to the first dot: "CON.tar.jpg" is reserved too.
  const safeStem = reservedStem.test(stem.split('.')[0] ?? '') ? `_${stem}` : stem;
  const safeExtension = extension === '' ? `.${format.toLowerCase()}` : extension;
  return `${truncateBytes(safeStem, maxNameBytes - byteLength(safeExtension))}${safeExtension}`;
}

/** `name` itself for n = 1, then "name (2).ext", "name (3).ext"… */
export function numberedName(name: string, n: number): string {
  if (n <= 1) return name;
  const { stem, extension } = splitName(name);
  return `${stem} (${n})${extension}`;
}

/**
 * The names taken inside one zip. Compared without case, since Windows and macOS extract to
 * case-insensitive folders where "a.JPG" would overwrite "a.jpg".
 */
export class NameClaims {
  private readonly taken = new Set<string>();

  /** The first free numbered form of `name`, now taken. */
  claim(name: string): string {
    for (let n = 1; ; n++) {
      const candidate = numberedName(name, n);
      const key = candidate.toLowerCase();
      if (!this.taken.has(key)) {
        this.taken.add(key);
        return candidate;
      }
    }
  }
}

/** Longer endings than this are part of the name, not an extension. */
const maxExtensionLength = 16;

function splitName(name: string): { stem: string; extension: string } {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || name.length - dot > maxExtensionLength) return { stem: name, extension: '' };
  return { stem: name.slice(0, dot), extension: name.slice(dot) };
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The longest start of `text` within `limit` UTF-8 bytes, never splitting a character. */
function truncateBytes(text: string, limit: number): string {
  if (byteLength(text) <= limit) return text;
  let result = '';
  for (const character of text) {
    if (byteLength(result + character) > limit) break;
    result += character;
  }
  return result;
}
