import { useEffect } from 'react';
import { shoebox } from '../bridge/shoebox';
import { useAuth } from '../state/auth-store';
import { useCatalogNotice } from '../state/catalog-notice-store';
import { useCloud } from '../state/cloud-store';
import { useConnection } from '../state/connection-store';
import { useShallow } from '../state/create-store';
import { useImports } from '../state/import-store';
import { useExports } from '../state/export-store';
import { useLabels } from '../state/labels-store';
import { useLibrary } from '../state/library-store';
import { isFiltered } from '../state/library-view';
import { useOrganise } from '../state/organise-store';
import { useAlbums } from '../state/albums-store';
import { useSettings } from '../state/settings-store';
import { greetOnSignIn } from '../state/sign-in-greeting';
import { ActivityArea } from './activity-area';
import { DetailView } from './detail-view';
import { DropOverlay } from './drop-overlay';
import { EmptyState } from './empty-state';
import { LabelSidebar } from './label-sidebar';
import { LibraryNav } from './library-nav';
import { NoticeBanner } from './notice-banner';
import { SelectionBar } from './selection-bar';
import { UndoToast } from './undo-toast';
import { ViewHeader } from './view-header';
import { NoMatches } from './no-matches';
import { PhotoGrid } from './photo-grid';
import { useTimeline } from '../state/timeline-store';
import { ShortcutsDialog } from './shortcuts-dialog';
import { Toolbar } from './toolbar';

export function App() {
  const isOpen = useLibrary((state) => state.openIndex !== null);

  useEffect(() => {
    const bridge = shoebox();
    const onFocus = () => useCloud.getState().focusGained(Date.now());
    window.addEventListener('focus', onFocus);
    const unsubscribers = [
      bridge.importer.onProgress((progress) => useImports.getState().progress(progress)),
      bridge.exports.onProgress((progress) => useExports.getState().progress(progress)),
      bridge.library.onChanged(() => {
        useLibrary.getState().libraryChanged();
        useLabels.getState().libraryChanged();
        void useAlbums.getState().load();
      }),
      bridge.auth.onChanged((auth) => useAuth.getState().changed(auth)),
      bridge.cloud.onStatus((status) => useCloud.getState().changed(status)),
      bridge.app.onCatalogNotice(({ notice }) => useCatalogNotice.getState().found(notice)),
      greetOnSignIn(),
      () => window.removeEventListener('focus', onFocus),
    ];
    void useAuth.getState().load();
    void useCatalogNotice.getState().load();
    void useSettings.getState().load();
    void useLabels.getState().load();
    void useCloud.getState().load();
    useLibrary.getState().ensureRange(0, 0);
    // The day counts go with the first page, not once the grid has drawn it: the host counts
    // them while the page's tiles render, instead of while their thumbnails are asked for.
    const library = useLibrary.getState();
    void useTimeline.getState().load(library, library.generation);
    return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
  }, []);

  return (
    <div className="app">
      {/* While the detail view is open, what lies behind it can be neither clicked nor tabbed to. */}
      <div className="app-body" inert={isOpen}>
        <AppBody />
      </div>
      {isOpen && <DetailView />}
      {/* Outside the inert part: an Undo offered after a delete in the detail view stays usable. */}
      <UndoToast />
      <DropOverlay />
      <ShortcutsDialog />
    </div>
  );
}

function AppBody() {
  const error = useLibrary((state) => state.error);
  const connected = useConnection((state) => state.connected);
  const isOpen = useLibrary((state) => state.openIndex !== null);
  const notice = useOrganise((state) => state.notice);
  const problem = useOrganise((state) => state.problem);
  const catalogNotice = useCatalogNotice((state) => state.notice);
  return (
    <>
      <a
        className="skip-link"
        href="#library"
        onClick={(event) => {
          // Focus the grid itself (or, with no photos, what stands instead); no fragment is kept.
          event.preventDefault();
          (document.getElementById('photo-grid') ?? document.getElementById('library'))?.focus();
        }}
      >
        Skip to photos
      </a>
      <Toolbar />
      {!connected && (
        <p className="banner" role="alert">
          Shoebox has stopped (the browser host closed). Start it again and open the address it
          prints.
        </p>
      )}
      {error && (
        <p className="banner" role="alert">
          {error}
        </p>
      )}
      {catalogNotice && (
        <NoticeBanner onDismiss={() => useCatalogNotice.getState().dismiss()}>
          {catalogNotice}
        </NoticeBanner>
      )}
      {notice && (
        <NoticeBanner onDismiss={() => useOrganise.getState().dismissNotice()}>
          {notice}
        </NoticeBanner>
      )}
      {problem && !isOpen && (
        <p className="banner" role="alert">
          {problem}
        </p>
      )}
      <main className="content" id="library" tabIndex={-1}>
        <aside className="sidebar">
          <LibraryNav />
          <LabelSidebar />
        </aside>
        <div className="view">
          <ViewHeader />
          <SelectionBar />
          <LibraryContent />
        </div>
      </main>
      <ActivityArea />
    </>
  );
}

/**
 * The grid, or why it is empty: nothing imported yet, nothing matches the search, or the view
 * (favorites, an album, the Trash) has nothing in it yet.
 */
function LibraryContent() {
  const total = useLibrary((state) => state.total);
  const shownView = useLibrary(useShallow((state) => state.pagesView));
  if (total === null) return null;
  if (total > 0) return <PhotoGrid />;
  if (shownView && isFiltered(shownView)) return <NoMatches view={shownView} />;
  if (shownView && shownView.scope !== 'library') {
    return <p className="empty-view">{emptyViewText[shownView.scope]}</p>;
  }
  return <EmptyState />;
}

const emptyViewText = {
  favorites: 'No favorites yet. Press F or click the heart on a photo to add it here.',
  trash: 'The Trash is empty.',
  album: 'This album is empty. Select photos in the library and choose “Add to album…”.',
} as const;
