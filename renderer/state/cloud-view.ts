import type { CloudStatus } from '../../contract/cloud';
import { formatBytes, formatDuration, plural } from '../format';

/** Focus comes and goes all day; a sync lists the whole prefix, so not more than once a minute. */
export const focusSyncGapMs = 60_000;

/** Whether regaining focus should ask main to sync: signed in, and not asked too recently. */
export function shouldSyncOnFocus(signedIn: boolean, lastAskedAt: number | null, now: number) {
  return signedIn && (lastAskedAt === null || now - lastAskedAt >= focusSyncGapMs);
}

/** Whether the uploads panel has anything to say; `dismissed` hides a finished summary. */
export function cloudPanelVisible(status: CloudStatus | null, dismissed: boolean): boolean {
  if (!status || status.state === 'signed-out') return false;
  if (status.state !== 'idle') return true;
  if (status.failed > 0 || status.queued > 0 || status.paused > 0) return true;
  if (cloudLabellingPending(status) > 0) return true;
  return !dismissed && (status.uploaded > 0 || status.alreadyInCloud > 0);
}

/** The panel's one-line headline. */
export function cloudHeadline(status: CloudStatus): string {
  const left = status.queued + status.active.length;
  switch (status.state) {
    case 'running':
      return `Uploading ${plural(left, 'photo')} to your cloud`;
    case 'paused':
      return 'Uploads paused';
    case 'waiting':
      return status.message ?? 'Waiting to upload';
    case 'idle':
    case 'signed-out':
      return status.failed > 0 ? 'Some uploads failed' : 'Uploads finished';
  }
}

/** "12.0 MB of 40.0 MB · 2.0 MB/s · about 14 s left", leaving out what is not known yet. */
export function cloudProgressText(status: CloudStatus): string {
  const parts = [`${formatBytes(status.bytesDone)} of ${formatBytes(status.bytesTotal)}`];
  if (status.state === 'running' && status.bytesPerSecond > 0)
    parts.push(`${formatBytes(status.bytesPerSecond)}/s`);
  if (status.state === 'running' && status.secondsLeft !== null)
    parts.push(`about ${formatDuration(status.secondsLeft)} left`);
  return parts.join(' · ');
}

/** "3 photos were already in the cloud and were not uploaded again." */
export function alreadyInCloudText(count: number): string {
  return count === 1
    ? '1 photo was already in the cloud and was not uploaded again.'
    : `${plural(count, 'photo')} were already in the cloud and were not uploaded again.`;
}

function cloudLabellingPending(status: CloudStatus): number {
  const counts = status.cloudLabelling;
  return counts ? counts.sent + counts.waiting : 0;
}

/**
 * When the stack labels in the cloud: "Labelling in your cloud: 3 photos (2 sent, 1 waiting for
 * its upload)", or that nothing is pending; null when the app labels by itself.
 */
export function cloudLabellingText(status: CloudStatus): string | null {
  const counts = status.cloudLabelling;
  if (!counts) return null;
  const pending = counts.sent + counts.waiting;
  if (pending === 0) return 'Labelling in your cloud: nothing waiting';
  const parts = [
    counts.sent > 0 ? `${counts.sent} sent` : null,
    counts.waiting > 0 ? `${counts.waiting} waiting for upload` : null,
  ].filter((part) => part !== null);
  return `Labelling in your cloud: ${plural(pending, 'photo')} (${parts.join(', ')})`;
}
