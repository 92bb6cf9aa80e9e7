import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { PhotoScope, SortOrder } from '../../contract/photos';
import { toFtsQuery } from '../model/search-words';
import { scopeCondition, viewOrder } from './view-sql';

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

/** One word must match a label term at or above the minimum confidence, or the text index. */
function wordCondition(n: number): string {
  return `(p.id IN (SELECT photo_id FROM label_terms
             WHERE term >= $w${n} AND term < $w${n}end AND confidence >= $min)
        OR p.id IN (SELECT rowid FROM photos_fts WHERE photos_fts MATCH $fts${n}))`;
}

const labelCondition = `p.id IN (
  SELECT photo_id FROM labels WHERE name = $label COLLATE NOCASE AND confidence >= $min)`;

/** Searches kept at once: the last few things typed, so backspacing is instant too. */
const keep = 8;

/**
 * The ids of the photos a search matches, in grid order, kept for the searches made last. A
 * search over 100,000 photos costs tens of milliseconds; scrolling through its results then costs
 * a slice of the kept list instead of a new search per page. Any write to the catalog through
 * this connection (`total_changes()`) makes the kept lists stale.
 */
export class SearchResults {
  private readonly statements = new Map<string, StatementSync>();
  private readonly changes: StatementSync;
  private readonly kept = new Map<string, Int32Array>();
  private keptAt = -1;

  constructor(private readonly db: DatabaseSync) {
    this.changes = db.prepare('SELECT total_changes() AS n');
  }

  ids(filter: SearchFilter): Int32Array {
    const changes = (this.changes.get() as { n: number }).n;
    if (changes !== this.keptAt) {
      this.kept.clear();
      this.keptAt = changes;
    }
    const key = JSON.stringify(filter);
    let ids = this.kept.get(key);
    if (!ids) {
      ids = this.search(filter);
      if (this.kept.size >= keep) this.kept.delete(this.kept.keys().next().value ?? '');
    } else {
      this.kept.delete(key); // re-inserted below as the most recent
    }
    this.kept.set(key, ids);
    return ids;
  }

  private search(filter: SearchFilter): Int32Array {
    const params: Record<string, string | number> = {};
    // Only words and labels compare confidences (SQLite refuses a parameter nothing names).
    if (filter.words.length > 0 || filter.label) params['min'] = filter.minConfidence;
    filter.words.forEach((word, n) => {
      params[`w${n}`] = word;
      // U+10FFFF sorts after every character, so the range is every term starting with `word`.
      params[`w${n}end`] = `${word}\u{10FFFF}`;
      params[`fts${n}`] = toFtsQuery(word);
    });
    if (filter.label) params['label'] = filter.label;
    if (filter.scope === 'album') params['album'] = filter.album;
    const row = this.statementFor(filter).get(params) as { ids: string | null };
    // One string of ids instead of a row object per match: a common word matches tens of
    // thousands of photos, and rows are what cost.
    return Int32Array.from(row.ids ? row.ids.split(',') : [], Number);
  }

  private statementFor(filter: SearchFilter): StatementSync {
    const shape = `${filter.sort}/${filter.scope}/${filter.words.length}/${filter.label !== ''}`;
    let statement = this.statements.get(shape);
    if (!statement) {
      const conditions = [
        scopeCondition[filter.scope],
        ...filter.words.map((_, n) => wordCondition(n)),
      ];
      if (filter.label) conditions.push(labelCondition);
      statement = this.db.prepare(
        `SELECT group_concat(id) AS ids FROM (
           SELECT p.id FROM photos p WHERE ${conditions.join(' AND ')}
           ORDER BY ${viewOrder(filter.scope, filter.sort)})`,
      );
      this.statements.set(shape, statement);
    }
    return statement;
  }
}
