import { useEffect, useId } from 'react';
import type { PhotoTargets } from '../../contract/photos';
import { plural } from '../format';
import { noAlbums, useAlbums } from '../state/albums-store';
import { AlbumNameForm } from './album-name-form';
import { Modal } from './modal';

interface AlbumPickerDialogProps {
  /** The photos to put in an album; absent: only make a new, empty album. */
  readonly targets?: PhotoTargets;
  readonly count?: number;
  readonly onClose: () => void;
}

/** Puts photos in an existing album or a new one (or makes an empty one, from the sidebar). */
export function AlbumPickerDialog({ targets, count = 0, onClose }: AlbumPickerDialogProps) {
  const albums = useAlbums((state) => state.albums ?? noAlbums);
  const problem = useAlbums((state) => state.problem);
  const titleId = useId();
  useEffect(() => void useAlbums.getState().load(), []);

  const create = async (name: string) => {
    if (await useAlbums.getState().create(name, targets)) onClose();
  };
  const addTo = async (id: string) => {
    if (targets && (await useAlbums.getState().add(id, targets))) onClose();
  };

  return (
    <Modal labelledBy={titleId} className="album-picker" onClose={onClose}>
      <h2 id={titleId}>{targets ? `Add ${plural(count, 'photo')} to an album` : 'New album'}</h2>
      {targets && albums.length > 0 && (
        <ul className="album-choices">
          {albums.map((album) => (
            <li key={album.id}>
              <button type="button" onClick={() => void addTo(album.id)}>
                {album.name} <span className="count">{album.count}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <AlbumNameForm
        label={targets ? 'Or a new album' : 'Name'}
        submitLabel="Create album"
        onSubmit={(name) => void create(name)}
      />
      {problem && <p role="alert">{problem}</p>}
      <div className="actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Modal>
  );
}
