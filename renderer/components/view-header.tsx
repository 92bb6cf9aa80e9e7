import { useState } from 'react';
import { defaultSettings } from '../../contract/settings';
import { plural } from '../format';
import { useAlbums } from '../state/albums-store';
import { useLibrary } from '../state/library-store';
import { useSettings } from '../state/settings-store';
import { DeleteAlbumDialog } from './delete-album-dialog';
import { DeletePhotosDialog } from './delete-photos-dialog';
import { RenameAlbumDialog } from './rename-album-dialog';

/** The name of the view above the grid, with what can be done to the view itself. */
export function ViewHeader() {
  const scope = useLibrary((state) => state.scope);
  if (scope === 'library') return null;
  if (scope === 'favorites') {
    return (
      <div className="view-header">
        <h2>Favorites</h2>
      </div>
    );
  }
  return scope === 'trash' ? <TrashHeader /> : <AlbumHeader />;
}

function TrashHeader() {
  const total = useLibrary((state) => state.total ?? 0);
  const days = useSettings((state) => state.settings?.trashDays ?? defaultSettings.trashDays);
  const [emptying, setEmptying] = useState(false);
  return (
    <div className="view-header">
      <h2>Trash</h2>
      <p className="muted">Photos in the Trash are deleted for good after {plural(days, 'day')}.</p>
      <span className="spacer" />
      <button
        type="button"
        className="danger"
        disabled={total === 0}
        onClick={() => setEmptying(true)}
      >
        Empty Trash…
      </button>
      {emptying && (
        <DeletePhotosDialog targets="trash" count={total} onClose={() => setEmptying(false)} />
      )}
    </div>
  );
}

function AlbumHeader() {
  const id = useLibrary((state) => state.album);
  const album = useAlbums((state) => state.albums?.find((entry) => entry.id === id) ?? null);
  const [renaming, setRenaming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  if (!album) return null;
  return (
    <div className="view-header">
      <h2>{album.name}</h2>
      <span className="spacer" />
      <button type="button" onClick={() => setRenaming(true)}>
        Rename…
      </button>
      <button type="button" onClick={() => setDeleting(true)}>
        Delete album…
      </button>
      {renaming && <RenameAlbumDialog album={album} onClose={() => setRenaming(false)} />}
      {deleting && <DeleteAlbumDialog album={album} onClose={() => setDeleting(false)} />}
    </div>
  );
}
