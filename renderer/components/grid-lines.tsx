import { memo } from 'react';
import { formatCount, plural } from '../format';
import type { TimelineSection } from '../state/timeline';
import { PhotoTile } from './photo-tile';

/** A section header's height in px (the CSS gives .grid-header the same). */
export const headerHeight = 40;

interface GridRowProps {
  /** The line's place in the grid, from 1 (aria-rowindex). */
  readonly line: number;
  /** Its top edge in px. */
  readonly start: number;
  /** The index of the photo in its first column, and how many photos it shows. */
  readonly first: number;
  readonly count: number;
  readonly columns: number;
  readonly tile: number;
  readonly gap: number;
  /** Its slot is unused for now: kept hidden, its tiles spare, for the next row to refill. */
  readonly idle: boolean;
}

/**
 * A line of tiles. Memoized: while the grid scrolls, a row that stays on screen is not rendered
 * again, only the recycled one that takes the next photos.
 */
export const GridRow = memo(function GridRow({
  line,
  start,
  first,
  count,
  columns,
  tile,
  gap,
  idle,
}: GridRowProps) {
  return (
    <div
      role="row"
      aria-rowindex={line}
      hidden={idle}
      className="grid-row"
      style={{ transform: `translateY(${start}px)`, height: tile, gap }}
    >
      {Array.from({ length: columns }, (_, column) => (
        // By column, every row as wide as the grid: a recycled row's tiles take the new photos in
        // place, and a short row keeps its spare tiles hidden for later.
        <PhotoTile
          key={column}
          index={first + column}
          size={tile}
          spare={idle || column >= count}
        />
      ))}
    </div>
  );
});

interface GridHeaderProps {
  readonly line: number;
  readonly start: number;
  readonly section: TimelineSection | undefined;
  readonly columns: number;
  /** Its slot is unused for now: kept hidden for the next header to refill. */
  readonly idle: boolean;
}

/** A day's or month's header line. */
export const GridHeader = memo(function GridHeader({
  line,
  start,
  section,
  columns,
  idle,
}: GridHeaderProps) {
  return (
    <div
      role="row"
      aria-rowindex={line}
      hidden={idle}
      className="grid-header"
      style={{ transform: `translateY(${start}px)`, height: headerHeight }}
    >
      <div role="columnheader" aria-colspan={columns}>
        {section && <SectionTitle section={section} />}
      </div>
    </div>
  );
});

/** "May 2024 · 120 photos", saying how many of them have no taken date. */
export function SectionTitle({ section }: { readonly section: TimelineSection }) {
  return (
    <>
      <span className="section-label">{section.label}</span>{' '}
      <span className="section-count">
        {plural(section.count, 'photo')}
        {section.undated > 0 && ` · ${undatedText(section.undated, section.count)}`}
      </span>
    </>
  );
}

function undatedText(undated: number, count: number): string {
  if (undated === count) return 'no date taken: placed by when added';
  return `${formatCount(undated)} with no date taken, placed by when added`;
}
