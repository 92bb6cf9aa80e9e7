import { assertNever } from '../../contract/result';
import type { AppSettings } from '../../contract/settings';
import type { Catalog } from '../catalog/catalog';
import type { CloudLabelCounts, LabelJob } from '../catalog/label-job-repository';
import type { CloudSession } from '../aws/cloud-session';
import { backoffDelayMs, type RetryPolicy } from '../aws/retry';
import type { EventSink } from '../model/event-sink';
import { originalFile, type LibraryPaths } from '../library/library-paths';
import { classifyLabelError, detectLabels } from '../aws/rekognition-labels';
import { LabelImageError } from '../model/label-image-error';
import { makeLabelDerivative, type DerivativeOptions } from './label-derivative';
import { TokenBucket, type RateLimit } from './token-bucket';
import { OutageWait } from '../aws/outage-wait';
import { labelInCloud, type CloudLabelSession } from './cloud-labelling';

/** What labelling needs of a signed-in session (any `CloudSession` will do). */
export type LabelSession = Pick<CloudSession, 'rekognition'> & CloudLabelSession;

export interface LabelQueueDeps {
  readonly catalog: Pick<Catalog, 'labelJobs' | 'labels'>;
  readonly paths: LibraryPaths;
  readonly settings: { get(): Pick<AppSettings, 'labelling' | 'maxLabels'> };
  readonly emit: EventSink;
  /** Wall-clock milliseconds: job times are kept in the catalog and compared with timers. */
  readonly now: () => number;
  /** A clock that never jumps, for the outage wait and timers; performance.now() by default. */
  readonly monotonicNow?: () => number;
  /** The signed-in user's session; null while nobody is signed in. */
  readonly session: () => LabelSession | null;
  /**
   * The stack labels in the cloud (config.cloudLabelling): photos' derivatives go up and their
   * documents bring the labels; DetectLabels is never called from here.
   */
  readonly cloudLabelling?: () => boolean;
  /** DetectLabels calls started per second; 5 by default (Rekognition's quota is higher). */
  readonly rate?: RateLimit;
  /** Photos labelled at once (derivative and call); 2 by default (docs/platform-notes.md: 2 cores). */
  readonly concurrency?: number;
  /** Throttling and server errors: tries in all, and the jittered backoff between them. */
  readonly retry?: RetryPolicy;
  /** Offline or without credentials: the first wait before trying again, and the longest. */
  readonly offlineWaitMs?: { readonly first: number; readonly max: number };
  readonly random?: () => number;
  /** `library.changed` is sent at most this often while labels land. */
  readonly changedIntervalMs?: number;
  readonly derivative?: DerivativeOptions;
}

/** What the queue has done since it was made (the bench reports calls per labelled photo). */
export interface LabelQueueStats {
  /** DetectLabels requests sent, retries included. */
  readonly calls: number;
  readonly labelled: number;
  readonly failed: number;
}

export const defaultLabelRetry: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
};

/**
 * The label queue: sends each local photo without labels to Rekognition once, through the
 * signed-in user's session, a few at a time and no faster than the rate limit. Jobs live in
 * `label_jobs`, so the queue carries on after a restart. Throttling and server errors are retried
 * with jittered backoff and then listed as failed; while offline, jobs wait without losing
 * attempts. Nothing here throws into the caller: every failure lands on the photo's job.
 */
export class LabelQueue {
  private readonly jobs: Catalog['labelJobs'];
  private readonly labels: Catalog['labels'];
  private readonly bucket: TokenBucket;
  private readonly retryPolicy: RetryPolicy;
  /** Offline or without credentials: no call starts while it lasts. */
  private readonly outage: OutageWait;
  private readonly concurrency: number;
  private readonly busy = new Set<number>();
  private readonly abort = new AbortController();
  private readonly idleWaiters: (() => void)[] = [];
  private readonly counters = { calls: 0, labelled: 0, failed: 0 };
  private workers = 0;
  private stopped = false;
  /** The pending wake-up, `at` on the monotonic clock. */
  private wake: { at: number; timer: NodeJS.Timeout } | null = null;
  private readonly monotonicNow: () => number;
  private changeTimer: NodeJS.Timeout | null = null;
  private changed = false;

