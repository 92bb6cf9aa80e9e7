import { useUndo } from '../state/undo-store';

/** "Moved 3 photos to the Trash. Undo": offered for a few seconds after each such change. */
export function UndoToast() {
  const toast = useUndo((state) => state.toast);
  const problem = useUndo((state) => state.problem);
  const { undo, dismiss } = useUndo.getState();
  if (!toast && !problem) return null;
  return (
    <div className="toast" role="status">
      <span>{toast?.message ?? problem}</span>
      {toast && (
        <button type="button" className="primary" onClick={() => void undo()}>
          Undo
        </button>
      )}
      <button type="button" aria-label="Dismiss" onClick={dismiss}>
        ✕
      </button>
    </div>
  );
}
