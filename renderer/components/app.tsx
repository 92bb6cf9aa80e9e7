import { useEffect } from 'react';
import { shoebox } from '../bridge/shoebox';
import { useAuth } from '../state/auth-store';
import { useConnection } from '../state/connection-store';
import { useImports } from '../state/import-store';
import { useLibrary } from '../state/library-store';
import { DetailView } from './detail-view';
import { DropOverlay } from './drop-overlay';
import { EmptyState } from './empty-state';
import { ImportPanel } from './import-panel';
import { PhotoGrid } from './photo-grid';
import { Toolbar } from './toolbar';

export function App() {
  const total = useLibrary((state) => state.total);
  const error = useLibrary((state) => state.error);
  const isOpen = useLibrary((state) => state.openIndex !== null);
  const connected = useConnection((state) => state.connected);

  useEffect(() => {
    const bridge = shoebox();
    const unsubscribers = [
      bridge.importer.onProgress((progress) => useImports.getState().progress(progress)),
      bridge.library.onChanged(() => useLibrary.getState().libraryChanged()),
      bridge.auth.onChanged((auth) => useAuth.getState().changed(auth)),
    ];
    void useAuth.getState().load();
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
      <main className="content">
        {total === null ? null : total === 0 ? <EmptyState /> : <PhotoGrid />}
      </main>
      <ImportPanel />
      {isOpen && <DetailView />}
      <DropOverlay />
    </div>
  );
}
