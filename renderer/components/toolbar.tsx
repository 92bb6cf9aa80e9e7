import { sortOrders, type SortOrder } from '../../contract/photos';
import { plural } from '../format';
import { useImports } from '../state/import-store';
import { useLibrary } from '../state/library-store';
import { Account } from './account';
import { CloudSyncNote } from './cloud-sync-note';
import { SearchBox } from './search-box';
import { SettingsMenu } from './settings-menu';

const sortLabels: Record<SortOrder, string> = {
  'taken-desc': 'Newest first',
  'taken-asc': 'Oldest first',
  'imported-desc': 'Recently added',
};

export function Toolbar() {
  const total = useLibrary((state) => state.total);
  const sort = useLibrary((state) => state.sort);
  const setSort = useLibrary((state) => state.setSort);
  const pick = useImports((state) => state.pick);

  return (
    <header className="toolbar">
      <h1 className="brand">Shoebox</h1>
      {total !== null && total > 0 && <span className="count">{plural(total, 'photo')}</span>}
      <SearchBox />
      <CloudSyncNote />
      <span className="spacer" />
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
      <button type="button" onClick={() => void pick('files')}>
        Add photos…
      </button>
      <button type="button" onClick={() => void pick('folder')}>
        Add folder…
      </button>
      <SettingsMenu />
      <Account />
    </header>
  );
}
