import { useShallow } from '../state/create-store';
import { exportFailureWords, exportHeadline } from '../state/export-wording';
import { useExports } from '../state/export-store';
import { formatBytes, plural } from '../format';
import { shoebox } from '../bridge/shoebox';

/** Exports in the activity area: progress, cancel, failures named, and "Show in folder". */
export function ExportPanel() {
  const order = useExports(useShallow((state) => state.order));
  const startError = useExports((state) => state.startError);
  if (order.length === 0 && !startError) return null;
  return (
    <section className="import-panel" aria-label="Exports">
      {startError && <p role="alert">{startError}</p>}
      {order.map((jobId) => (
        <ExportJobCard key={jobId} jobId={jobId} />
      ))}
    </section>
  );
}

function ExportJobCard({ jobId }: { readonly jobId: string }) {
  const job = useExports((state) => state.jobs[jobId]);
  const { cancel, dismiss, reveal } = useExports.getState();
  if (!job) return null;
  const running = job.state === 'running';
  const canReveal = !running && job.exported > 0 && shoebox().host === 'electron';
  return (
    <article className="import-job export-job">
      <div className="import-head">
        <strong>{exportHeadline(job)}</strong>
        <span className="spacer" />
        {canReveal && (
          <button type="button" onClick={() => reveal(jobId)}>
            Show in folder
          </button>
        )}
        {running ? (
          <button type="button" onClick={() => cancel(jobId)}>
            Cancel
          </button>
        ) : (
          <button type="button" onClick={() => dismiss(jobId)}>
            Dismiss
          </button>
        )}
      </div>
      <progress aria-label="Export progress" max={Math.max(job.total, 1)} value={job.done} />
      <p className="import-stats">
        {formatBytes(job.bytes)} copied, every file checked against its SHA-256
        {job.folder && (
          <>
            {' '}
            · <span className="path">{job.folder}</span>
          </>
        )}
      </p>
      <p className="visually-hidden" aria-live="polite">
        {running ? '' : exportHeadline(job)}
      </p>
      {job.failures.length > 0 && (
        <details open className="failures">
          <summary>{plural(job.failures.length, 'photo')} could not be exported</summary>
          <ul>
            {job.failures.map((failure) => (
              <li key={failure.photoId} title={failure.detail}>
                <span className="path">{failure.filename}</span> —{' '}
                {exportFailureWords(failure.code)}
              </li>
            ))}
          </ul>
        </details>
      )}
    </article>
  );
}
