import { useId } from 'react';
import { plural } from '../format';
import { usePhotoEdits } from '../state/photo-edit-store';
import { Modal } from './modal';

interface DeletePhotosDialogProps {
  readonly ids: readonly number[];
  /** The person kept the photos; the dialog should close. */
  readonly onCancel: () => void;
}

/** Asks before deleting, naming how many photos go and that the cloud copies go too. */
export function DeletePhotosDialog({ ids, onCancel }: DeletePhotosDialogProps) {
  const deleting = usePhotoEdits((state) => state.deleting);
  const problem = usePhotoEdits((state) => state.deleteProblem);
  const { deletePhotos, cancelDelete } = usePhotoEdits.getState();
  const titleId = useId();
  const bodyId = useId();
  const cancel = () => {
    cancelDelete();
    onCancel();
  };
  const them = ids.length === 1 ? 'it' : 'them';

  return (
    <Modal
      role="alertdialog"
      labelledBy={titleId}
      describedBy={bodyId}
      className="confirm"
      onClose={cancel}
    >
      <h2 id={titleId}>Delete {plural(ids.length, 'photo')}?</h2>
      <p id={bodyId}>
        This removes {them} from this library and also deletes {them} from your cloud. It cannot be
        undone.
      </p>
      {problem && <p role="alert">{problem}</p>}
      <div className="actions">
        <button type="button" onClick={cancel} data-autofocus>
          Cancel
        </button>
        <button
          type="button"
          className="danger"
          disabled={deleting}
          aria-busy={deleting}
          onClick={() => void deletePhotos(ids)}
        >
          Delete {plural(ids.length, 'photo')}
        </button>
      </div>
    </Modal>
  );
}
