import { useId, useState } from 'react';
import type { LabelStatus, PhotoDetail } from '../../contract/photos';
import { formatConfidence } from '../format';
import { usePhotoEdits } from '../state/photo-edit-store';

/** The photo's labels with confidence and source, to remove or add to; and how labelling went. */
export function DetailLabels({ photo }: { readonly photo: PhotoDetail }) {
  const problem = usePhotoEdits((state) =>
    state.labelProblem?.id === photo.id ? state.labelProblem.message : null,
  );
  const { addLabel, removeLabel, retryLabelling } = usePhotoEdits.getState();
  const [name, setName] = useState('');
  const headingId = useId();
  const inputId = useId();

  async function add() {
    const trimmed = name.trim();
    if (trimmed && (await addLabel(photo.id, trimmed))) setName('');
  }

  return (
    <section className="detail-section detail-labels" aria-labelledby={headingId}>
      <h3 id={headingId}>Labels</h3>
      <LabelStatusNote status={photo.labelStatus} onRetry={() => void retryLabelling(photo.id)} />
      {photo.labels.length > 0 ? (
        <ul className="label-chips">
          {photo.labels.map((label) => (
            <li key={label.name} className={`label-chip ${label.source}`}>
              <span className="name">{label.name}</span>
              {label.source === 'user' ? (
                <span className="source" title="You added this label">
                  yours
                </span>
              ) : (
                <span className="source" title="Rekognition’s confidence">
                  {formatConfidence(label.confidence)}
                </span>
              )}
              <button
                type="button"
                className="remove"
                aria-label={`Remove label ${label.name}`}
                onClick={() => void removeLabel(photo.id, label.name)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        photo.labelStatus.state !== 'queued' && <p className="muted">No labels yet.</p>
      )}
      <form
        className="add-label"
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <label htmlFor={inputId} className="visually-hidden">
          New label
        </label>
        <input
          id={inputId}
          value={name}
          maxLength={100}
          placeholder="Add a label"
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" disabled={name.trim() === ''}>
          Add
        </button>
      </form>
      {problem && <p role="alert">{problem}</p>}
    </section>
  );
}

function LabelStatusNote({
  status,
  onRetry,
}: {
  readonly status: LabelStatus;
  readonly onRetry: () => void;
}) {
  switch (status.state) {
    case 'queued':
      return <p className="muted">Waiting to be labelled…</p>;
    case 'failed':
      return (
        <div className="label-failed">
          <p>Couldn’t label this photo{status.message ? `: ${status.message}` : '.'}</p>
          <button type="button" onClick={onRetry}>
            Retry labelling
          </button>
        </div>
      );
    case 'off':
    case 'done':
      return null;
  }
}
