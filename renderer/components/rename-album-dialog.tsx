import { useId } from 'react';
import type { AlbumSummary } from '../../contract/albums';
import { useAlbums } from '../state/albums-store';
import { AlbumNameForm } from './album-name-form';
import { Modal } from './modal';

/** Renames an album. */
export function RenameAlbumDialog({
  album,
  onClose,
}: {
  readonly album: AlbumSummary;
  readonly onClose: () => void;
}) {
  const problem = useAlbums((state) => state.problem);
  const titleId = useId();
  return (
    <Modal labelledBy={titleId} className="album-picker" onClose={onClose}>
      <h2 id={titleId}>Rename album</h2>
      <AlbumNameForm
        label="Name"
        submitLabel="Rename"
        initial={album.name}
        onSubmit={(name) =>
          void useAlbums
            .getState()
            .rename(album.id, name)
            .then((done) => done && onClose())
        }
      />
      {problem && <p role="alert">{problem}</p>}
    </Modal>
  );
}
