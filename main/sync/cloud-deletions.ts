import type { Catalog } from '../catalog/catalog';
import type { PendingDeletion } from '../catalog/cloud-deletion-queue';
import type { CloudSession } from '../aws/cloud-session';
import { derivedKey, metaKey, originalKey, thumbKey } from '../model/photo-keys';
import { isRetryable } from '../aws/retry';
import type { RetryPolicy } from '../aws/retry';
import {
  abortMultipartUpload,
  cloudErrorMessage,
  deleteKeys,
  type S3Target,
} from '../aws/s3-objects';

export interface CloudDeletionsDeps {
  readonly catalog: Pick<Catalog, 'deletionQueue' | 'remoteMeta' | 'lastIdentity' | 'partLedger'>;
  /** The signed-in user's session, or null while signed out. */
  readonly session: () => CloudSession | null;
  readonly retry?: RetryPolicy;
}

/** What one pass did. `error`: why deletions are still waiting (offline, signed out), if they are. */
export interface DeletionReport {
  readonly deleted: number;
  readonly pending: number;
  readonly error: string | null;
}

/**
 * Removes deleted photos' objects from the cloud: the metadata document first, so no device
 * lists the photo any more, then its thumbnail and original. A deletion the cloud does not
 * take yet (offline, signed out, another account signed in) waits in the catalog.
 */
export class CloudDeletions {
  private readonly queue: Catalog['deletionQueue'];
  private readonly index: Catalog['remoteMeta'];
  private readonly lastIdentity: Catalog['lastIdentity'];
  private readonly ledger: Catalog['partLedger'];
  private running: Promise<DeletionReport> | null = null;
  private abort = new AbortController();

  constructor(private readonly deps: CloudDeletionsDeps) {
    this.queue = deps.catalog.deletionQueue;
    this.index = deps.catalog.remoteMeta;
    this.lastIdentity = deps.catalog.lastIdentity;
    this.ledger = deps.catalog.partLedger;
  }

  pendingCount(): number {
    return this.queue.count();
  }

  /** Resolves once no pass is running. */
  async whenIdle(): Promise<void> {
    await this.running;
  }

  /** Cuts the pass in flight short (quitting); what it did not delete waits for the next run. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
    this.abort = new AbortController();
  }

  /** Works through the waiting deletions; a call while one runs joins it. Never throws. */
  process(): Promise<DeletionReport> {
    this.running ??= this.processAll().finally(() => (this.running = null));
    return this.running;
  }

  private async processAll(): Promise<DeletionReport> {
    const pending = this.queue.pending();
    if (pending.length === 0) return { deleted: 0, pending: 0, error: null };
    const session = this.deps.session();
    if (!session) return this.report(0, 'Deleting from the cloud waits until you sign in.');
    let identityId: string;
    try {
      identityId = await session.identityId();
    } catch (error) {
      return this.report(0, cloudErrorMessage(error));
    }
    this.lastIdentity.remember(identityId);
    const { signal } = this.abort;
    const target: S3Target = {
      s3: session.s3,
      bucket: session.bucket,
      retry: this.deps.retry,
      signal,
    };
    let deleted = 0;
    let error: string | null = null;
    // Another account's objects can only be deleted by that account (IAM scopes each prefix).
    for (const deletion of pending.filter((d) => d.identityId === identityId)) {
      try {
        if (await this.deleteOne(target, deletion)) deleted += 1;
      } catch (failure) {
        // Stopped: not a failure of this deletion, which simply waits.
        if (signal.aborted) break;
        error = cloudErrorMessage(failure);
        this.queue.failed(deletion.identityId, deletion.sha256, error);
        // Offline or throttled: the rest would fail the same way; they wait for the next pass.
        if (isRetryable(failure)) break;
      }
    }
    const others = pending.length - pending.filter((d) => d.identityId === identityId).length;
    if (!error && others > 0) {
      error = `${others} deleted photo(s) belong to another account; they leave its cloud once it signs in here.`;
    }
    return this.report(deleted, error);
  }

  /** Answers false when the deletion was dropped instead of sent. */
  private async deleteOne(target: S3Target, deletion: PendingDeletion): Promise<boolean> {
    const { identityId, sha256, format } = deletion;
    // Deleted, then imported again before the deletion went out: the photo is wanted after all,
    // and its objects in the cloud are its own again.
    if (this.queue.isBackInLibrary(sha256)) {
      this.queue.done(identityId, sha256);
      return false;
    }
    await deleteKeys(target, [metaKey(identityId, sha256)]);
    const original = originalKey(identityId, sha256, format);
    // The label derivative exists only where the stack labels in the cloud; deleting a key that
    // is not there is no error, so it goes with the rest either way.
    await deleteKeys(target, [
      thumbKey(identityId, sha256),
      derivedKey(identityId, sha256),
      original,
    ]);
    // An upload cut short by the deletion: S3 keeps its parts until it is aborted.
    const unfinished = await this.ledger.load(original);
    if (unfinished) {
      await abortMultipartUpload(target, original, unfinished.uploadId);
      await this.ledger.finish(original);
    }
    this.queue.done(identityId, sha256);
    this.index.forget(identityId, sha256);
    return true;
  }

  private report(deleted: number, error: string | null): DeletionReport {
    return { deleted, pending: this.queue.count(), error };
  }
}
