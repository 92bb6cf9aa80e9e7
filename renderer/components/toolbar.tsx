import { sortOrders, type SortOrder } from '../../contract/photos';
import { plural } from '../format';
import { useImports } from '../state/import-store';
import { useLibrary } from '../state/library-store';
import { Account } from './account';
import { CloudSyncNote } from './cloud-sync-note';
import { SearchBox } from './search-box';
import { SettingsMenu } from './settings-menu';
import { useMediaQuery } from './use-media-query';
import { usePopover } from './use-popover';

const sortLabels: Record<SortOrder, string> = {
  'taken-desc': 'Newest first',
  'taken-asc': 'Oldest first',
  'imported-desc': 'Recently added',
};

/** Below this width the sort and add controls fold into a menu instead of overflowing. */
export const compactToolbarQuery = '(max-width: 1139px)';

export function Toolbar() {
  const total = useLibrary((state) => state.total);
  // The count of the whole library stays while searching, so the toolbar does not jump.
  const libraryTotal = useLibrary((state) => state.libraryTotal);
  const compact = useMediaQuery(compactToolbarQuery);
  const shown = libraryTotal ?? total;

  return (
    <header className={compact ? 'toolbar compact' : 'toolbar'}>
      <h1 className="brand">Shoebox</h1>
      <span className="count" aria-live="polite">
        {shown !== null && shown > 0 ? countText(total, libraryTotal) : ''}
      </span>
      <SearchBox />
      {!compact && <CloudSyncNote />}
      <span className="spacer" />
      {compact ? (
        <ToolbarMenu />
      ) : (
        <>
          <SortSelect />
          <AddButtons />
        </>
      )}
      <SettingsMenu />
      <Account />
    </header>
  );
}

/** "1,234 photos", or "12 of 1,234 photos" while a search or label narrows the view. */
function countText(total: number | null, libraryTotal: number | null): string {
  if (libraryTotal === null || total === null || total === libraryTotal) {
    return plural(libraryTotal ?? total ?? 0, 'photo');
  }
  return `${total.toLocaleString()} of ${plural(libraryTotal, 'photo')}`;
}

function SortSelect() {
  const sort = useLibrary((state) => state.sort);
  const setSort = useLibrary((state) => state.setSort);
  return (
    <label className="sort">
      Sort
      <select value={sort} onChange={(event) => setSort(event.target.value as SortOrder)}>
        {sortOrders.map((order) => (
          <option key={order} value={order}>
            {sortLabels[order]}
          </option>
        ))}
      </select>
    </label>
  );
}

function AddButtons() {
  const pick = useImports((state) => state.pick);
  return (
    <>
      <button type="button" onClick={() => void pick('files')}>
        Add photos…
      </button>
      <button type="button" onClick={() => void pick('folder')}>
        Add folder…
      </button>
    </>
  );
}

/** The narrow window's menu: sort, add, and the sync note that has no room in the bar. */
function ToolbarMenu() {
  const { ref, onKeyDown } = usePopover();
  return (
    <details ref={ref} className="popover toolbar-menu" onKeyDown={onKeyDown}>
      <summary>Menu</summary>
      <div className="menu">
        <SortSelect />
        <AddButtons />
        <CloudSyncNote />
      </div>
    </details>
  );
}
