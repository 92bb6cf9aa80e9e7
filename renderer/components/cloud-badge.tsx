import type { CloudState } from '../../contract/photos';

/** Words for each cloud state: the badge never says it by colour alone. */
export const cloudStateLabels: Record<CloudState, string> = {
  local: 'Only on this computer',
  queued: 'Waiting to upload',
  uploading: 'Uploading',
  paused: 'Upload paused',
  cloud: 'In the cloud',
  failed: 'Upload failed',
};

/**
 * Whether a photo's cloud state is worth a badge: signed out, every photo not uploaded is local,
 * and a badge on each would say nothing.
 */
export function showsCloudState(state: CloudState, signedIn: boolean): boolean {
  return signedIn || state !== 'local';
}

// What is drawn inside (or across) the cloud outline for each state.
const marks: Record<CloudState, string> = {
  local: 'M4 4l16 16',
  queued: 'M12 11v2.6l1.6 1.2',
  uploading: 'M12 16.5V11m-2.4 2.2L12 10.8l2.4 2.4',
  paused: 'M10.6 11.2v4.3M13.4 11.2v4.3',
  cloud: 'M9.4 13.6l1.9 1.9 3.4-3.6',
  failed: 'M12 10.8v3M12 16.2v.01',
};

const outline = 'M7 19h10.5a4.5 4.5 0 0 0 .6-8.96A6.5 6.5 0 0 0 5.6 9.3 4.9 4.9 0 0 0 7 19z';

/** A photo's place in the cloud: an icon with its words, shown or only for screen readers. */
export function CloudBadge({
  state,
  showText = false,
  hidden = false,
}: {
  readonly state: CloudState;
  readonly showText?: boolean;
  /** Kept in place but not shown (a grid tile keeps its badge for the next photo it shows). */
  readonly hidden?: boolean;
}) {
  const label = cloudStateLabels[state];
  return (
    <span className={`cloud-badge ${state}`} title={label} hidden={hidden}>
      <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
        <path
          d={outline}
          fill="none"
          stroke="currentColor"
          strokeWidth="2.2"
          strokeDasharray={state === 'local' ? '2.5 2' : undefined}
        />
        <path
          d={marks[state]}
          fill="none"
          stroke="currentColor"
          strokeWidth="2.2"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      <span className={showText ? 'cloud-badge-text' : 'visually-hidden'}>{label}</span>
    </span>
  );
}
