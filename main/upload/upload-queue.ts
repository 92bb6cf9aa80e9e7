import type { Logger } from '../model/logger';
import type { CloudStatus } from '../../contract/cloud';
import type { Catalog } from '../catalog/catalog';
import type { PhotoToUpload } from '../catalog/upload-jobs';
import { AppError } from '../model/app-error';
import type { LibraryPaths } from '../library/library-paths';
import type { AppSettingsStore } from '../settings/app-settings-store';
import type { CloudSession } from '../aws/cloud-session';
import { DEFAULT_RETRY_POLICY } from '../aws/retry';
import type { RetryPolicy } from '../aws/retry';
import { uploadPhoto } from './upload-photo';
import { UploadRecovery } from './upload-recovery';
import { RunProgress } from './run-progress';
import { queueState } from './queue-state';
import { Throttle } from './event-throttle';
import { QueueListing } from './originals-listing';
import { BufferPool } from '../library/buffer-pool';
import { DEFAULT_MULTIPART_THRESHOLD } from './s3-upload-requests';
import { settingLimits } from '../../contract/settings';

export interface UploadQueueDeps {
  readonly catalog: Pick<Catalog, 'uploadJobs' | 'partLedger' | 'photoMeta'>;
  /** Where what goes wrong inside the queue is written; nothing by default. */
  readonly log?: Logger;
  readonly paths: LibraryPaths;
  readonly settings: AppSettingsStore;
  /** Told, at most every 200 ms, what the person is shown (the `cloud.status` event). */
  readonly onStatus: (status: CloudStatus) => void;
  /** Told, at most every 400 ms, that photos' cloud state changed (a `library.changed`). */
  readonly onLibraryChanged: () => void;
  /** Wall-clock time, for what is stored (queued and due times). */
  readonly now: () => number;
  /** A clock that never jumps, for waits; performance.now() by default. */
  readonly monotonicNow?: () => number;
  /** The signed-in user's session; null while signed out. */
  readonly session: () => CloudSession | null;
  /** Merged into status(); idle by default. */
  readonly syncStatus?: () => CloudStatus['sync'];
  /** Keeps the machine awake while there is work (a power-save blocker); answers a release. */
  readonly keepAwake?: () => () => void;
  /** Per-request retries (the uploader's); defaults to DEFAULT_RETRY_POLICY. */
  readonly retry?: RetryPolicy;
  /** The first wait once the cloud is unreachable or busy; it doubles, up to 5 minutes. */
  readonly offlineRetryMs?: number;
  /** Multipart part size and threshold; the uploader's defaults (8 MiB, 16 MiB) when absent. */
  readonly partSize?: number;
  readonly multipartThreshold?: number;
  /** Resolves once the catalog may be written (its start-up check); at once when absent. */
  readonly writable?: Promise<unknown>;
}

interface ActiveUpload {
  readonly photo: PhotoToUpload;
  readonly controller: AbortController;
  sentBytes: number;
  /** Its original and thumbnail are in the cloud; only the metadata document is left. */
  sent: boolean;
}

const idleSync: CloudStatus['sync'] = { state: 'idle', lastAt: null, message: null };

/** No retry is ever set further ahead than the longest outage wait (OutageWait's 5 minutes);
 * a job due later than this was stamped before the wall clock went back. */
const longestWaitMs = 5 * 60_000;

/**
 * The upload queue: jobs live in the catalog (upload_jobs), so the queue outlives restarts and
 * crashes; multipart parts live in the catalog's part ledger, so a big file resumes from its last
 * acknowledged part. `uploadConcurrency` files go at a time; a photo whose original and
 * thumbnail are in, with only its metadata document left to write, makes room for the next one
 * (at most as many again of those). An unreachable cloud makes the queue
 * wait and go on by itself; a problem only the person can fix fails that photo, with a reason.
 */
