import type { CloudSession } from '../aws/cloud-session';
import { OutageWait } from '../aws/outage-wait';
import { classifyUploadFailure } from './upload-failure';
import type { WaitReason } from './queue-state';
import { messageOf } from '../../contract/result';

/** What to do with a photo whose attempt failed. */
export type RecoveryDecision =
  | { readonly kind: 'fail'; readonly message: string }
  | { readonly kind: 'retry'; readonly at: number; readonly message: string };

/** Renewals of credentials AWS still calls expired before waiting as for an outage. */
const maxRenewals = 2;

/**
 * How the upload queue recovers from failed attempts, shared by every upload in flight:
 * - an unreachable or busy cloud makes the whole queue wait, first `firstWaitMs`, doubling each
 *   round that fails again, up to 5 minutes; every upload failing in the same round shares it;
 * - credentials AWS calls expired are renewed (once, however many uploads noticed), and the
 *   photo goes again at once; renewals that do not help turn into a wait;
 * - anything else fails the photo, with the reason.
 */
export class UploadRecovery {
  private readonly wait: OutageWait;
  /** Why the queue waits; kept until bytes flow again. */
  private reason: WaitReason | null = null;
  private renewals = 0;
  private renewing: Promise<void> | null = null;

  constructor(
    private readonly now: () => number,
    firstWaitMs: number,
  ) {
    this.wait = new OutageWait(now, firstWaitMs);
  }

  /** Why the queue is waiting, while it waits (until bytes flow again). */
  get waitReason(): WaitReason | null {
    return this.reason;
  }

  /** When the queue may start uploads again; null when it need not wait. */
  waitingUntil(): number | null {
    return this.wait.waitingUntil();
  }

  /** Bytes reached the cloud: whatever the queue was waiting for is over. */
  bytesFlowing(): void {
    this.wait.end();
    this.reason = null;
    this.renewals = 0;
  }

  /** A photo is up (or the person said "try again now"): start counting from scratch. */
  reset(): void {
    this.bytesFlowing();
    this.wait.recovered();
  }

  async decide(error: unknown, filename: string, session: CloudSession): Promise<RecoveryDecision> {
    const failure = classifyUploadFailure(error, filename);
    switch (failure.kind) {
      case 'aborted':
        // Not aborted by the queue (that is never a failure): go again.
        return { kind: 'retry', at: this.now(), message: 'The upload was interrupted.' };
      case 'permanent':
        return { kind: 'fail', message: failure.message };
      case 'credentials':
        if (this.renewals < maxRenewals) {
          const problem = await this.renew(session);
          if (!problem) return { kind: 'retry', at: this.now(), message: failure.message };
          return this.waitFor(problem.reason, problem.message);
        }
        return this.waitFor('credentials', failure.message);
      case 'offline':
      case 'busy':
        return this.waitFor(failure.kind, failure.message);
    }
  }

  /** One renewal at a time; answers why it did not work, or null when it did. */
  private async renew(
    session: CloudSession,
  ): Promise<{ reason: WaitReason; message: string } | null> {
    if (!session.renewCredentials) {
      return { reason: 'credentials', message: 'These AWS credentials cannot be renewed.' };
    }
    if (!this.renewing) {
      this.renewals += 1;
      this.renewing = session.renewCredentials().finally(() => (this.renewing = null));
    }
    try {
      await this.renewing;
      return null;
    } catch (error) {
      const failure = classifyUploadFailure(error, 'credentials');
      const detail = messageOf(error);
      return {
        reason:
          failure.kind === 'offline' || failure.kind === 'busy' ? failure.kind : 'credentials',
        message: `AWS credentials could not be renewed: ${detail}`,
      };
    }
  }

  /** Starts a wait, or joins the one under way (uploads failing together share one round). */
  private waitFor(reason: WaitReason, message: string): RecoveryDecision {
    if (!this.wait.isWaiting()) {
      this.reason = reason;
      this.renewals = 0; // after the wait, renewing is worth another try
    }
    return { kind: 'retry', at: this.wait.start(), message };
  }
}
