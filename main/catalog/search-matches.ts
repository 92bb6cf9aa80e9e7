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

// Each statement answers one set of photo ids as one string: a common word matches tens of
// thousands of photos, and rows are what cost (a row object per id costs more than the search).
const sql = {
  maxId: 'SELECT max(id) AS n FROM photos',
  every: 'SELECT group_concat(id) AS ids FROM photos',
  // A word prefix-matches a label term (a label's or its parents' word) at or above the
  // minimum confidence.
  labelTerms: `SELECT group_concat(photo_id) AS ids FROM label_terms
    WHERE term >= $word AND term < $end AND confidence >= $min`,
  // …or a word of the file name, camera or description, as a prefix.
  text: 'SELECT group_concat(rowid) AS ids FROM photos_fts WHERE photos_fts MATCH $fts',
  label: `SELECT group_concat(photo_id) AS ids FROM labels
    WHERE name = $label COLLATE NOCASE AND confidence >= $min`,
  trashed: 'SELECT group_concat(id) AS ids FROM photos WHERE trashed_at IS NOT NULL',
  favorites: `SELECT group_concat(id) AS ids FROM photos
    WHERE favorite = 1 AND trashed_at IS NULL`,
  album: `SELECT group_concat(photo_id) AS ids FROM album_members
    WHERE album_id = $album AND added = 1`,
};

/**
 * Finds the photos a filter matches as a bitmap over photo ids: every word's set (label terms
 * or text), the label's and the scope's, intersected in memory. Each set is one index range read
 * in one statement, so the cost is the size of the sets, with no ordering and no temporary
 * B-trees; ordering is left to a walk over the grid's index that stops after the first page.
 */
export class SearchMatcher {
  private readonly sql: Record<keyof typeof sql, StatementSync>;

  constructor(db: DatabaseSync) {
    this.sql = prepareAll(db, sql);
  }

  match(filter: SearchFilter): MatchSet {
    const size = ((this.sql.maxId.get() as { n: number | null }).n ?? 0) + 1;
    // bits[id] counts the sets the photo is in so far: a photo in set k moves from k to k + 1,
    // so a photo in both halves of one word's set (a label term and its file name) counts once.
    const bits = new Uint8Array(size);
    const sets = this.includedSets(filter);
    sets.forEach((read, k) => {
      for (const ids of read()) advance(bits, ids, k);
    });
    if (filter.scope === 'library' || filter.scope === 'album') {
      drop(bits, this.ids(this.sql.trashed));
    }
    let count = 0;
    for (let id = 0; id < size; id++) {
      const matched = bits[id] === sets.length ? 1 : 0;
      bits[id] = matched;
      count += matched;
    }
    return { bits, count };
  }

  /**
   * Each set a match must be in, as readers of its ids (one word's set is two lists: label terms
   * and text); the Trash is taken out after.
   */
  private includedSets(filter: SearchFilter): (() => (string | null)[])[] {
    const min = filter.minConfidence;
    const sets = filter.words.map((word) => () => [
      // U+10FFFF sorts after every character, so the range is every term starting with `word`.
      this.ids(this.sql.labelTerms, { word, end: `${word}\u{10FFFF}`, min }),
      this.ids(this.sql.text, { fts: toFtsQuery(word) }),
    ]);
    if (filter.label) sets.push(() => [this.ids(this.sql.label, { label: filter.label, min })]);
    if (filter.scope === 'favorites') sets.push(() => [this.ids(this.sql.favorites)]);
    if (filter.scope === 'trash') sets.push(() => [this.ids(this.sql.trashed)]);
    if (filter.scope === 'album') {
      sets.push(() => [this.ids(this.sql.album, { album: filter.album })]);
    }
    if (sets.length === 0) sets.push(() => [this.ids(this.sql.every)]);
    return sets;
  }

  private ids(statement: StatementSync, params: Record<string, string | number> = {}) {
    return (statement.get(params) as { ids: string | null }).ids;
  }
}

/** Moves every id in `ids` (comma-separated decimals) that is at step `k` to step `k + 1`. */
function advance(bits: Uint8Array, ids: string | null, k: number): void {
  forEachId(ids, (id) => {
    if (bits[id] === k) bits[id] = k + 1;
  });
}

/** Takes every id in `ids` out of the match (no count of sets reaches 255). */
function drop(bits: Uint8Array, ids: string | null): void {
  forEachId(ids, (id) => {
    bits[id] = 255;
  });
}

/** Calls `visit` with each id of a `group_concat` of ids, without splitting the string. */
export function forEachId(ids: string | null, visit: (id: number) => void): void {
  if (!ids) return;
  let id = 0;
  for (let i = 0; i < ids.length; i++) {
    const c = ids.charCodeAt(i);
    if (c === 44) {
      visit(id);
      id = 0;
    } else {
      id = id * 10 + (c - 48);
    }
  }
  visit(id);
}
