import type { DayCount, ViewDays } from '../../contract/photos';

/** Whether the timeline's sections are days or months. */
export type TimelineGrouping = 'day' | 'month';

/** One dated stretch of the grid under its header: "May 2024", "Monday 6 May 2024". */
export interface TimelineSection {
  /** "2024-05" or "2024-05-06". */
  readonly key: string;
  readonly year: number;
  readonly label: string;
  /** The view index of its first photo. */
  readonly first: number;
  readonly count: number;
  /** Photos among them with no taken date, placed by when they were added. */
  readonly undated: number;
}

/** A line of the grid: a section's header, or a row of up to `columns` photos. */
export type TimelineItem =
  | { readonly kind: 'header'; readonly section: number }
  | {
      readonly kind: 'row';
      readonly section: number;
      readonly first: number;
      readonly count: number;
    };

/** The grid's lines and where each one starts, for the virtualizer, keys and the scrubber. */
export interface TimelineLayout {
  readonly sections: readonly TimelineSection[];
  readonly items: readonly TimelineItem[];
  /** The pixel offset of each item's top, and (one more) the total height. */
  readonly offsets: Float64Array;
  /** Item indexes of the rows alone, in order (what ↑ and ↓ move between). */
  readonly rowItems: Int32Array;
  /** The item index of each section's header. */
  readonly headerItems: Int32Array;
}

const monthFormat = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric' });
const dayFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/**
 * Days when an average day fills at least a row of the grid, else months: a sparse library is
 * not a wall of headers, a dense one is not months of scrolling under one.
 */
export function autoGrouping(days: readonly DayCount[], columns: number): TimelineGrouping {
  if (days.length === 0) return 'month';
  const total = days.reduce((sum, day) => sum + day.count, 0);
  return total / days.length >= columns ? 'day' : 'month';
}

/** The sections of a view's day counts, merged into months when `grouping` says so. */
export function timelineSections(
  viewDays: ViewDays,
  grouping: TimelineGrouping,
): TimelineSection[] {
  const sections: TimelineSection[] = [];
  let first = 0;
  for (const day of viewDays.days) {
    const key = grouping === 'day' ? day.day : day.day.slice(0, 7);
    const last = sections[sections.length - 1];
    if (last?.key === key) {
      sections[sections.length - 1] = section(
        key,
        viewDays.basis,
        last.first,
        last.count + day.count,
        last.undated + day.undated,
      );
    } else {
      sections.push(section(key, viewDays.basis, first, day.count, day.undated));
    }
    first += day.count;
  }
  return sections;
}

/**
 * A section whose label is worded when first read: a library of years has thousands of days,
 * and only the headers on screen (and the scrubber's) are ever shown.
 */
function section(
  key: string,
  basis: ViewDays['basis'],
  first: number,
  count: number,
  undated: number,
): TimelineSection {
  let label: string | null = null;
  return {
    key,
    year: Number(key.split('-')[0] ?? 1970),
    first,
    count,
    undated,
    get label() {
      return (label ??= sectionLabel(key, basis));
    },
  };
}

function sectionLabel(key: string, basis: ViewDays['basis']): string {
  const [year = 1970, month = 1, day = 1] = key.split('-').map(Number);
  // Noon, so no time zone's midnight moves the date the label shows.
  const date = new Date(year, month - 1, day, 12);
  const when = key.length > 7 ? dayFormat.format(date) : monthFormat.format(date);
  return basis === 'added' ? `Added ${when}` : when;
}

/**
 * Lays the grid out: each section a header and its rows; no sections, rows of the whole view.
 * `headerHeight` and `rowHeight` (a tile and its gap) are in pixels.
 */
export function timelineLayout(
  sections: readonly TimelineSection[],
  total: number,
  columns: number,
  rowHeight: number,
  headerHeight: number,
): TimelineLayout {
  const items: TimelineItem[] = [];
  const headerItems = new Int32Array(sections.length);
  const addRows = (section: number, first: number, count: number) => {
    for (let offset = 0; offset < count; offset += columns) {
      items.push({
        kind: 'row',
        section,
        first: first + offset,
        count: Math.min(columns, count - offset),
      });
    }
  };
  if (sections.length === 0) addRows(-1, 0, total);
  sections.forEach((section, index) => {
    headerItems[index] = items.length;
    items.push({ kind: 'header', section: index });
    addRows(index, section.first, section.count);
  });
  const offsets = new Float64Array(items.length + 1);
  const rowItems: number[] = [];
  items.forEach((item, index) => {
    if (item.kind === 'row') rowItems.push(index);
    offsets[index + 1] = (offsets[index] ?? 0) + (item.kind === 'row' ? rowHeight : headerHeight);
  });
  return { sections, items, offsets, rowItems: Int32Array.from(rowItems), headerItems };
}

/** Where section `section`'s header starts, in px from the grid's top. */
export const headerOffset = (layout: TimelineLayout, section: number): number =>
  layout.offsets[layout.headerItems[section] ?? 0] ?? 0;

