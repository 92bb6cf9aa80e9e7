import type { CloudStatus } from '../../contract/cloud';
import type { UploadJobCounts } from '../catalog/upload-jobs';

/** Why queued work cannot go right now, though it will by itself. */
export type WaitReason = 'offline' | 'busy' | 'credentials';

/** What the queue's state is derived from. */
export interface QueueSnapshot {
  readonly signedIn: boolean;
  /** The person paused the whole queue. */
  readonly pausedAll: boolean;
  /** Files being uploaded right now. */
  readonly active: number;
  readonly counts: UploadJobCounts;
  readonly wait: WaitReason | null;
  readonly alreadyInCloud: number;
}

const waitMessages: Record<WaitReason, string> = {
  offline: 'The cloud can’t be reached right now. Uploads will resume by themselves.',
  busy: 'The cloud is busy right now. Uploads will resume by themselves.',
  credentials: 'Renewing your AWS credentials. Uploads will resume by themselves.',
};

/** The queue's state and the one message that goes with it (see CloudStatus). */
export function queueState(s: QueueSnapshot): Pick<CloudStatus, 'state' | 'message'> {
  const toDo = s.counts.queued + s.counts.running;
  if (!s.signedIn) {
    return { state: 'signed-out', message: toDo > 0 ? `Sign in to upload ${photos(toDo)}.` : null };
  }
  if (s.pausedAll && toDo + s.counts.paused > 0) return { state: 'paused', message: null };
  if (s.wait && toDo > 0) return { state: 'waiting', message: waitMessages[s.wait] };
  if (s.active > 0 || toDo > 0) return { state: 'running', message: null };
  if (s.counts.paused > 0) return { state: 'paused', message: null };
  return {
    state: 'idle',
    message:
      s.alreadyInCloud > 0
        ? `${photos(s.alreadyInCloud)} ${s.alreadyInCloud === 1 ? 'was' : 'were'} already in the cloud and ${s.alreadyInCloud === 1 ? 'was' : 'were'} not sent again.`
        : null,
  };
}

function photos(n: number): string {
  return n === 1 ? '1 photo' : `${n} photos`;
}
