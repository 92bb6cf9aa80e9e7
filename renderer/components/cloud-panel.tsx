import type { ActiveUpload, CloudStatus } from '../../contract/cloud';
import { formatBytes, formatCount } from '../format';
import { useCloud } from '../state/cloud-store';
import {
  alreadyInCloudText,
  cloudHeadline,
  cloudLabellingText,
  cloudPanelVisible,
  cloudProgressText,
} from '../state/cloud-view';

/** The upload queue: total and per-file progress, controls, and what happened to the rest. */
export function CloudPanel() {
  const status = useCloud((state) => state.status);
  const dismissed = useCloud((state) => state.dismissed);
  const problem = useCloud((state) => state.problem);
  if (!status || !cloudPanelVisible(status, dismissed)) return null;
  return (
    <section className="cloud-panel" aria-label="Uploads">
      <CloudHead status={status} />
      {status.bytesTotal > 0 && (
        <>
          <progress aria-label="Upload progress" max={status.bytesTotal} value={status.bytesDone} />
          <p className="cloud-stats">{cloudProgressText(status)}</p>
        </>
      )}
      {status.active.length > 0 && (
        <ul className="active-uploads" aria-label="Uploading now">
          {status.active.map((upload) => (
            <ActiveUploadRow key={upload.id} upload={upload} />
          ))}
        </ul>
      )}
      <p className="cloud-stats">{countsText(status)}</p>
      {status.alreadyInCloud > 0 && (
        <p className="cloud-stats">{alreadyInCloudText(status.alreadyInCloud)}</p>
      )}
      {status.cloudLabelling && (
        <p className="cloud-stats" role="status" aria-label="Cloud labelling">
          {cloudLabellingText(status)}
        </p>
      )}
      {problem && <p role="alert">{problem}</p>}
    </section>
  );
}

function CloudHead({ status }: { readonly status: CloudStatus }) {
  const { control, dismiss } = useCloud.getState();
  const going = status.state === 'running' || status.state === 'waiting';
  const resumable = status.state === 'paused' || status.paused > 0;
  const waiting = status.queued + status.paused + status.active.length > 0;
  return (
    <div className="cloud-head">
      <strong>{cloudHeadline(status)}</strong>
      <span className="spacer" />
      {going && (
        <button type="button" onClick={() => void control('pause')}>
          Pause all
        </button>
      )}
      {(resumable || status.failed > 0) && (
        <button type="button" onClick={() => void control('resume')}>
          {resumable ? 'Resume all' : 'Retry failed'}
        </button>
      )}
      {waiting && (
        <button type="button" onClick={() => void control('cancel')}>
          Cancel all
        </button>
      )}
      {status.state === 'idle' && !waiting && status.failed === 0 && (
        <button type="button" onClick={dismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}

function ActiveUploadRow({ upload }: { readonly upload: ActiveUpload }) {
  const { control } = useCloud.getState();
  return (
    <li>
      <span className="path">{upload.filename}</span>
      <progress
        aria-label={`${upload.filename} upload progress`}
        max={Math.max(upload.size, 1)}
        value={upload.sentBytes}
      />
      <span className="cloud-stats">
        {formatBytes(upload.sentBytes)} of {formatBytes(upload.size)}
      </span>
      <button
        type="button"
        aria-label={`Pause ${upload.filename}`}
        onClick={() => void control('pause', upload.id)}
      >
        Pause
      </button>
      <button
        type="button"
        aria-label={`Cancel ${upload.filename}`}
        onClick={() => void control('cancel', upload.id)}
      >
        Cancel
      </button>
    </li>
  );
}

/** "4 waiting · 1 paused · 2 failed · 12 uploaded", leaving out the zeros. */
function countsText(status: CloudStatus): string {
  const counts: [number, string][] = [
    [status.queued, 'waiting'],
    [status.paused, 'paused'],
    [status.failed, 'failed (open a photo to see why)'],
    [status.uploaded, 'uploaded'],
  ];
  return counts
    .filter(([count]) => count > 0)
    .map(([count, word]) => `${formatCount(count)} ${word}`)
    .join(' · ');
}
