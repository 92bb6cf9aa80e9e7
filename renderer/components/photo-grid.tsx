import { useVirtualizer, type VirtualItem } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { gridColumns } from '../state/grid-navigation';
import { selectionKey } from '../state/grid-selection';
import { hasSelection } from '../state/selection';
import { useSelection } from '../state/selection-store';
import { useLibrary } from '../state/library-store';
import { RecycledLines, steadyRange } from '../state/slot-keys';
import { viewKey } from '../state/library-view';
import {
  autoGrouping,
  itemOf,
  nextTimelineIndex,
  sectionAt,
  sectionAtOffset,
  timelineLayout,
  timelineSections,
  type TimelineItem,
} from '../state/timeline';
import { useTimeline } from '../state/timeline-store';
import { DateScrubber } from './date-scrubber';
import { GridHeader, GridRow, headerHeight, SectionTitle } from './grid-lines';
import { useElementWidth } from './use-element-width';

const minTile = 160;
const gap = 4;

/**
 * The virtualized thumbnail grid: only the lines on screen (plus a few) are in the DOM. In a date
 * order it is a timeline: a header for each day or month, the current one kept at the top, and
 * a scrubber on the right that jumps through the years.
 */
export function PhotoGrid() {
  const scroller = useRef<HTMLDivElement>(null);
  const width = useElementWidth(scroller);
  const total = useLibrary((state) => state.total ?? 0);
  const generation = useLibrary((state) => state.generation);
  const activeIndex = useLibrary((state) => state.activeIndex);
  const view = useLibrary((state) => viewKey(state));
  const days = useTimeline((state) => state.days);
  const daysView = useTimeline((state) => state.view);
  const pagesView = useLibrary((state) => (state.pagesView ? viewKey(state.pagesView) : null));
  const selecting = useSelection((state) => hasSelection(state.selection));
  const columns = gridColumns(width, minTile, gap);
  const tile = width > 0 ? Math.floor((width - gap * (columns - 1)) / columns) : minTile;

  useEffect(() => {
    void useTimeline.getState().load(useLibrary.getState(), generation);
  }, [generation]);

  // Sections only while they are of the pages' view and count exactly the photos the pages do
  // (a newer answer may be on its way); until then the grid is plain.
  const layout = useMemo(() => {
    const counted = days?.days.reduce((sum, day) => sum + day.count, 0);
    const fits = days && daysView === pagesView && counted === total;
    const sections = fits ? timelineSections(days, autoGrouping(days.days, columns)) : [];
    return timelineLayout(sections, total, columns, tile + gap, headerHeight);
  }, [days, daysView, pagesView, total, columns, tile]);
  const timeline = layout.sections.length > 0;
  const [rangeExtractor] = useState(steadyRange);

  // The app does not use the React Compiler, whose memoization this rule guards.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: layout.items.length,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => (layout.offsets[index + 1] ?? 0) - (layout.offsets[index] ?? 0),
    overscan: 4,
    rangeExtractor,
    // Render scroll updates with React's normal batching instead of a flushSync per event.
    useFlushSync: false,
  });
  useEffect(() => virtualizer.measure(), [virtualizer, layout]);
  // A new search, filter or order starts at its first photo.
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [view]);

  const lines = virtualizer.getVirtualItems();
  // Lines keyed by slot, not by index: a row scrolling in reuses the elements of one that left.
  const [recycled] = useState(() => new RecycledLines<TimelineItem['kind'], VirtualItem>());
  const placed = recycled.place(
    lines,
    (line) => layout.items[line.index]?.kind ?? 'row',
    virtualizer.isScrolling,
  );
  let firstPhoto = Infinity;
  let lastPhoto = -1;
  for (const { line, idle } of placed) {
    const item = layout.items[line.index];
    if (idle) continue;
    if (item?.kind !== 'row') continue;
    firstPhoto = Math.min(firstPhoto, item.first);
    lastPhoto = Math.max(lastPhoto, item.first + item.count - 1);
  }
  useEffect(() => {
    if (lastPhoto >= 0) useLibrary.getState().ensureRange(firstPhoto, lastPhoto);
  }, [firstPhoto, lastPhoto, generation]);

  // Ctrl/Cmd+A with the focus nowhere in particular selects the photos, not the page's text.
  useEffect(() => {
    const onWindowKey = (event: globalThis.KeyboardEvent) => {
      if (event.target !== document.body || !(event.ctrlKey || event.metaKey)) return;
      if (event.key !== 'a' && event.key !== 'A') return;
      event.preventDefault();
      useSelection.getState().selectAll();
    };
    window.addEventListener('keydown', onWindowKey);
    return () => window.removeEventListener('keydown', onWindowKey);
  }, []);

  /** Scrolls so the photo at `index` shows; a section's first photo brings its header too. */
  function reveal(index: number) {
    const section = sectionAt(layout, index);
    if (section >= 0 && layout.sections[section]?.first === index) {
      virtualizer.scrollToIndex(layout.headerItems[section] ?? 0, { align: 'auto' });
    }
    virtualizer.scrollToIndex(itemOf(layout, index));
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const { setActive, open } = useLibrary.getState();
    if (event.key === 'Enter') {
      event.preventDefault();
      open(activeIndex);
      return;
    }
    const rowsPerPage = Math.max(
      1,
      Math.floor((scroller.current?.clientHeight ?? 0) / (tile + gap)),
    );
    const next = nextTimelineIndex(layout, event.key, activeIndex, total, rowsPerPage, event);
    if (selectionKey(event.key, event, activeIndex, next)) {
      event.preventDefault();
      return;
    }
    if (next === null) return;
    event.preventDefault();
    setActive(next);
    reveal(next);
  }

  const scrollOffset = virtualizer.scrollOffset ?? 0;
  const current = timeline ? sectionAtOffset(layout, scrollOffset) : -1;
  const currentSection = layout.sections[current];

  return (
    <div className="grid-area">
      <div
        ref={scroller}
        id="photo-grid"
        className={`grid-scroller${selecting ? ' selecting' : ''}${timeline ? ' timeline' : ''}`}
        role="grid"
        aria-label="Photos"
        aria-multiselectable="true"
        aria-rowcount={layout.items.length}
        aria-colcount={columns}
        aria-activedescendant={`tile-${activeIndex}`}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        {currentSection && (
          // The section scrolled under the top edge, named there (the real header scrolled away).
          <div className="grid-sticky" aria-hidden="true">
            <SectionTitle section={currentSection} />
          </div>
        )}
        <div
          role="presentation"
          className="grid-sizer"
          style={{ height: virtualizer.getTotalSize() }}
        >
          {placed.map(({ line, key, kind, idle }) => {
            // An idle line's index may be of another kind by now (the layout changed): it is
            // hidden, and shows what its kind can of it.
            const item = layout.items[line.index];
            if (kind === 'header') {
              const section = item?.kind === 'header' ? layout.sections[item.section] : undefined;
              return (
                <GridHeader
                  key={key}
                  line={line.index + 1}
                  start={line.start}
                  section={section}
                  columns={columns}
                  idle={idle}
                />
              );
            }
            return (
              <GridRow
                key={key}
                line={line.index + 1}
                start={line.start}
                first={item?.kind === 'row' ? item.first : 0}
                count={item?.kind === 'row' ? item.count : 0}
                columns={columns}
                tile={tile}
                gap={gap}
                idle={idle}
              />
            );
          })}
        </div>
      </div>
      {timeline && (
        <DateScrubber
          layout={layout}
          scrollTo={(top) => {
            const element = scroller.current;
            if (!element) return 0;
            element.scrollTop = top;
            return element.scrollTop;
          }}
          current={current}
          scrollOffset={scrollOffset}
          height={Math.max(1, layout.offsets[layout.items.length] ?? 0)}
          onJump={(section) => {
            const first = layout.sections[section]?.first;
            if (first !== undefined) useLibrary.getState().setActive(first);
          }}
        />
      )}
    </div>
  );
}