/** The section holding the photo at `index` (-1 with no sections). */
export function sectionAt(layout: TimelineLayout, index: number): number {
  const { sections } = layout;
  let low = 0;
  let high = sections.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((sections[middle]?.first ?? 0) <= index) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/** Which of `rowItems` holds the photo at `index`. */
export function rowOf(layout: TimelineLayout, index: number): number {
  const { rowItems, items } = layout;
  let low = 0;
  let high = rowItems.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    const row = items[rowItems[middle] ?? 0];
    if (row?.kind === 'row' && row.first <= index) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** The item index of the row holding the photo at `index`. */
export const itemOf = (layout: TimelineLayout, index: number): number =>
  layout.rowItems[rowOf(layout, index)] ?? 0;

/** The item whose span holds the pixel offset `y` (the one at the top of the screen). */
export function itemAtOffset(layout: TimelineLayout, y: number): number {
  const { offsets } = layout;
  let low = 0;
  let high = layout.items.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((offsets[middle] ?? 0) <= y) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** The section shown at the pixel offset `y`: the one the sticky header names. */
export function sectionAtOffset(layout: TimelineLayout, y: number): number {
  const item = layout.items[itemAtOffset(layout, y)];
  return item ? item.section : -1;
}

export interface Modifiers {
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
}

/**
 * Where focus goes for a key press in the timeline: ↑ ↓ and Page Up/Down move by the rows as
 * drawn (a short last row of a section included, headers skipped) keeping the column where the
 * row is long enough; Ctrl+↑ ↓ jump to the start of the previous or next section.
 */
export function nextTimelineIndex(
  layout: TimelineLayout,
  key: string,
  index: number,
  total: number,
  rowsPerPage: number,
  modifiers: Modifiers,
): number | null {
  if (total === 0) return null;
  const last = total - 1;
  const clamp = (value: number) => Math.min(Math.max(value, 0), last);
  if (modifiers.ctrlKey || modifiers.metaKey) {
    if (key !== 'ArrowDown' && key !== 'ArrowUp') return null;
    const sections = layout.sections;
    if (sections.length === 0) return key === 'ArrowDown' ? last : 0;
    const current = sectionAt(layout, index);
    if (key === 'ArrowDown') return sections[current + 1]?.first ?? last;
    const start = sections[current]?.first ?? 0;
    return index > start ? start : (sections[current - 1]?.first ?? 0);
  }
  const rowStep = (rows: number) => {
    const from = rowOf(layout, index);
    const row = layout.items[layout.rowItems[from] ?? 0];
    const toRow = Math.min(Math.max(from + rows, 0), layout.rowItems.length - 1);
    const target = layout.items[layout.rowItems[toRow] ?? 0];
    if (row?.kind !== 'row' || target?.kind !== 'row') return index;
    return target.first + Math.min(index - row.first, target.count - 1);
  };
  switch (key) {
    case 'ArrowRight':
      return clamp(index + 1);
    case 'ArrowLeft':
      return clamp(index - 1);
    case 'ArrowDown':
      return rowStep(1);
    case 'ArrowUp':
      return rowStep(-1);
    case 'PageDown':
      return rowStep(rowsPerPage);
    case 'PageUp':
      return rowStep(-rowsPerPage);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}

/** A year on the scrubber, `at` its place from 0 (top) to 1 (bottom). */
export interface ScrubberMark {
  readonly year: number;
  readonly section: number;
  readonly at: number;
}

/**
 * The scrubber's year marks: where each year's first section is when scrolled to the top, as a
 * fraction of `scrollRoom` (how far the grid scrolls; its whole height by default), leaving out a
 * year that would sit closer than `minGap` (a fraction) to the one above it.
 */
export function scrubberMarks(
  layout: TimelineLayout,
  minGap: number,
  scrollRoom = layout.offsets[layout.items.length] ?? 0,
): ScrubberMark[] {
  if (scrollRoom <= 0) return [];
  const marks: ScrubberMark[] = [];
  layout.sections.forEach((section, index) => {
    if (layout.sections[index - 1]?.year === section.year) return;
    const at = Math.min(1, headerOffset(layout, index) / scrollRoom);
    const previous = marks[marks.length - 1];
    if (previous && at - previous.at < minGap) return;
    marks.push({ year: section.year, section: index, at });
  });
  return marks;
}

/**
 * The section a year away from `section`: the first of the next year (`direction` 1), or of its
 * own year, or the previous one's when it already is that (-1). Page Up/Down on the scrubber.
 */
export function yearStep(
  sections: readonly TimelineSection[],
  section: number,
  direction: 1 | -1,
): number {
  const year = sections[section]?.year;
  if (direction === 1) {
    const next = sections.findIndex((s, index) => index > section && s.year !== year);
    return next === -1 ? sections.length - 1 : next;
  }
  let start = section;
  while (start > 0 && sections[start - 1]?.year === year) start -= 1;
  if (start < section) return start;
  const previousYear = sections[start - 1]?.year;
  while (start > 0 && sections[start - 1]?.year === previousYear) start -= 1;
  return start;
}
