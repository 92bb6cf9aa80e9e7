import type { Catalog } from '../catalog/catalog';
import type { Logger } from '../model/logger';
import { trashCutoff } from './trash-expiry';

export interface TrashExpiryDeps {
  readonly organise: Pick<Catalog['organise'], 'trashedBefore'>;
  /** How many days a photo stays in the Trash (the setting, read at each check). */
  readonly trashDays: () => number;
  /** Deletes the photos for good, as `photo.delete` does (their cloud objects too). */
  readonly deleteForGood: (ids: number[]) => Promise<unknown>;
  readonly now: () => number;
  /**
   * Whether a sync has read the cloud's documents since start. Until then a photo in the cloud
   * is not deleted for good by expiry: another device may have taken it out of the Trash, and a
   * catalog restored from a backup or long offline would otherwise delete it everywhere.
   */
  readonly cloudRead: () => boolean;
  readonly log: Logger;
  /** The first check waits for this (the start-up reconcile, so it never sees a half-deleted photo). */
  readonly startAfter: Promise<unknown>;
  /** How often the Trash is checked; hourly by default. */
  readonly everyMs?: number;
}

/** How often the Trash is checked for photos kept longer than the setting. */
const trashCheckMs = 60 * 60 * 1000;

/**
 * Deletes for good the photos kept in the Trash longer than the setting says: once at start
 * (after `startAfter`) and then every hour. Checks run one after another, never side by side.
 */
export class TrashExpiryTimer {
  private expiring: Promise<void>;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly deps: TrashExpiryDeps) {
    this.expiring = deps.startAfter.then(this.expire).catch(this.reportFailure);
    this.timer = setInterval(() => {
      this.expiring = this.expiring.then(this.expire).catch(this.reportFailure);
    }, deps.everyMs ?? trashCheckMs);
    this.timer.unref();
  }

  /** Checks now, after any check under way; rejects when this check fails. */
  expireNow(): Promise<void> {
    this.expiring = this.expiring.then(this.expire);
    return this.expiring;
  }

  /** Stops the hourly check and waits for the one under way. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.expiring.catch(() => undefined);
  }

  private readonly expire = async (): Promise<void> => {
    const { organise, trashDays, now, cloudRead } = this.deps;
    const expired = organise.trashedBefore(trashCutoff(now(), trashDays()), {
      cloudToo: cloudRead(),
    });
    if (expired.length > 0) await this.deps.deleteForGood(expired);
  };

  private readonly reportFailure = (error: unknown): void => {
    this.deps.log.warn('emptying expired photos from the Trash failed', { error });
  };
}