export class UploadQueue {
  private readonly jobs: Catalog['uploadJobs'];
  private readonly ledger: Catalog['partLedger'];
  private readonly active = new Map<number, ActiveUpload>();
  private readonly running = new Set<Promise<void>>();
  private readonly statusEvents: Throttle;
  private readonly libraryEvents: Throttle;
  private readonly recovery: UploadRecovery;
  private readonly run: RunProgress;
  private readonly originals: QueueListing;
  /** Buffers for the originals sent in one request, for this run of work (dropped when idle). */
  private bodies: BufferPool;
  private pausedAll: boolean;
  private stopped = false;
  private wakeTimer: NodeJS.Timeout | null = null;
  private releaseAwake: (() => void) | null = null;
  private idleWaiters: (() => void)[] = [];
  private readonly monotonicNow: () => number;
  /** Since the app started: photos sent, and photos found already in the cloud. */
  private uploaded = 0;
  private alreadyInCloud = 0;

  constructor(private readonly deps: UploadQueueDeps) {
    this.jobs = deps.catalog.uploadJobs;
    this.ledger = deps.catalog.partLedger;
    this.monotonicNow = deps.monotonicNow ?? (() => performance.now());
    // Jobs a crash left running go back to the queue; their parts are still in the ledger.
    // Nothing uploads before then: signing in waits for the catalog's check too.
    if (deps.writable)
      void deps.writable.then(
        () => this.jobs.requeueRunning(),
        () => undefined,
      );
    else this.jobs.requeueRunning();
    this.pausedAll = this.jobs.isQueuePaused();
    // Speeds and time left from a clock that never jumps (docs/reliability.md, "Wrong clocks").
    this.run = new RunProgress(this.monotonicNow);
    // Waits on it too: a wall clock set back an hour must not stretch a 5-second wait to an hour.
    this.recovery = new UploadRecovery(this.monotonicNow, deps.offlineRetryMs ?? 5_000);
    this.originals = new QueueListing(this.monotonicNow, (error) =>
      deps.log?.warn('upload queue: listing the originals failed', { error }),
    );
    this.bodies = this.newBodies();
    this.statusEvents = new Throttle(() => this.guard(() => deps.onStatus(this.status())), 200);
    this.libraryEvents = new Throttle(() => this.guard(() => deps.onLibraryChanged()), 400);
    deps.settings.onChange(() => this.pump());
  }

  /** Queues every local photo not yet in the cloud and without a job; answers how many. */
  enqueueAllLocal(): number {
    const added = this.jobs.enqueueAllLocal(this.deps.now(), this.pausedAll ? 'paused' : 'queued');
    if (added > 0) this.libraryEvents.request();
    this.kick();
    return added;
  }

  /** What the person is shown (the `cloud.status` event and channel); a few catalog counts. */
  status(): CloudStatus {
    const counts = this.jobs.counts();
    const active = [...this.active.values()].filter((a) => !a.controller.signal.aborted);
    const { state, message } = queueState({
      signedIn: this.deps.session() !== null,
      pausedAll: this.pausedAll,
      active: active.length,
      counts,
      wait: this.recovery.waitReason,
      alreadyInCloud: this.alreadyInCloud,
    });
    const activeBytes = active.reduce((sum, a) => sum + a.sentBytes, 0);
    return {
      state,
      message,
      // Waiting only: the ones uploading now are `active` (counting both said 43 of 40).
      queued: counts.queued,
      paused: counts.paused,
      failed: counts.failed,
      uploaded: this.uploaded,
      alreadyInCloud: this.alreadyInCloud,
      ...this.run.figures(counts.pendingBytes, activeBytes, state === 'running'),
      active: active.map((a) => ({
        id: a.photo.id,
        filename: a.photo.filename,
        sentBytes: a.sentBytes,
        size: a.photo.byteSize,
      })),
      sync: this.deps.syncStatus?.() ?? idleSync,
    };
  }

  /** Pauses one photo's upload, or the whole queue (new photos then wait too); in-flight
   * uploads stop at once and keep their acknowledged parts. */
  pause(id?: number): CloudStatus {
    if (id === undefined) {
      this.pausedAll = true;
      this.jobs.setQueuePaused(true);
    } else {
      this.assertPhoto(id);
    }
    this.jobs.pause(id);
    return this.changed(id);
  }

