import type { AuthState } from '../../contract/auth';
import type { CloudStatus } from '../../contract/cloud';

/** Where the cloud stands when the person deletes for good: what the confirmation must say. */
export type CloudReach = 'no-backend' | 'signed-out' | 'offline' | 'online';

export function cloudReach(auth: AuthState, cloud: CloudStatus | null): CloudReach {
  if (auth.status === 'unconfigured') return 'no-backend';
  if (auth.status !== 'signed-in') return 'signed-out';
  return auth.connection === 'offline' || cloud?.state === 'waiting' ? 'offline' : 'online';
}

/**
 * The confirmation's body for deleting `count` photos for good, true to what happens where: only
 * this computer without a backend; the cloud copies now, once it answers, or at the next sign-in.
 */
export function deleteForeverText(count: number, reach: CloudReach): string {
  const them = count === 1 ? 'it' : 'them';
  const their = count === 1 ? 'its' : 'their';
  switch (reach) {
    case 'no-backend':
      return `This deletes ${them} from this computer for good. It cannot be undone.`;
    case 'signed-out':
      return `This deletes ${them} from this computer for good. Any copies in your cloud are deleted the next time you sign in. It cannot be undone.`;
    case 'offline':
      return `This deletes ${them} from this computer for good now, and ${their} copies in your cloud once it can be reached (it cannot be right now). It cannot be undone.`;
    case 'online':
      return `This deletes ${them} for good from this computer and from your cloud. It cannot be undone.`;
  }
}
