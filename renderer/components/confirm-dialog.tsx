import { useId, type ReactNode } from 'react';
import { Modal } from './modal';

interface ConfirmDialogProps {
  readonly title: ReactNode;
  /** What will happen, said truthfully. */
  readonly body: ReactNode;
  /** Why the last try failed, if it did. */
  readonly problem: string | null;
  readonly confirmLabel: string;
  readonly busy: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

/** Asks before something that cannot simply be taken back; Cancel has the focus. */
export function ConfirmDialog({
  title,
  body,
  problem,
  confirmLabel,
  busy,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const titleId = useId();
  const bodyId = useId();
  return (
    <Modal
      role="alertdialog"
      labelledBy={titleId}
      describedBy={bodyId}
      className="confirm"
      onClose={onCancel}
    >
      <h2 id={titleId}>{title}</h2>
      <p id={bodyId}>{body}</p>
      {problem && <p role="alert">{problem}</p>}
      <div className="actions">
        <button type="button" onClick={onCancel} data-autofocus>
          Cancel
        </button>
        <button
          type="button"
          className="danger"
          disabled={busy}
          aria-busy={busy}
          onClick={onConfirm}
        >
          {confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