  /** Resumes one photo (also a failed or cancelled one, or a local photo with no job yet), or
   * the whole queue with every failed photo; either way waiting out a backoff ends now. */
  resume(id?: number): CloudStatus {
    if (id === undefined) {
      this.pausedAll = false;
      this.jobs.setQueuePaused(false);
      this.jobs.resume();
    } else {
      this.assertPhoto(id);
      if (this.jobs.resume(id) === 0) this.jobs.enqueue(id, this.deps.now());
    }
    this.recovery.reset();
    const status = this.changed();
    this.kick();
    return status;
  }

  /** Takes one photo, or every photo, out of the queue: it stays local and is not queued again
   * by itself (resume(id) brings it back). */
  cancel(id?: number): CloudStatus {
    if (id !== undefined) this.assertPhoto(id);
    this.jobs.cancel(id);
    return this.changed(id);
  }

  /**
   * Starts work if there is any and someone is signed in: after sign-in, an import, the
   * connection coming back. A wait for the cloud ends too, since whoever kicks knows something
   * changed; if the cloud is still away, the wait simply starts again.
   */
  kick(): void {
    this.stopped = false;
    if (this.recovery.waitReason) {
      this.recovery.reset();
      this.jobs.makeQueuedDue();
    }
    this.pump();
  }

