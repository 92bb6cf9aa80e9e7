import { useAuth } from '../state/auth-store';
import { Modal } from './modal';

/** Why a chosen backend config cannot be used, listing every wrong field, in a readable box. */
export function ConfigProblemDialog() {
  const problem = useAuth((state) => state.configProblem);
  const { dismissConfigProblem } = useAuth.getState();
  if (!problem) return null;
  return (
    <Modal
      labelledBy="config-problem-title"
      describedBy="config-problem-message"
      className="config-problem"
      onClose={dismissConfigProblem}
    >
      <h2 id="config-problem-title">“{problem.fileName}” can’t be used</h2>
      <p id="config-problem-message">{problem.message}</p>
      {problem.problems.length > 0 && (
        <ul className="problems" aria-label="What is wrong">
          {problem.problems.map((line) => (
            <li key={line}>
              <code>{line}</code>
            </li>
          ))}
        </ul>
      )}
      <p className="muted">
        Fix the file (or make it again with npm run config:from-stack) and choose it again.
      </p>
      <div className="actions">
        <button type="button" className="primary" data-autofocus onClick={dismissConfigProblem}>
          OK
        </button>
      </div>
    </Modal>
  );
}
