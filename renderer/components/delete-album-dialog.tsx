import { useId, useState } from 'react';
import type { AlbumSummary } from '../../contract/albums';
import { plural } from '../format';
import { useAlbums } from '../state/albums-store';
import { Modal } from './modal';

/** Asks before deleting an album, saying that its photos stay in the library. */
export function DeleteAlbumDialog({
  album,
  onClose,
}: {
  readonly album: AlbumSummary;
  readonly onClose: () => void;
}) {
  const problem = useAlbums((state) => state.problem);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const bodyId = useId();
  const confirm = async () => {
    setBusy(true);
    const done = await useAlbums.getState().remove(album.id);
    setBusy(false);
    if (done) onClose();
  };
  const photos =
    album.count === 0
      ? 'It has no photos.'
      : `Its ${plural(album.count, 'photo')} stay in the library, and in any other album.`;
  return (
    <Modal
      role="alertdialog"
      labelledBy={titleId}
      describedBy={bodyId}
      className="confirm"
      onClose={onClose}
    >
      <h2 id={titleId}>Delete the album “{album.name}”?</h2>
      <p id={bodyId}>{photos} The album is deleted on your other devices too when they sync.</p>
      {problem && <p role="alert">{problem}</p>}
      <div className="actions">
        <button type="button" onClick={onClose} data-autofocus>
          Cancel
        </button>
        <button
          type="button"
          className="danger"
          disabled={busy}
          aria-busy={busy}
          onClick={() => void confirm()}
        >
          Delete album
        </button>
      </div>
    </Modal>
  );
}
