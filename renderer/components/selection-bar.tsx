import { useState } from 'react';
import { plural } from '../format';
import { useLibrary } from '../state/library-store';
import { useOrganise } from '../state/organise-store';
import { hasSelection, selectedCount } from '../state/selection';
import { useSelection } from '../state/selection-store';
import { useAlbums } from '../state/albums-store';
import { useExports } from '../state/export-store';
import { AlbumPickerDialog } from './album-picker-dialog';
import { DeletePhotosDialog } from './delete-photos-dialog';

/** Says how many photos are selected and offers what can be done to all of them at once. */
export function SelectionBar() {
  const selection = useSelection((state) => state.selection);
  const total = useLibrary((state) => state.total ?? 0);
  const scope = useLibrary((state) => state.scope);
  const album = useLibrary((state) => state.album);
  const busy = useOrganise((state) => state.busy);
  const [dialog, setDialog] = useState<'album' | 'delete' | null>(null);
  const count = selectedCount(selection, total);
  const active = hasSelection(selection);
  const { targets, clear, selectAll } = useSelection.getState();
  const organise = useOrganise.getState();

  return (
    <div
      className={`selection-bar${active ? '' : ' hidden'}`}
      aria-label="Selection"
      role="toolbar"
    >
      {/* Always in the page, so screen readers hear each new count. */}
      <span aria-live="polite" aria-atomic="true" className="selection-count">
        {active ? `${plural(count, 'photo')} selected` : ''}
      </span>
      {active && (
        <>
          {scope === 'trash' ? (
            <>
              <button
                type="button"
                disabled={busy}
                onClick={() => void organise.restore(targets())}
              >
                Restore
              </button>
              <button type="button" className="danger" onClick={() => setDialog('delete')}>
                Delete for good…
              </button>
            </>
          ) : (
            <>
              <button
                type="button"
                disabled={busy}
                onClick={() => void organise.setFavorite(targets(), true)}
              >
                ♥ Favorite
              </button>
              <button
                type="button"
                disabled={busy}
                onClick={() => void organise.setFavorite(targets(), false)}
              >
                Not favorite
              </button>
              <button type="button" onClick={() => setDialog('album')}>
                Add to album…
              </button>
              <button
                type="button"
                title="Copy the original files, exactly as imported"
                onClick={() => void useExports.getState().start(targets(), count)}
              >
                Export…
              </button>
              {scope === 'album' && album && (
                <button
                  type="button"
                  onClick={() => void useAlbums.getState().takeOut(album, targets())}
                >
                  Remove from album
                </button>
              )}
              <button
                type="button"
                className="danger"
                disabled={busy}
                onClick={() => void organise.trash(targets(), count)}
              >
                Move to Trash
              </button>
            </>
          )}
          <span className="spacer" />
          {count < total && (
            <button type="button" onClick={selectAll}>
              Select all
            </button>
          )}
          <button
            type="button"
            onClick={clear}
            aria-label="Clear selection"
            title="Clear selection (Esc)"
          >
            ✕
          </button>
        </>
      )}
      {dialog === 'album' && (
        <AlbumPickerDialog targets={targets()} count={count} onClose={() => setDialog(null)} />
      )}
      {dialog === 'delete' && (
        <DeletePhotosDialog targets={targets()} count={count} onClose={() => setDialog(null)} />
      )}
    </div>
  );
}
