import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { gridColumns, nextGridIndex } from '../state/grid-navigation';
import { selectionKey } from '../state/grid-selection';
import { hasSelection } from '../state/selection';
import { useSelection } from '../state/selection-store';
import { useLibrary } from '../state/library-store';
import { viewKey } from '../state/library-view';
import { PhotoTile } from './photo-tile';
import { useElementWidth } from './use-element-width';

const minTile = 160;
const gap = 4;

/** The virtualized thumbnail grid: only the rows on screen (plus a few) are in the DOM. */
export function PhotoGrid() {
  const scroller = useRef<HTMLDivElement>(null);
  const width = useElementWidth(scroller);
  const total = useLibrary((state) => state.total ?? 0);
  const generation = useLibrary((state) => state.generation);
  const activeIndex = useLibrary((state) => state.activeIndex);
  const view = useLibrary((state) => viewKey(state));
  const selecting = useSelection((state) => hasSelection(state.selection));
  const columns = gridColumns(width, minTile, gap);
  const tile = width > 0 ? Math.floor((width - gap * (columns - 1)) / columns) : minTile;
  const rowCount = Math.ceil(total / columns);

  // The app does not use the React Compiler, whose memoization this rule guards.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scroller.current,
    estimateSize: () => tile + gap,
    overscan: 4,
    // Render scroll updates with React's normal batching instead of a flushSync per event.
    useFlushSync: false,
  });
  useEffect(() => virtualizer.measure(), [virtualizer, tile]);
  // A new search, filter or order starts at its first photo.
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [view]);

  const rows = virtualizer.getVirtualItems();
  const firstRow = rows[0]?.index ?? 0;
  const lastRow = rows[rows.length - 1]?.index ?? 0;
  useEffect(() => {
    useLibrary.getState().ensureRange(firstRow * columns, (lastRow + 1) * columns - 1);
  }, [firstRow, lastRow, columns, generation]);

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
    const next = nextGridIndex(event.key, activeIndex, columns, total, rowsPerPage);
    if (selectionKey(event.key, event, activeIndex, next)) {
      event.preventDefault();
      return;
    }
    if (next === null) return;
    event.preventDefault();
    setActive(next);
    virtualizer.scrollToIndex(Math.floor(next / columns));
  }

  return (
    <div
      ref={scroller}
      id="photo-grid"
      className={`grid-scroller${selecting ? ' selecting' : ''}`}
      role="grid"
      aria-label="Photos"
      aria-multiselectable="true"
      aria-rowcount={rowCount}
      aria-colcount={columns}
      aria-activedescendant={`tile-${activeIndex}`}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div
        role="presentation"
        className="grid-sizer"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {rows.map((row) => (
          <div
            key={row.key}
            role="row"
            aria-rowindex={row.index + 1}
            className="grid-row"
            style={{ transform: `translateY(${row.start}px)`, height: tile, gap }}
          >
            {Array.from({ length: columns }, (_, column) => row.index * columns + column)
              .filter((index) => index < total)
              .map((index) => (
                <PhotoTile key={index} index={index} size={tile} />
              ))}
          </div>
        ))}
      </div>
    </div>
  );
}
