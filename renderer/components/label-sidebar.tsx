import { useState } from 'react';
import { plural } from '../format';
import { useShallow } from '../state/create-store';
import { selectSignedIn, useAuth } from '../state/auth-store';
import { useLabels } from '../state/labels-store';
import { useLibrary } from '../state/library-store';
import { LabelFailuresDialog } from './label-failures-dialog';
import { NameAndCount } from './name-and-count';

/** Labels with their photo counts; one click filters the grid by a label, another stops it. */
export function LabelSidebar() {
  const labels = useLabels(useShallow((state) => state.labels ?? []));
  const failures = useLabels((state) => state.failures.length);
  const problem = useLabels((state) => state.problem);
  const active = useLibrary((state) => state.label);
  const [showFailures, setShowFailures] = useState(false);
  // Labelling needs the person's AWS account: signed out there is nothing to retry.
  const signedIn = useAuth(selectSignedIn);
  const { toggleLabel, setLabel } = useLibrary.getState();

  // A library nobody labelled (local only, labelling off) has nothing to show here.
  if (labels.length === 0 && active === null && (failures === 0 || !signedIn) && !problem) {
    return null;
  }
  return (
    <nav className="label-sidebar" aria-label="Labels">
      <h2>Labels</h2>
      {active !== null && (
        <p className="active-filter">
          <span>
            Showing <strong>{active}</strong>
          </span>
          <button
            type="button"
            aria-label={`Stop showing only ${active}`}
            onClick={() => setLabel(null)}
          >
            ×
          </button>
        </p>
      )}
      {labels.length > 0 ? (
        <ul>
          {labels.map((label) => (
            <li key={label.name}>
              <button
                type="button"
                aria-pressed={label.name === active}
                onClick={() => toggleLabel(label.name)}
              >
                <NameAndCount name={label.name} count={label.count} />
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No labels at this confidence.</p>
      )}
      {problem && <p className="problem">{problem}</p>}
      {failures > 0 && signedIn && (
        <button type="button" className="failures-link" onClick={() => setShowFailures(true)}>
          Couldn’t label {plural(failures, 'photo')}…
        </button>
      )}
      {showFailures && <LabelFailuresDialog onClose={() => setShowFailures(false)} />}
    </nav>
  );
}
