import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { SortOrder } from '../../contract/photos';
import { inMatch, matchFunction, type WithMatch } from './match-function';
import {
  forEachId,
  idList,
  SearchMatcher,
  type IdList,
  type MatchSet,
  type SearchFilter,
} from './search-matches';
import { orderBy } from './view-sql';

export type { SearchFilter } from './search-matches';

/** Searches kept at once: the last few things typed, so backspacing is instant too. */
const keep = 8;

/**
 * Up to this many matches are put in order by looking each one up; more are found by walking the
 * grid's index in order, which stops after the first page however many there are.
 */
const defaultLookupLimit = 2000;

/** One search's matches, and their order once something needed all of it. */
interface KeptSearch {
  readonly match: MatchSet;
  ids: Int32Array | null;
}

/** A page of a view's ids and how many the whole view has. */
export interface IdPage {
  readonly total: number;
  readonly ids: Int32Array;
}

/**
 * The photos a search matches, kept for the searches made last. The first page costs the sets
 * the search reads (see SearchMatcher) and a walk down the grid's index that stops once it is
 * full; the whole ordered list is built only when something asks beyond it (scrolling on, a bulk
 * action, the timeline's days), and kept, so scrolling on costs a slice of it. Any write to the
 * catalog through this connection (`total_changes()`) makes the kept searches stale.
 */
export class SearchResults {
  private readonly statements = new Map<string, StatementSync>();
  private readonly changes: StatementSync;
  private readonly matcher: SearchMatcher;
  private readonly withMatch: WithMatch;
  private readonly kept = new Map<string, KeptSearch>();
  private keptAt = -1;

  /** `lookupLimit`: tests set it to take either way to the same order. */
  constructor(
    private readonly db: DatabaseSync,
    private readonly lookupLimit = defaultLookupLimit,
  ) {
    this.changes = db.prepare('SELECT total_changes() AS n');
    this.matcher = new SearchMatcher(db);
    this.withMatch = matchFunction(db);
  }

  /** The ids of the page at `offset`, and the number of matches. */
  page(filter: SearchFilter, offset: number, limit: number): IdPage {
    const search = this.search(filter);
    const { count } = search.match;
    if (search.ids || offset > 0 || count <= this.lookupLimit || filter.scope === 'album') {
      return { total: count, ids: this.ordered(filter, search).subarray(offset, offset + limit) };
    }
    return { total: count, ids: this.walk(filter, search.match, limit) };
  }

  /** The ids of every match, in grid order. */
  ids(filter: SearchFilter): Int32Array {
    return this.ordered(filter, this.search(filter));
  }

  /** The matches as a set (`bits[id]` is 1), for counting them by other measures. */
  matches(filter: SearchFilter): MatchSet {
    return this.search(filter).match;
  }

  /** Reads ahead the set of a one-character word (SearchMatcher.prepare). */
  prepare(initial: string, minConfidence: number): void {
    this.forgetIfChanged();
    this.matcher.prepare(initial, minConfidence);
  }

  private forgetIfChanged(): void {
    const changes = (this.changes.get() as { n: number }).n;
    if (changes !== this.keptAt) {
      this.kept.clear();
      this.matcher.forget();
      this.keptAt = changes;
    }
  }

  private search(filter: SearchFilter): KeptSearch {
    this.forgetIfChanged();
    const key = JSON.stringify(filter);
    let search = this.kept.get(key);
    if (!search) {
      search = { match: this.matcher.match(filter), ids: null };
      if (this.kept.size >= keep) this.kept.delete(this.kept.keys().next().value ?? '');
    } else {
      this.kept.delete(key); // re-inserted below as the most recent
    }
    this.kept.set(key, search);
    return search;
  }

  private ordered(filter: SearchFilter, search: KeptSearch): Int32Array {
    search.ids ??= this.order(filter, search.match);
    return search.ids;
  }

  /** The first `limit` matches in grid order: a walk down the order's index that stops there. */
  private walk(filter: SearchFilter, match: MatchSet, limit: number): Int32Array {
    const walk = this.statement(`walk/${filter.sort}`, () => walkSql(filter.sort));
    return this.run(walk, match, { limit }, Math.min(limit, match.count));
  }

  private order(filter: SearchFilter, match: MatchSet): Int32Array {
    if (filter.scope === 'album') {
      const album = this.statement('album', () => albumSql);
      return this.run(album, match, { album: filter.album }, match.count);
    }
    if (match.count <= this.lookupLimit) {
      const lookup = this.statement(`lookup/${filter.sort}`, () => lookupSql(filter.sort));
      const ids: number[] = [];
      match.bits.forEach((bit, id) => {
        if (bit === 1) ids.push(id);
      });
      return this.run(lookup, match, { ids: JSON.stringify(ids) }, match.count);
    }
    const walk = this.statement(`walk/${filter.sort}`, () => walkSql(filter.sort));
    return this.run(walk, match, { limit: -1 }, match.count);
  }

  private run(
    statement: StatementSync,
    match: MatchSet,
    params: Record<string, string | number>,
    most: number,
  ): Int32Array {
    const row = this.withMatch(match.bits, () => statement.get(params)) as { ids: IdList };
    const ids = new Int32Array(most);
    let n = 0;
    forEachId(row.ids, (id) => {
      ids[n++] = id;
    });
    return ids.subarray(0, n);
  }

  private statement(key: string, sql: () => string): StatementSync {
    let statement = this.statements.get(key);
    if (!statement) {
      statement = this.db.prepare(sql());
      this.statements.set(key, statement);
    }
    return statement;
  }
}

// Each answers its ids as one list (idList), in order (rows are what cost, as in SearchMatcher).

/** Down the order's index (the planner's choice for ORDER BY … LIMIT), reading no photo rows. */
function walkSql(sort: SortOrder): string {
  return `SELECT ${idList('id')} AS ids FROM (
    SELECT p.id FROM photos p WHERE ${inMatch}(p.id) ORDER BY ${orderBy[sort]} LIMIT $limit)`;
}

/** A few matches, looked up one by one and sorted. */
function lookupSql(sort: SortOrder): string {
  return `SELECT ${idList('id')} AS ids FROM (
    SELECT p.id FROM photos p WHERE p.id IN (SELECT value FROM json_each($ids))
    ORDER BY ${orderBy[sort]})`;
}

/** An album keeps its own order: the order its photos were put in it. */
const albumSql = `SELECT ${idList('photo_id')} AS ids FROM (
  SELECT m.photo_id FROM album_members m
  WHERE m.album_id = $album AND m.added = 1 AND ${inMatch}(m.photo_id)
  ORDER BY m.at, m.photo_id)`;
