/** A stretch of time with one offset from UTC in this computer's time zone. */
export interface OffsetRun {
  /** The run ends just before this instant (epoch ms); Infinity for the last. */
  readonly until: number;
  /** Milliseconds to add to UTC for local time. */
  readonly offsetMs: number;
}

/** This computer's offset from UTC at `ms`, as the renderer's dates (JS Date) see it. */
const offsetAt = (ms: number) => Math.round(-new Date(ms).getTimezoneOffset() * 60_000);

/**
 * Time zones change offset a few times a year at most, and never twice within a week (daylight
 * saving lasts months; the odd one-off change stands alone), so a week's step finds every change.
 */
const stepMs = 7 * 86_400_000;

/** The zone's offsets from `first` to `last` (epoch ms) as runs, each change found to the ms. */
export function localOffsetRuns(first: number, last: number): OffsetRun[] {
  const runs: OffsetRun[] = [];
  let offsetMs = offsetAt(first);
  for (let at = first; at < last;) {
    const next = Math.min(at + stepMs, last);
    if (offsetAt(next) === offsetMs) {
      at = next;
      continue;
    }
    // The first instant with another offset: in (at, next].
    let before = at;
    let after = next;
    while (after - before > 1) {
      const middle = Math.floor((before + after) / 2);
      if (offsetAt(middle) === offsetMs) before = middle;
      else after = middle;
    }
    runs.push({ until: after, offsetMs });
    offsetMs = offsetAt(after);
    at = after;
  }
  runs.push({ until: Infinity, offsetMs });
  return runs;
}

/**
 * SQL for the offset at `column`'s instant: a balanced tree of CASEs over the runs, so each row
 * costs a handful of comparisons however many changes the library spans. Numbers only: no input
 * reaches the text.
 */
export function offsetSql(column: string, runs: readonly OffsetRun[]): string {
  const tree = (low: number, high: number): string => {
    if (low === high) return String(runs[low]?.offsetMs ?? 0);
    const middle = Math.floor((low + high) / 2);
    const split = runs[middle]?.until ?? Infinity;
    return `(CASE WHEN ${column} < ${split} THEN ${tree(low, middle)} ELSE ${tree(middle + 1, high)} END)`;
  };
  return tree(0, runs.length - 1);
}
