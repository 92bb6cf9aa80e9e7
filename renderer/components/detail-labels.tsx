import { useId, useState } from 'react';
import type { LabelStatus, PhotoDetail } from '../../contract/photos';
import { formatConfidence } from '../format';
import { selectSignedIn, useAuth } from '../state/auth-store';
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
        photo.labelStatus.state !== 'queued' && (
          <p className="muted">{noLabelsText(photo.labelsBelowConfidence)}</p>
        )
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

/** Why no label shows: none at all yet, or all below the confidence slider in Settings. */
function noLabelsText(below: number): string {
  if (below === 0) return 'No labels yet.';
  return `No labels at this confidence (${below === 1 ? 'one is' : `${below} are`} below it; lower it in Settings).`;
}

function LabelStatusNote({
  status,
  onRetry,
}: {
  readonly status: LabelStatus;
  readonly onRetry: () => void;
}) {
  // Labelling runs in the person's AWS account: signed out, a retry could only fail again.
  const signedIn = useAuth(selectSignedIn);
  switch (status.state) {
    case 'queued':
      return <p className="muted">Waiting to be labelled…</p>;
    case 'failed':
      return (
        <div className="label-failed">
          <p>Couldn’t label this photo{status.message ? `: ${status.message}` : '.'}</p>
          {signedIn ? (
            <button type="button" onClick={onRetry}>
              Retry labelling
            </button>
          ) : (
            <p className="muted">Sign in to try again.</p>
          )}
        </div>
      );
    case 'off':
    case 'done':
      return null;
  }
}
