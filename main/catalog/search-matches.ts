import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { PhotoScope, SortOrder } from '../../contract/photos';
import { toFtsQuery } from '../model/search-words';
import { prepareAll } from './prepare-all';

/**
 * What narrows the grid: the scope (library, favorites, trash, an album), the words typed, a
 * label from the sidebar, the minimum confidence.
 */
export interface SearchFilter {
  readonly sort: SortOrder;
  readonly scope: PhotoScope;
  /** The album's id with scope `album`, otherwise ''. */
  readonly album: string;
  readonly words: readonly string[];
  readonly label: string;
  readonly minConfidence: number;
}

/** The photos a filter matches, in no order: `bits[id]` is 1 for each. */
export interface MatchSet {
  readonly bits: Uint8Array;
  readonly count: number;
}

// Each statement answers one set of photo ids as one list (idList): a common word matches tens of
// thousands of photos, and rows are what cost (a row object per id costs more than the search).
const sql = {
  maxId: 'SELECT max(id) AS n FROM photos',
  every: `SELECT ${idList('id')} AS ids FROM photos`,
  // A word prefix-matches a label term (a label's or its parents' word) at or above the
  // minimum confidence. The terms in the word's range are stepped through one seek each (a
  // single letter's range holds every row of every term starting with it), and each term's rows
  // at or above the minimum are one range of the key (term, confidence, photo_id): no row below
  // the setting is read.
  labelTerms: `WITH RECURSIVE terms (term) AS (
      SELECT min(term) FROM label_terms WHERE term >= $word AND term < $end
      UNION ALL
      SELECT (SELECT min(term) FROM label_terms WHERE term > terms.term AND term < $end)
      FROM terms WHERE terms.term IS NOT NULL)
    SELECT ${idList('l.photo_id')} AS ids FROM terms
    JOIN label_terms l ON l.term = terms.term AND l.confidence >= $min`,
  // …or a word of the file name, camera or description, as a prefix.
  text: `SELECT ${idList('rowid')} AS ids FROM photos_fts WHERE photos_fts MATCH $fts`,
  label: `SELECT ${idList('photo_id')} AS ids FROM labels
    WHERE name = $label COLLATE NOCASE AND confidence >= $min`,
  trashed: `SELECT ${idList('id')} AS ids FROM photos WHERE trashed_at IS NOT NULL`,
  favorites: `SELECT ${idList('id')} AS ids FROM photos
    WHERE favorite = 1 AND trashed_at IS NULL`,
  album: `SELECT ${idList('photo_id')} AS ids FROM album_members
    WHERE album_id = $album AND added = 1`,
};

/** Words whose sets are kept: typing on changes the last word, so the ones before it are read once. */
const keptWords = 16;

/**
 * The one-character words whose sets `prepare` reads ahead: every new word typed starts as one,
 * and one character's set is the largest a word has (about 20-40 ms to read at 100,000 photos,
 * most of a search's answer).
 */
export const initials = Array.from('abcdefghijklmnopqrstuvwxyz0123456789');

/**
 * Above this many photo ids the initials are not read ahead: their sets take a byte per id each
 * (36 sets: 3.6 MB at 100,000 photos, 18 MB here).
 */
const mostIdsPrepared = 500_000;

/**
 * Finds the photos a filter matches as a bitmap over photo ids: every word's set (label terms
 * or text), the label's and the scope's, intersected in memory. Each set is one index range read
 * in one statement, so the cost is the size of the sets, with no ordering and no temporary
 * B-trees; ordering is left to a walk over the grid's index that stops after the first page.
 * The last words' sets are kept until `forget` (the catalog changed): "food c" after "food"
 * reads only the photos of "c".
 */
export class SearchMatcher {
  private readonly sql: Record<keyof typeof sql, StatementSync>;
  private readonly wordSets = new Map<string, Uint8Array>();
  /** The initials' sets read ahead, by `${min} ${initial}`: kept apart from the last words'. */
  private readonly initialSets = new Map<string, Uint8Array>();

  constructor(db: DatabaseSync) {
    this.sql = prepareAll(db, sql);
  }

  /** Drops the kept word sets; the caller says when the catalog changed. */
  forget(): void {
    this.wordSets.clear();
    this.initialSets.clear();
  }

  /**
   * Reads ahead and keeps the set of `initial` (one of `initials`) at the minimum confidence
   * `min`, unless it is kept already or the library is too large to keep them.
   */
  prepare(initial: string, min: number): void {
    const size = this.size();
    if (size > mostIdsPrepared) return;
    const key = `${min} ${initial}`;
    if (this.initialSets.get(key)?.length === size) return;
    this.initialSets.set(key, this.readWordSet(initial, min, size));
  }

