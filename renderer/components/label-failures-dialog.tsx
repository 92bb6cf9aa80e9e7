import { useId } from 'react';
import { mediaPath } from '../../contract/media';
import { shoebox } from '../bridge/shoebox';
import { plural } from '../format';
import { useShallow } from '../state/create-store';
import { useLabels } from '../state/labels-store';
import { Modal } from './modal';

/** The "couldn't label" list: each photo with the reason, to retry one by one or all at once. */
export function LabelFailuresDialog({ onClose }: { readonly onClose: () => void }) {
  const failures = useLabels(useShallow((state) => state.failures));
  const problem = useLabels((state) => state.problem);
  const { retry } = useLabels.getState();
  const titleId = useId();

  return (
    <Modal labelledBy={titleId} className="label-failures" onClose={onClose}>
      <h2 id={titleId}>Couldn’t label</h2>
      {failures.length === 0 ? (
        <p>Every photo is labelled or waiting its turn.</p>
      ) : (
        <ul>
          {failures.map((failure) => (
            <li key={failure.id}>
              <img src={shoebox().mediaBase + mediaPath.thumb(failure.sha256)} alt="" />
              <div className="failure-text">
                <span className="filename">{failure.filename}</span>
                <span className="reason">{failure.reason}</span>
                <span className="muted">Tried {plural(failure.attempts, 'time')}</span>
              </div>
              <button
                type="button"
                aria-label={`Retry ${failure.filename}`}
                onClick={() => void retry(failure.id)}
              >
                Retry
              </button>
            </li>
          ))}
        </ul>
      )}
      {problem && <p role="alert">{problem}</p>}
      <div className="actions">
        <button type="button" disabled={failures.length === 0} onClick={() => void retry()}>
          Retry all
        </button>
        <button type="button" className="primary" onClick={onClose} data-autofocus>
          Close
        </button>
      </div>
    </Modal>
  );
}
