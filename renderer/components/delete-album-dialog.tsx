import { useState } from 'react';
import type { AlbumSummary } from '../../contract/albums';
import { plural } from '../format';
import { useAlbums } from '../state/albums-store';
import { ConfirmDialog } from './confirm-dialog';

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
    <ConfirmDialog
      title={`Delete the album “${album.name}”?`}
      body={`${photos} The album is deleted on your other devices too when they sync.`}
      problem={problem}
      confirmLabel="Delete album"
      busy={busy}
      onConfirm={() => void confirm()}
      onCancel={onClose}
    />
  );
}