  match(filter: SearchFilter): MatchSet {
    const size = this.size();
    // bits[id] counts the sets the photo is in so far: a photo in set k moves from k to k + 1.
    const bits = new Uint8Array(size);
    const words = filter.words.map((word) => this.wordSet(word, filter.minConfidence, size));
    words.forEach((set, k) => {
      for (let id = 0; id < size; id++) if (bits[id] === k && set[id] === 1) bits[id] = k + 1;
    });
    const sets = this.otherSets(filter);
    sets.forEach((read, k) => advance(bits, read(), words.length + k));
    if (filter.scope === 'library' || filter.scope === 'album') {
      drop(bits, this.ids(this.sql.trashed));
    }
    const all = words.length + sets.length;
    let count = 0;
    for (let id = 0; id < size; id++) {
      const matched = bits[id] === all ? 1 : 0;
      bits[id] = matched;
      count += matched;
    }
    return { bits, count };
  }

  /**
   * The photos a word finds (`set[id]` is 1): a label term at or above the minimum confidence or
   * a word of the file name, camera or description, as a prefix; a photo in both counts once.
   */
  private wordSet(word: string, min: number, size: number): Uint8Array {
    const key = `${min} ${word}`;
    const prepared = this.initialSets.get(key);
    if (prepared?.length === size) return prepared;
    const kept = this.wordSets.get(key);
    this.wordSets.delete(key); // re-inserted below as the most recent
    if (kept?.length === size) {
      this.wordSets.set(key, kept);
      return kept;
    }
    const set = this.readWordSet(word, min, size);
    if (this.wordSets.size >= keptWords) {
      this.wordSets.delete(this.wordSets.keys().next().value ?? '');
    }
    this.wordSets.set(key, set);
    return set;
  }

  private readWordSet(word: string, min: number, size: number): Uint8Array {
    const set = new Uint8Array(size);
    const mark = (id: number) => {
      set[id] = 1;
    };
    // U+10FFFF sorts after every character, so the range is every term starting with `word`.
    forEachId(this.ids(this.sql.labelTerms, { word, end: `${word}\u{10FFFF}`, min }), mark);
    forEachId(this.ids(this.sql.text, { fts: toFtsQuery(word) }), mark);
    return set;
  }

  /** One more than the largest photo id: the length of every set. */
  private size(): number {
    return ((this.sql.maxId.get() as { n: number | null }).n ?? 0) + 1;
  }

  /** Each other set a match must be in (the label's, the scope's); the Trash is taken out after. */
  private otherSets(filter: SearchFilter): (() => IdList)[] {
    const sets: (() => IdList)[] = [];
    const min = filter.minConfidence;
    if (filter.label) sets.push(() => this.ids(this.sql.label, { label: filter.label, min }));
    if (filter.scope === 'favorites') sets.push(() => this.ids(this.sql.favorites));
    if (filter.scope === 'trash') sets.push(() => this.ids(this.sql.trashed));
    if (filter.scope === 'album') {
      sets.push(() => this.ids(this.sql.album, { album: filter.album }));
    }
    if (sets.length === 0 && filter.words.length === 0) sets.push(() => this.ids(this.sql.every));
    return sets;
  }

  private ids(statement: StatementSync, params: Record<string, string | number> = {}) {
    return (statement.get(params) as { ids: IdList }).ids;
  }
}

/** Moves every id in `ids` that is at step `k` to step `k + 1`. */
function advance(bits: Uint8Array, ids: IdList, k: number): void {
  forEachId(ids, (id) => {
    if (bits[id] === k) bits[id] = k + 1;
  });
}

/** Takes every id in `ids` out of the match (no count of sets reaches 255). */
function drop(bits: Uint8Array, ids: IdList): void {
  forEachId(ids, (id) => {
    bits[id] = 255;
  });
}

/** What `idList` answers: comma-separated decimals as bytes; null for none. */
export type IdList = Uint8Array | null;

/**
 * The SQL for a column's values as one list, comma-separated decimals as bytes (a blob): read
 * from bytes, the ids parse in half the time a string takes, and no JS string is made.
 */
export function idList(column: string): string {
  return `CAST(group_concat(${column}) AS BLOB)`;
}

/** Calls `visit` with each id of an `idList`. */
export function forEachId(ids: IdList, visit: (id: number) => void): void {
  if (!ids || ids.length === 0) return;
  let id = 0;
  for (let i = 0; i < ids.length; i++) {
    const c = ids[i] ?? 0;
    if (c === 44) {
      visit(id);
      id = 0;
    } else {
      id = id * 10 + (c - 48);
    }
  }
  visit(id);
}