  /** Aborts in-flight uploads (their parts stay in the ledger) and stops until the next kick. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearWake();
    this.originals.forget();
    const interrupted = [...this.active.keys()];
    for (const upload of this.active.values()) upload.controller.abort();
    await Promise.all(this.running);
    // Only the jobs this stop interrupted: a kick() while it waited may have started others.
    this.guard(() => {
      for (const id of interrupted) if (!this.active.has(id)) this.jobs.requeueStopped(id);
    });
    this.settle();
    this.statusEvents.flush();
    this.libraryEvents.flush();
  }

  /** Resolves once nothing is uploading and nothing queued can go by itself (done, paused,
   * stopped or signed out). A queue waiting out an outage is not idle. */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    this.guard(() => {
      this.clearWake();
      const session = this.deps.session();
      if (this.stopped || this.pausedAll || !session) return;
      const now = this.deps.now();
      // Due times are stored as wall-clock times (they outlive the process); one further ahead
      // than any wait the queue sets means the clock went back since: due now, not in an hour.
      if ((this.jobs.nextDueAt() ?? 0) > now + longestWaitMs) this.jobs.makeQueuedDue();
      const waitUntil = this.recovery.waitingUntil();
      if (waitUntil !== null) {
        this.wakeIn(waitUntil - this.monotonicNow());
        return;
      }
      const limit = this.deps.settings.get().uploadConcurrency;
      while (this.sending() < limit && this.active.size < 2 * limit) {
        const photo = this.jobs.claimNext(now);
        if (!photo) break;
        this.start(photo, session);
      }
      const due = this.jobs.nextDueAt();
      if (due !== null && due > now && this.sending() < limit) this.wakeAt(due);
    });
    this.settle();
  }

  private start(photo: PhotoToUpload, session: CloudSession): void {
    // The speed is measured from when uploads start, not across a pause or an outage.
    if (this.active.size === 0) this.run.resumed();
    const upload: ActiveUpload = {
      photo,
      controller: new AbortController(),
      sentBytes: 0,
      sent: false,
    };
    this.active.set(photo.id, upload);
    this.libraryEvents.request();
    const work = this.work(upload, session)
      .catch((error: unknown) => this.deps.log?.error('upload queue', { error }))
      .finally(() => {
        this.active.delete(photo.id);
        this.running.delete(work);
        this.libraryEvents.request();
        this.pump();
      });
    this.running.add(work);
  }

  private async work(upload: ActiveUpload, session: CloudSession): Promise<void> {
    const { photo, controller } = upload;
    const retry = this.deps.retry ?? DEFAULT_RETRY_POLICY;
    try {
      const identityId = await session.identityId();
      const counts = this.jobs.counts();
      const originals = await this.originals.for(
        { s3: session.s3, bucket: session.bucket, retry },
        identityId,
        counts.queued + counts.running,
      );
      const result = await uploadPhoto(photo, {
        session,
        identityId,
        paths: this.deps.paths,
        ledger: this.ledger,
        retry,
        originals,
        partConcurrency: this.deps.settings.get().partConcurrency,
        bodies: this.bodies,
        partSize: this.deps.partSize,
        multipartThreshold: this.deps.multipartThreshold,
        signal: controller.signal,
        onProgress: (sent, newlySent) => this.progress(upload, sent, newlySent),
        onSent: () => {
          upload.sent = true;
          this.pump();
        },
        currentMeta: () => {
          const doc = this.deps.catalog.photoMeta.of(photo.id);
          return doc && { doc, changedAt: this.jobs.metaChangedAt(photo.id) };
        },
      });
      this.jobs.complete(photo.id, result.metaChangedAt);
      // Found there on the first try: someone (another device, an earlier install) sent it.
      if (result.original === 'already-there' && photo.attempts === 1) this.alreadyInCloud += 1;
      else this.uploaded += 1;
      this.run.finished(photo.byteSize);
      this.recovery.reset();
    } catch (error) {
      // Pause, cancel and stop set the job's state themselves before aborting.
      if (controller.signal.aborted) return;
      const decision = await this.recovery.decide(error, photo.filename, session);
      if (decision.kind === 'fail') this.jobs.fail(photo.id, decision.message);
      else {
        // The recovery's moment is on the monotonic clock; the catalog keeps wall-clock times.
        const delay = Math.max(0, decision.at - this.monotonicNow());
        this.jobs.retryLater(photo.id, this.deps.now() + delay, decision.message);
      }
    }
  }

  private progress(upload: ActiveUpload, sent: number, newlySent: number): void {
    upload.sentBytes = sent;
    if (newlySent > 0) {
      this.run.sent(newlySent);
      this.recovery.bytesFlowing();
    }
    this.statusEvents.request();
  }

  /** After pause or cancel: aborts what no longer runs, and tells everyone. */
  private changed(id?: number): CloudStatus {
    for (const [photoId, upload] of this.active) {
      if (id === undefined || id === photoId) {
        if (this.jobs.stateOf(photoId) !== 'running') upload.controller.abort();
      }
    }
    this.libraryEvents.request();
    this.settle();
    return this.status();
  }

  /** Uploads still sending their original or thumbnail (what `uploadConcurrency` limits). */
  private sending(): number {
    let count = 0;
    for (const upload of this.active.values()) if (!upload.sent) count += 1;
    return count;
  }

  private assertPhoto(id: number): void {
    if (!this.jobs.photoExists(id)) {
      throw new AppError('not-found', `There is no photo ${id} in this library.`);
    }
  }

  private isIdle(): boolean {
    if (this.active.size > 0) return false;
    if (this.stopped || this.pausedAll || !this.deps.session()) return true;
    const counts = this.jobs.counts();
    return counts.queued + counts.running === 0;
  }

  /** Resolves idle waiters, holds or releases the machine's wakefulness, and reports status. */
  private settle(): void {
    this.guard(() => {
      const idle = this.isIdle();
      if (idle) {
        this.run.ended();
        this.originals.forget();
        this.bodies = this.newBodies();
        for (const resolve of this.idleWaiters.splice(0)) resolve();
      }
      if (!idle && !this.stopped && !this.releaseAwake) {
        this.releaseAwake = this.deps.keepAwake?.() ?? null;
      } else if ((idle || this.stopped) && this.releaseAwake) {
        const release = this.releaseAwake;
        this.releaseAwake = null;
        release();
      }
    });
    this.statusEvents.request();
  }

  /** As many buffers as originals may be sent at once, each below the multipart threshold. */
  private newBodies(): BufferPool {
    return new BufferPool(
      settingLimits.uploadConcurrency.max,
      this.deps.multipartThreshold ?? DEFAULT_MULTIPART_THRESHOLD,
    );
  }

  /** Pumps again at a wall-clock time (a job's due time, as the catalog keeps it). */
  private wakeAt(at: number): void {
    this.wakeIn(at - this.deps.now());
  }

  private wakeIn(ms: number): void {
    this.clearWake();
    this.wakeTimer = setTimeout(() => this.pump(), Math.max(0, ms));
  }

  private clearWake(): void {
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeTimer = null;
  }

  /** Runs `work`, logging instead of throwing: nothing that goes wrong may stop the queue. */
  private guard<T>(work: () => T): T | undefined {
    try {
      return work();
    } catch (error) {
      this.deps.log?.error('upload queue', { error });
      return undefined;
    }
  }
}
