import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { DayCount, SortOrder, ViewDays } from '../../contract/photos';
import { inMatch, matchFunction, type WithMatch } from './match-function';
import { forEachId, idList, type IdList, type MatchSet } from './search-matches';
import { orderBy } from './view-sql';

/** The column a sort orders by, and so the date its sections are days of. */
const dayColumn: Record<SortOrder, string> = {
  'taken-desc': 'p.sort_at',
  'taken-asc': 'p.sort_at',
  'imported-desc': 'p.imported_at',
};

/**
 * How many photos of a view fall on each calendar day, in the view's order: the timeline's
 * sections. Days are of this computer's time zone, as the renderer shows dates. Since every
 * date order sorts by the very column grouped here, each day's photos are one unbroken run.
 *
 * The view's dates are read in order from the order's index (no photo rows), one string for all
 * of them, and cut into days here: SQLite's 'localtime' costs a time zone lookup per photo
 * (glibc stats /etc/localtime on each call when TZ is unset), most of a second at 100,000.
 */
export class ViewDayCounts {
  private readonly statements = new Map<SortOrder, StatementSync>();
  private readonly undated: StatementSync;
  private readonly withMatch: WithMatch;

  constructor(private readonly db: DatabaseSync) {
    this.withMatch = matchFunction(db);
    this.undated = db.prepare(`SELECT ${idList('id')} AS ids FROM photos WHERE taken_at IS NULL`);
  }

  /** The days of `match` (a view's photos) in `sort`'s order. */
  count(sort: SortOrder, match: MatchSet): ViewDays {
    // 1 marks a dated photo of the view, 2 an undated one.
    const marks = match.bits.slice();
    forEachId((this.undated.get() as { ids: IdList }).ids, (id) => {
      if (marks[id] === 1) marks[id] = 2;
    });
    const row = this.withMatch(marks, () => this.statement(sort).get()) as unknown as DatesRow;
    return {
      basis: sort === 'imported-desc' ? 'added' : 'taken',
      days: localDays(row.dates, row.undated),
    };
  }

  private statement(sort: SortOrder): StatementSync {
    let statement = this.statements.get(sort);
    if (!statement) {
      statement = this.db.prepare(
        `SELECT group_concat(at) AS dates, group_concat(undated) AS undated FROM (
           SELECT ${dayColumn[sort]} AS at,
             CASE WHEN ${inMatch}(p.id) = 2 THEN ${dayColumn[sort]} END AS undated
           FROM photos p WHERE ${inMatch}(p.id) > 0 ORDER BY ${orderBy[sort]})`,
      );
      this.statements.set(sort, statement);
    }
    return statement;
  }
}

interface DatesRow {
  /** Every photo's date (ms), in order. */
  dates: string | null;
  /** The undated photos' dates, in the same order. */
  undated: string | null;
}

/** Runs of dates (in order) cut at local midnights: each day and how many fall on it. */
function localDays(dates: string | null, undated: string | null): DayCount[] {
  const days: DayCount[] = [];
  const undatedOn = new Map<string, number>();
  const day = new DayCutter();
  forEachDate(undated, (at) => {
    const key = day.of(at);
    undatedOn.set(key, (undatedOn.get(key) ?? 0) + 1);
  });
  let current = '';
  let count = 0;
  const close = () => {
    if (count > 0) days.push({ day: current, count, undated: undatedOn.get(current) ?? 0 });
  };
  forEachDate(dates, (at) => {
    const key = day.of(at);
    if (key === current) {
      count++;
      return;
    }
    close();
    current = key;
    count = 1;
  });
  close();
  return days;
}

/** Names the local day of an instant, working out the day's bounds only when it changes. */
class DayCutter {
  private start = 0;
  private end = 0;
  private name = '';

  of(at: number): string {
    if (at >= this.start && at < this.end) return this.name;
    const date = new Date(at);
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    this.name = `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
    date.setHours(0, 0, 0, 0);
    this.start = date.getTime();
    date.setDate(date.getDate() + 1);
    date.setHours(0, 0, 0, 0);
    this.end = date.getTime();
    return this.name;
  }
}

/** Each (possibly negative) integer of a `group_concat`. */
function forEachDate(dates: string | null, visit: (at: number) => void): void {
  if (!dates) return;
  let value = 0;
  let sign = 1;
  for (let i = 0; i <= dates.length; i++) {
    const c = i < dates.length ? dates.charCodeAt(i) : 44;
    if (c === 44) {
      visit(sign * value);
      value = 0;
      sign = 1;
    } else if (c === 45) {
      sign = -1;
    } else {
      value = value * 10 + (c - 48);
    }
  }
}
