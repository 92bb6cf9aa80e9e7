import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { DayCount, PhotoScope, SortOrder, ViewDays } from '../../contract/photos';
import { scopeCondition } from './view-sql';

/** The column a sort orders by, and so the date its sections are days of. */
const dayColumn: Record<SortOrder, string> = {
  'taken-desc': 'p.sort_at',
  'taken-asc': 'p.sort_at',
  'imported-desc': 'p.imported_at',
};

const direction: Record<SortOrder, 'ASC' | 'DESC'> = {
  'taken-desc': 'DESC',
  'taken-asc': 'ASC',
  'imported-desc': 'DESC',
};

interface DayRow {
  day: string;
  n: number;
  undated: number;
}

/**
 * How many photos of a view fall on each calendar day, in the view's order: the timeline's
 * sections. Days are of this computer's time zone, as the renderer shows dates. Since every
 * date order sorts by the very column grouped here, each day's photos are one unbroken run.
 */
export class ViewDayCounts {
  private readonly statements = new Map<string, StatementSync>();

  constructor(private readonly db: DatabaseSync) {}

  /** `ids` (the view's photos, in order) when a search or album narrows it; else `scope`'s. */
  count(sort: SortOrder, scope: Exclude<PhotoScope, 'album'>, ids: Int32Array | null): ViewDays {
    const where = ids ? 'p.id IN (SELECT value FROM json_each($ids))' : scopeCondition[scope];
    const key = `${sort}/${ids ? 'ids' : scope}`;
    let statement = this.statements.get(key);
    if (!statement) {
      statement = this.db.prepare(
        `SELECT strftime('%Y-%m-%d', ${dayColumn[sort]} / 1000, 'unixepoch', 'localtime') AS day,
           count(*) AS n, sum(p.taken_at IS NULL) AS undated
         FROM photos p WHERE ${where}
         GROUP BY day ORDER BY day ${direction[sort]}`,
      );
      this.statements.set(key, statement);
    }
    const rows = (ids
      ? statement.all({ ids: JSON.stringify([...ids]) })
      : statement.all()) as unknown as DayRow[];
    return {
      basis: sort === 'imported-desc' ? 'added' : 'taken',
      days: rows.map((row): DayCount => ({ day: row.day, count: row.n, undated: row.undated })),
    };
  }
}
