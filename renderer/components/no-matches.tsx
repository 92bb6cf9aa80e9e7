import { useLibrary } from '../state/library-store';
import { noMatchText, type LibraryView } from '../state/library-view';

/** An empty grid because of a search or a label filter: says what found nothing, and a way out. */
export function NoMatches({ view }: { readonly view: LibraryView }) {
  const { clearFilters } = useLibrary.getState();
  return (
    <section className="empty no-matches" aria-labelledby="no-matches-title">
      <h2 id="no-matches-title">{noMatchText(view)}</h2>
      <p className="hint">
        Search looks at labels, descriptions and file names; every word must match.
      </p>
      <div className="actions">
        <button type="button" className="primary" onClick={clearFilters}>
          {view.query && view.label
            ? 'Clear search and label'
            : view.query
              ? 'Clear search'
              : 'Show all photos'}
        </button>
      </div>
    </section>
  );
}
