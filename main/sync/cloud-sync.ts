import type { Logger } from '../model/logger';
import type { CloudStatus } from '../../contract/cloud';
import type { Catalog } from '../catalog/catalog';
import type { LibraryPaths } from '../library/library-paths';
import type { CloudDeletions } from './cloud-deletions';
import type { CloudSession } from '../aws/cloud-session';
import { syncFromCloud, type SyncCounts, type SyncPassDeps } from './sync-pass';
import { syncAlbums } from './album-sync';
import { MetaPublisher, type ApplyRemoteLabels } from './meta-publisher';
import type { RetryPolicy } from '../aws/retry';
import { cloudErrorMessage, type S3Target } from '../aws/s3-objects';

export type SyncStatus = CloudStatus['sync'];

export interface CloudSyncDeps {
  readonly catalog: SyncPassDeps['catalog'] & Pick<Catalog, 'lastIdentity' | 'albums'>;
  readonly paths: LibraryPaths;
  /** The signed-in user's session, or null while signed out. */
  readonly session: () => CloudSession | null;
  readonly applyRemoteLabels: ApplyRemoteLabels;
  /** Shared with the delete handler, which queues deletions and may process them at once. */
  readonly deletions: CloudDeletions;
  readonly now?: () => number;
  readonly retry?: RetryPolicy;
  /** ListObjectsV2 page size: S3's maximum (1000) unless a test wants several pages. */
  readonly pageSize?: number;
  /** Told on every status change (for the `cloud.status` event). */
  readonly onStatus?: (status: SyncStatus) => void;
  /** Told when a sync added (`added` of them), changed or removed photos (`library.changed`). */
  readonly onLibraryChanged?: (added: number) => void;
  /** Where skipped documents are noted; nothing by default. */
  readonly log?: Logger;
}

/** Problems listed by name in the status message; the rest are counted. */
const problemsNamed = 3;

/**
 * Keeps the catalog and the user's prefix in step: sends local deletions and metadata changes,
 * then merges the cloud's documents in. One sync at a time; asking while one runs joins it.
 * A sync never throws: failures show in `status()` (state `failed`, `lastAt` still the last sync
 * that succeeded) and leave the catalog as it was.
 */
export class CloudSync {
  private readonly publisher: MetaPublisher;
  private readonly lastIdentity: Catalog['lastIdentity'];
  private readonly albums: Catalog['albums'];
  private current: SyncStatus = { state: 'idle', lastAt: null, message: null };
  private running: Promise<void> | null = null;
  /** Aborted by stop(), so quitting does not wait for a long first sync to end. */
  private abort = new AbortController();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: CloudSyncDeps) {
    this.publisher = new MetaPublisher(deps);
    this.lastIdentity = deps.catalog.lastIdentity;
    this.albums = deps.catalog.albums;
  }

  status(): SyncStatus {
    return this.current;
  }

  /** Syncs now, or joins the sync already running. */
  run(): Promise<void> {
    this.running ??= this.syncOnce().finally(() => (this.running = null));
    return this.running;
  }

  /** Syncs now and then every `intervalMs` until `stop()`. */
  start(intervalMs: number): void {
    this.clearTimer();
    void this.run();
    this.timer = setInterval(() => void this.run(), intervalMs);
    // The timer alone must not keep a quitting process alive.
    this.timer.unref();
  }

  /** Stops the timer and cuts a sync in progress short; resolves once it has ended. */
  async stop(): Promise<void> {
    this.clearTimer();
    this.abort.abort();
    // A sync asked for from now on (signing in again) runs with a fresh signal.
    this.abort = new AbortController();
    await this.running;
  }

  private clearTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async syncOnce(): Promise<void> {
    const abort = this.abort; // this run's, even if stop() hands out a new one meanwhile
    const session = this.deps.session();
    if (!session) {
      this.setStatus('idle', 'Sign in to keep this library in step with your cloud.');
      return;
    }
    this.setStatus('running', null);
    const counts: SyncCounts = { added: 0, changed: 0, removed: 0 };
    try {
      const identityId = await session.identityId();
      this.lastIdentity.remember(identityId);
      const target: S3Target = {
        s3: session.s3,
        bucket: session.bucket,
        retry: this.deps.retry,
        signal: abort.signal,
      };
      const deletions = await this.deps.deletions.process();
      const published = await this.publisher.publish(target, identityId);
      const albums = await syncAlbums(this.albums, target, identityId, this.now());
      counts.changed += albums.changed;
      const skipped = await syncFromCloud(
        { ...this.deps, now: this.now, pageSize: this.deps.pageSize ?? 1000 },
        target,
        identityId,
        counts,
      );
      const notes = [...published.problems, ...albums.problems, ...skipped];
      if (deletions.error) notes.push(deletions.error);
      this.setStatus('idle', summarize(notes), this.now());
    } catch (error) {
      // Stopped (signing out, quitting): not a failure; the next sync starts where this left off.
      if (abort.signal.aborted) this.setStatus('idle', null);
      else this.setStatus('failed', `Sync failed: ${cloudErrorMessage(error)}`);
    } finally {
      if (counts.added + counts.changed + counts.removed > 0) {
        this.deps.onLibraryChanged?.(counts.added);
      }
    }
  }

  private readonly now = (): number => (this.deps.now ?? Date.now)();

  private setStatus(state: SyncStatus['state'], message: string | null, lastAt?: number): void {
    this.current = { state, message, lastAt: lastAt ?? this.current.lastAt };
    this.deps.onStatus?.(this.current);
  }
}

function summarize(notes: readonly string[]): string | null {
  if (notes.length === 0) return null;
  const named = notes.slice(0, problemsNamed).join(' ');
  const more = notes.length - problemsNamed;
  return more > 0 ? `${named} (and ${more} more)` : named;
}
