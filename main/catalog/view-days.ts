import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { DayCount, PhotoScope, SortOrder, ViewDays } from '../../contract/photos';
import { localOffsetRuns, offsetSql } from './local-offsets';
import { scopeCondition } from './view-sql';

/** The column a sort orders by, and so the date its sections are days of. */
const dayColumn: Record<SortOrder, 'sort_at' | 'imported_at'> = {
  'taken-desc': 'sort_at',
  'taken-asc': 'sort_at',
  'imported-desc': 'imported_at',
};

const direction: Record<SortOrder, 'ASC' | 'DESC'> = {
  'taken-desc': 'DESC',
  'taken-asc': 'ASC',
  'imported-desc': 'DESC',
};

const dayMs = 86_400_000;

interface DayRow {
  day: number;
  n: number;
  undated: number;
}

/**
 * How many photos of a view fall on each calendar day, in the view's order: the timeline's
 * sections. Days are of this computer's time zone, as the renderer shows dates. Since every
 * date order sorts by the very column grouped here, each day's photos are one unbroken run.
 *
 * The local day is the UTC day of the instant moved by the zone's offset then, which is constant
 * between the zone's transitions (local-offsets.ts): integer arithmetic per photo, where SQLite's
 * 'localtime' asks the C library about each one (about a quarter of a second at 100,000 photos,
 * on the first screen's way at start).
 */
export class ViewDayCounts {
  private readonly statements = new Map<string, StatementSync>();
  private readonly spans: Record<'sort_at' | 'imported_at', StatementSync>;

  constructor(private readonly db: DatabaseSync) {
    // Each a single min() or max() over an indexed column: an index lookup, not a scan.
    const span = (column: string) =>
      db.prepare(
        `SELECT (SELECT min(${column}) FROM photos) AS first, (SELECT max(${column}) FROM photos) AS last`,
      );
    this.spans = { sort_at: span('sort_at'), imported_at: span('imported_at') };
  }

  /** `ids` (the view's photos, in order) when a search or album narrows it; else `scope`'s. */
  count(sort: SortOrder, scope: Exclude<PhotoScope, 'album'>, ids: Int32Array | null): ViewDays {
    const column = dayColumn[sort];
    const { first, last } = this.spans[column].get() as {
      first: number | null;
      last: number | null;
    };
    const basis = sort === 'imported-desc' ? 'added' : 'taken';
    if (first === null || last === null) return { basis, days: [] };
    const where = ids ? 'p.id IN (SELECT value FROM json_each($ids))' : scopeCondition[scope];
    const local = `p.${column} + ${offsetSql(`p.${column}`, localOffsetRuns(first, last))}`;
    // Floor division, also right for instants before 1970 (SQLite's % and / truncate).
    const sql = `SELECT (local - ((local % ${dayMs}) + ${dayMs}) % ${dayMs}) / ${dayMs} AS day,
         count(*) AS n, sum(undated) AS undated
       FROM (SELECT ${local} AS local, p.taken_at IS NULL AS undated FROM photos p WHERE ${where})
       GROUP BY day ORDER BY day ${direction[sort]}`;
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    const rows = (ids
      ? statement.all({ ids: JSON.stringify([...ids]) })
      : statement.all()) as unknown as DayRow[];
    return {
      basis,
      days: rows.map((row): DayCount => ({
        day: new Date(row.day * dayMs).toISOString().slice(0, 10),
        count: row.n,
        undated: row.undated,
      })),
    };
  }
}
