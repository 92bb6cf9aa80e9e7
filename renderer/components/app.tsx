import { useEffect } from 'react';
import { shoebox } from '../bridge/shoebox';
import { useAuth } from '../state/auth-store';
import { useCloud } from '../state/cloud-store';
import { useConnection } from '../state/connection-store';
import { useShallow } from '../state/create-store';
import { useImports } from '../state/import-store';
import { useLabels } from '../state/labels-store';
import { useLibrary } from '../state/library-store';
import { isFiltered } from '../state/library-view';
import { usePhotoEdits } from '../state/photo-edit-store';
import { useSettings } from '../state/settings-store';
import { greetOnSignIn } from '../state/sign-in-greeting';
import { CloudPanel } from './cloud-panel';
import { DetailView } from './detail-view';
import { DropOverlay } from './drop-overlay';
import { EmptyState } from './empty-state';
import { ImportPanel } from './import-panel';
import { LabelSidebar } from './label-sidebar';
import { NoMatches } from './no-matches';
import { PhotoGrid } from './photo-grid';
import { Toolbar } from './toolbar';

export function App() {
  const error = useLibrary((state) => state.error);
  const isOpen = useLibrary((state) => state.openIndex !== null);
  const connected = useConnection((state) => state.connected);
  const notice = usePhotoEdits((state) => state.notice);

  useEffect(() => {
    const bridge = shoebox();
    const onFocus = () => useCloud.getState().focusGained(Date.now());
    window.addEventListener('focus', onFocus);
    const unsubscribers = [
      bridge.importer.onProgress((progress) => useImports.getState().progress(progress)),
      bridge.library.onChanged(() => {
        useLibrary.getState().libraryChanged();
        useLabels.getState().libraryChanged();
      }),
      bridge.auth.onChanged((auth) => useAuth.getState().changed(auth)),
      bridge.cloud.onStatus((status) => useCloud.getState().changed(status)),
      greetOnSignIn(),
      () => window.removeEventListener('focus', onFocus),
    ];
    void useAuth.getState().load();
    void useSettings.getState().load();
    void useLabels.getState().load();
    void useCloud.getState().load();
    useLibrary.getState().ensureRange(0, 0);
    return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
  }, []);

  return (
    <div className="app">
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
      {notice && (
        <p className="banner notice">
          {notice}{' '}
          <button type="button" onClick={() => usePhotoEdits.getState().dismissNotice()}>
            OK
          </button>
        </p>
      )}
      <main className="content">
        <LabelSidebar />
        <LibraryContent />
      </main>
      <CloudPanel />
      <ImportPanel />
      {isOpen && <DetailView />}
      <DropOverlay />
    </div>
  );
}

/** The grid, or why it is empty: nothing imported yet, or nothing matches the search. */
function LibraryContent() {
  const total = useLibrary((state) => state.total);
  const shownView = useLibrary(useShallow((state) => state.pagesView));
  if (total === null) return null;
  if (total > 0) return <PhotoGrid />;
  return shownView && isFiltered(shownView) ? <NoMatches view={shownView} /> : <EmptyState />;
}
