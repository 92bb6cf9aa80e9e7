import { useLibrary } from '../state/library-store';

/** Searches labels, descriptions and file names as the person types; Escape empties it. */
export function SearchBox() {
  const text = useLibrary((state) => state.searchText);
  const { typeSearch, clearSearch, prepareSearch } = useLibrary.getState();
  return (
    <div className="search" role="search">
      <input
        type="search"
        aria-label="Search photos"
        placeholder="Search photos…"
        title="Labels, descriptions and file names; every word must match"
        value={text}
        maxLength={500}
        onFocus={prepareSearch}
        onChange={(event) => typeSearch(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && text !== '') {
            event.preventDefault();
            clearSearch();
          }
        }}
      />
    </div>
  );
}
