import type { FileCounts, ImportJobView } from '../state/import-jobs';
import { fileCounts, isRunning } from '../state/import-jobs';
import { useImports } from '../state/import-store';
import { useShallow } from '../state/create-store';
import { formatCount, plural } from '../format';

export function ImportPanel() {
  const order = useImports(useShallow((state) => state.order));
  const preparing = useImports((state) => state.preparing);
  const startError = useImports((state) => state.startError);
  if (order.length === 0 && !preparing && !startError) return null;
  return (
    <section className="import-panel" aria-label="Imports">
      {preparing && (
        <div className="preparing">
          <p>Reading the files you chose…</p>
          <progress aria-label="Reading the files" />
        </div>
      )}
      {startError && <p role="alert">{startError}</p>}
      {order.map((jobId) => (
        <ImportJobCard key={jobId} jobId={jobId} />
      ))}
    </section>
  );
}

function ImportJobCard({ jobId }: { readonly jobId: string }) {
  const job = useImports((state) => state.jobs[jobId]);
  const { cancel, dismiss } = useImports.getState();
  if (!job) return null;
  const { progress } = job;
  const counts = fileCounts(job);
  const running = isRunning(job);
  return (
    <article className="import-job">
      <div className="import-head">
        <strong>{headline(job, counts)}</strong>
        <span className="spacer" />
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
      <progress
        aria-label="Import progress"
        max={Math.max(counts.total, 1)}
        value={progress.state === 'scanning' ? undefined : counts.done}
      />
      <p className="import-stats">
        {plural(progress.imported, 'photo')} added · {plural(progress.duplicates, 'duplicate')}{' '}
        skipped · {formatCount(job.failures.length)} failed
        {running && progress.photosPerSecond > 0 && ` · ${progress.photosPerSecond} photos/s`}
      </p>
      <p className="visually-hidden" role="status">
        {job.failures.length > 0
          ? `${plural(job.failures.length, 'file')} could not be imported.`
          : ''}
      </p>
      {job.failures.length > 0 && (
        <details open className="failures">
          <summary>{plural(job.failures.length, 'file')} could not be imported</summary>
          <ul>
            {job.failures.map((failure) => (
              <li key={failure.path}>
                <span className="path">{failure.path}</span> — {failure.message}
              </li>
            ))}
          </ul>
        </details>
      )}
      {job.duplicates.length > 0 && (
        <details className="duplicates">
          <summary>{plural(job.duplicates.length, 'file')} already in your library</summary>
          <ul>
            {job.duplicates.map((duplicate) => (
              <li key={duplicate.path}>
                <span className="path">{duplicate.path}</span> is the same photo as “
                {duplicate.existingFilename}”
              </li>
            ))}
          </ul>
        </details>
      )}
    </article>
  );
}

function headline(job: ImportJobView, counts: FileCounts): string {
  const done = formatCount(counts.done);
  const total = formatCount(counts.total);
  switch (job.progress.state) {
    case 'scanning':
      return `Looking for photos… ${total} found`;
    case 'importing':
      return `Importing ${done} of ${total}`;
    case 'finished':
      return `Import finished: ${done} of ${total} files`;
    case 'cancelled':
      return `Import cancelled after ${done} of ${total} files`;
  }
}
