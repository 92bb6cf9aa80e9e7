/**
 * The words of a label name or a search, as the catalog compares them: lower case, accents
 * folded (é → e), split on anything that is not a letter, digit or underscore. The label
 * repository stores label terms this way and searches look them up this way, so the two agree.
 */
export function searchWords(text: string): string[] {
  const folded = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  return folded.match(/[\p{L}\p{N}_]+/gu) ?? [];
}

/** Turns what a person typed into an FTS5 query that cannot be a syntax error. */
export function toFtsQuery(text: string): string {
  const words = text.match(/[\p{L}\p{N}_]+/gu) ?? [];
  return words.map((word) => `"${word}"*`).join(' ');
}
