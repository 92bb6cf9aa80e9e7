import type { PhotoTargets } from '../../contract/photos';
import { plural } from '../format';
import { useAuth } from '../state/auth-store';
import { useCloud } from '../state/cloud-store';
import { cloudReach, deleteForeverText } from '../state/delete-wording';
import { useOrganise } from '../state/organise-store';
import { ConfirmDialog } from './confirm-dialog';

interface DeletePhotosDialogProps {
  /** The photos to delete, or `trash` for everything in the Trash. */
  readonly targets: PhotoTargets | 'trash';
  readonly count: number;
  /** The dialog should close: the person kept the photos, or they are gone. */
  readonly onClose: (deleted: boolean) => void;
}

/** Asks before deleting for good, saying truthfully what goes where. */
export function DeletePhotosDialog({ targets, count, onClose }: DeletePhotosDialogProps) {
  const busy = useOrganise((state) => state.busy);
  const problem = useOrganise((state) => state.problem);
  const auth = useAuth((state) => state.auth);
  const cloud = useCloud((state) => state.status);
  const reach = cloudReach(auth, cloud);
  const cancel = () => {
    useOrganise.getState().forgetProblem();
    onClose(false);
  };
  const confirm = async () => {
    const { deleteForever, emptyTrash } = useOrganise.getState();
    const done = targets === 'trash' ? await emptyTrash() : await deleteForever(targets);
    if (done) onClose(true);
  };
  const title =
    targets === 'trash' ? 'Empty the Trash?' : `Delete ${plural(count, 'photo')} for good?`;

  return (
    <ConfirmDialog
      title={title}
      body={deleteForeverText(count, reach)}
      problem={problem}
      confirmLabel={targets === 'trash' ? 'Empty Trash' : `Delete ${plural(count, 'photo')}`}
      busy={busy}
      onConfirm={() => void confirm()}
      onCancel={cancel}
    />
  );
}