  constructor(private readonly deps: LabelQueueDeps) {
    this.jobs = deps.catalog.labelJobs;
    this.labels = deps.catalog.labels;
    this.bucket = new TokenBucket(deps.rate ?? { perSecond: 5, burst: 5 });
    this.retryPolicy = deps.retry ?? defaultLabelRetry;
    this.concurrency = deps.concurrency ?? 2;
    const wait = deps.offlineWaitMs ?? { first: 5_000, max: 5 * 60_000 };
    this.monotonicNow = deps.monotonicNow ?? (() => performance.now());
    // A wall clock set back an hour must not stretch the wait for the network to an hour.
    this.outage = new OutageWait(this.monotonicNow, wait.first, wait.max);
  }

  /**
   * Queues every photo whose original is here and that has neither labels nor a job; answers how
   * many. Does nothing while labelling is off or nobody is signed in. `kick()` starts them.
   */
  enqueueUnlabelled(): number {
    if (this.stopped || !this.canLabel()) return 0;
    return this.jobs.enqueueUnlabelled(this.deps.now());
  }

  /**
   * Starts due jobs now, also ending a wait for the network. Call it after enqueueing, signing in
   * or out, the labelling setting changing, or the network coming back. With labelling off or
   * nobody signed in, it forgets the waiting jobs (their photos show as not labelled).
   */
  kick(): void {
    if (this.stopped) return;
    if (!this.canLabel()) {
      if (this.jobs.dropQueued() > 0) this.noteChange();
      this.settle();
      return;
    }
    this.outage.end();
    this.fill();
  }

  /** Puts one photo from the "couldn't label" list (or all of them) back in the queue. */
  retry(photoId?: number): number {
    const requeued = this.jobs.requeue(photoId);
    if (requeued > 0) {
      this.noteChange();
      this.kick();
    }
    return requeued;
  }

