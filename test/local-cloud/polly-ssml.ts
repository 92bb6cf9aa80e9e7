/**
 * SSML checks for the Polly stand-in (test code, never shipped): Polly refuses SSML that is not
 * well-formed XML rooted in <speak> (InvalidSsmlException) and bills only the text, not the tags.
 * This checks well-formedness (balanced tags, quoted attributes, known entities) but not which
 * tags and attributes each engine supports.
 */

/** Thrown for SSML Polly would refuse. */
export class InvalidSsmlError extends Error {
  readonly code = 'InvalidSsml' as const;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const TAG =
  /^<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/;

function decodeText(text: string): string {
  return text.replace(/&([^;\s]*);?/g, (whole, name: string) => {
    if (!whole.endsWith(';')) throw new InvalidSsmlError('Invalid SSML request: bare "&"');
    if (/^#\d+$/.test(name)) return String.fromCodePoint(Number(name.slice(1)));
    if (/^#x[0-9a-f]+$/i.test(name)) return String.fromCodePoint(parseInt(name.slice(2), 16));
    const decoded = ENTITIES[name];
    if (decoded === undefined)
      throw new InvalidSsmlError(`Invalid SSML request: unknown entity &${name};`);
    return decoded;
  });
}

/** The text an SSML document speaks (what Polly bills); throws InvalidSsmlError if malformed. */
export function ssmlSpokenText(ssml: string): string {
  const source = ssml.trim().replace(/^<\?xml[^>]*\?>\s*/, '');
  const stack: string[] = [];
  let spoken = '';
  let closedRoot = false;
  let i = 0;
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    const text = source.slice(i, lt === -1 ? source.length : lt);
    if (text.trim() !== '' && (stack.length === 0 || closedRoot)) {
      throw new InvalidSsmlError('Invalid SSML request: text outside <speak>');
    }
    spoken += decodeText(text);
    if (lt === -1) break;
    if (source.startsWith('<!--', lt)) {
      const end = source.indexOf('-->', lt);
      if (end === -1) throw new InvalidSsmlError('Invalid SSML request: unterminated comment');
      i = end + 3;
      continue;
    }
    const match = TAG.exec(source.slice(lt));
    if (!match) throw new InvalidSsmlError('Invalid SSML request: malformed tag');
    const [whole, closing, name, , selfClosing] = match as unknown as [
      string,
      string,
      string,
      string,
      string,
    ];
    if (closedRoot) throw new InvalidSsmlError('Invalid SSML request: content after </speak>');
    if (stack.length === 0 && (closing || name !== 'speak')) {
      throw new InvalidSsmlError('Invalid SSML request: the root element must be <speak>');
    }
    if (closing) {
      if (stack.pop() !== name)
        throw new InvalidSsmlError(`Invalid SSML request: unexpected </${name}>`);
      if (stack.length === 0) closedRoot = true;
    } else if (!selfClosing) {
      stack.push(name);
    } else if (stack.length === 0) {
      closedRoot = true;
    }
    i = lt + whole.length;
  }
  if (!closedRoot || stack.length > 0)
    throw new InvalidSsmlError('Invalid SSML request: <speak> is not closed');
  return spoken;
}

/** Characters as Polly counts them (code points). */
export function billedLength(text: string): number {
  return [...text].length;
}
