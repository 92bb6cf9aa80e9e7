import { useId, useState } from 'react';
import type { AlbumSummary } from '../../contract/albums';
import { useAlbums } from '../state/albums-store';
import { Modal } from './modal';

/** Renames an album. */
export function RenameAlbumDialog({
  album,
  onClose,
}: {
  readonly album: AlbumSummary;
  readonly onClose: () => void;
}) {
  const [name, setName] = useState(album.name);
  const problem = useAlbums((state) => state.problem);
  const titleId = useId();
  const nameId = useId();
  return (
    <Modal labelledBy={titleId} className="album-picker" onClose={onClose}>
      <h2 id={titleId}>Rename album</h2>
      <form
        className="new-album"
        onSubmit={(event) => {
          event.preventDefault();
          void useAlbums
            .getState()
            .rename(album.id, name)
            .then((done) => done && onClose());
        }}
      >
        <label htmlFor={nameId}>Name</label>
        <input
          id={nameId}
          value={name}
          maxLength={200}
          onChange={(event) => setName(event.target.value)}
          data-autofocus
        />
        <button type="submit" className="primary" disabled={name.trim() === ''}>
          Rename
        </button>
      </form>
      {problem && <p role="alert">{problem}</p>}
    </Modal>
  );
}