  /** Resolves when nothing is being labelled and nothing will be before a kick or the network. */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops for good: calls in flight are aborted (their jobs stay queued for the next run). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    if (this.wake) clearTimeout(this.wake.timer);
    this.wake = null;
    await this.whenIdle();
    if (this.changeTimer) clearTimeout(this.changeTimer);
    this.changeTimer = null;
  }

  /** Labelling in the cloud: photos whose labels are awaited, and photos waiting for upload. */
  cloudCounts(): CloudLabelCounts {
    return this.jobs.cloudCounts();
  }

  stats(): LabelQueueStats {
    return { ...this.counters };
  }

  /** Whether the stack labels in the cloud. */
  inCloud(): boolean {
    return this.deps.cloudLabelling?.() ?? false;
  }

  private canLabel(): boolean {
    return this.deps.settings.get().labelling && this.deps.session() !== null;
  }

  private isIdle(): boolean {
    if (this.workers > 0) return false;
    if (this.stopped || !this.canLabel() || this.outage.isWaiting()) return true;
    return this.jobs.queuedCount() === 0;
  }

  /** Starts workers while there are free slots and due jobs. */
  private fill(): void {
    while (this.workers < this.concurrency) {
      const job = this.claim();
      if (!job) break;
      this.workers += 1;
      void this.work(job);
    }
    this.settle();
  }

  private claim(): LabelJob | null {
    if (this.stopped || !this.canLabel() || this.outage.isWaiting()) return null;
    const job = this.jobs.nextDue(this.deps.now(), this.busy, this.inCloud());
    if (job) this.busy.add(job.photoId);
    return job;
  }

  /** One worker: labels jobs one after another until none is due. */
  private async work(first: LabelJob): Promise<void> {
    let job: LabelJob | null = first;
    while (job) {
      await this.label(job);
      this.busy.delete(job.photoId);
      job = this.claim();
    }
    this.workers -= 1;
    this.settle();
  }

  /** Sets a timer for the next job that will fall due, and tells waiters when idle. */
  private settle(): void {
    // With every worker busy there is no timer to set: each takes the next due job itself when
    // done, and a timer would only wake up to find no free worker, again and again.
    if (!this.stopped && this.workers < this.concurrency && this.canLabel()) {
      const outageEnds = this.outage.waitingUntil();
      const due = this.jobs.soonestDue(this.busy, this.inCloud());
      if (outageEnds !== null) this.wakeIn(outageEnds - this.monotonicNow());
      else if (due !== null) this.wakeIn(due - this.deps.now());
    }
    if (!this.isIdle()) return;
    this.flushChange();
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private wakeIn(ms: number): void {
    const at = this.monotonicNow() + Math.max(0, ms);
    if (this.wake && this.wake.at <= at) return;
    if (this.wake) clearTimeout(this.wake.timer);
    const timer = setTimeout(
      () => {
        this.wake = null;
        this.fill();
      },
      Math.max(0, ms),
    );
    this.wake = { at, timer };
  }

  /** Labels one photo; never throws (a failure is recorded on its job). */
  private async label(job: LabelJob): Promise<void> {
    try {
      // Labelled meanwhile (here, or on another device through sync): never sent again.
      if (this.labels.hasResult(job.photoId)) {
        this.jobs.finish(job.photoId);
        return;
      }
      if (!job.originalLocal) {
        throw new LabelImageError('missing', 'The original of this photo is not on this computer.');
      }
      if (this.inCloud()) {
        await this.labelInCloud(job);
        return;
      }
      const file = originalFile(this.deps.paths, job.sha256, job.format);
      const image = await makeLabelDerivative(file, this.deps.derivative);
      const session = this.deps.session();
      if (!session) return; // signed out meanwhile: the job waits for the next sign-in
      await this.bucket.take(this.abort.signal);
      this.counters.calls += 1;
      const { maxLabels } = this.deps.settings.get();
      const result = await detectLabels(
        session.rekognition,
        { Bytes: image },
        maxLabels,
        this.abort.signal,
      );
      this.labels.storeResult(job.photoId, { ...result, labelledAt: this.deps.now() });
      this.counters.labelled += 1;
      this.outage.recovered();
      this.noteChange();
    } catch (error) {
      this.recordFailure(job, error);
    }
  }

  /** Sends the derivative, or reads the document for the cloud's answer (cloud-labelling.ts). */
  private async labelInCloud(job: LabelJob): Promise<void> {
    const session = this.deps.session();
    if (!session) return; // signed out meanwhile: the job waits for the next sign-in
    const answered = await labelInCloud(job, {
      session,
      paths: this.deps.paths,
      jobs: this.jobs,
      labels: this.labels,
      now: this.deps.now,
      signal: this.abort.signal,
      ...(this.deps.derivative ? { derivative: this.deps.derivative } : {}),
    });
    this.outage.recovered();
    if (answered) {
      this.counters.labelled += 1;
      this.noteChange();
    }
  }

  private recordFailure(job: LabelJob, error: unknown): void {
    const { kind, reason } = classifyLabelError(error, this.abort.signal);
    const now = this.deps.now();
    switch (kind) {
      case 'stopped':
        return;
      case 'wait':
        this.jobs.note(job.photoId, reason);
        this.outage.start();
        return;
      case 'retry': {
        const attempts = job.attempts + 1;
        if (attempts < this.retryPolicy.maxAttempts) {
          const wait = backoffDelayMs(attempts - 1, this.retryPolicy, this.deps.random);
          this.jobs.retryLater(job.photoId, attempts, now + wait, `${reason} Trying again.`);
          return;
        }
        this.fail(job, attempts, `${reason} Gave up after ${attempts} tries.`);
        return;
      }
      case 'fail':
        this.fail(job, job.attempts + 1, reason);
        return;
      default:
        assertNever(kind);
    }
  }

  private fail(job: LabelJob, attempts: number, reason: string): void {
    this.jobs.fail(job.photoId, attempts, reason);
    this.counters.failed += 1;
    this.noteChange();
  }

  /** Pages on screen are stale; tell the renderer soon, not once per photo. */
  private noteChange(): void {
    this.changed = true;
    if (this.changeTimer || this.stopped) return;
    this.changeTimer = setTimeout(() => {
      this.changeTimer = null;
      this.flushChange();
    }, this.deps.changedIntervalMs ?? 500);
  }

  private flushChange(): void {
    if (this.changeTimer) clearTimeout(this.changeTimer);
    this.changeTimer = null;
    if (!this.changed || this.stopped) return;
    this.changed = false;
    this.deps.emit('library.changed', { added: 0 });
  }
}
