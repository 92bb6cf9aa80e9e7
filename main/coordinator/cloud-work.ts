import type { Logger } from '../model/logger';
import type { AuthState } from '../../contract/auth';
import type { CloudStatus } from '../../contract/cloud';
import type { Catalog } from '../catalog/catalog';
import type { EventSink } from '../model/event-sink';
import { LabelQueue } from '../labels/label-queue';
import type { LibraryPaths } from '../library/library-paths';
import type { AppSettingsStore } from '../settings/app-settings-store';
import { CloudDeletions } from '../sync/cloud-deletions';
import type { CloudSession } from '../aws/cloud-session';
import { CloudSync } from '../sync/cloud-sync';
import { OriginalCache } from '../sync/original-cache';
import { UploadQueue } from '../upload/upload-queue';

export interface CloudWorkDeps {
  /** The repositories the queues and the sync use. */
  readonly catalog: Omit<Catalog, 'photos' | 'settings' | 'close'>;
  readonly paths: LibraryPaths;
  readonly settings: AppSettingsStore;
  readonly emit: EventSink;
  readonly now: () => number;
  /** The signed-in user's session; null while signed out. */
  readonly session: () => CloudSession | null;
  readonly keepAwake?: () => () => void;
  /** How often the prefix is listed while signed in (besides sign-in, focus and edits). */
  readonly syncIntervalMs?: number;
  /** Where the background work notes what went wrong. */
  readonly log?: Logger;
  /** The backend labels in the cloud (config.cloudLabelling); false when absent. */
  readonly cloudLabelling?: () => boolean;
  /** Resolves once the catalog may be written (its start-up check); at once when absent. */
  readonly writable?: Promise<unknown>;
}

const MiB = 1024 * 1024;

/**
 * The work a signed-in library does in the background, and when it does it: uploads, labelling,
 * sync and cloud deletions start on sign-in (or a restored session), carry on as photos arrive
 * and settings change, pick up again when the connection comes back, and stop on sign-out.
 * Everything waits in the catalog meanwhile, so none of it is lost by quitting.
 */
export class CloudWork {
  private readonly labels: Catalog['labels'];
  private readonly labelQueue: LabelQueue;
  private readonly uploads: UploadQueue;
  private readonly deletions: CloudDeletions;
  private readonly sync: CloudSync;
  private readonly originals: OriginalCache;
  private signedIn = false;
  private online = false;
  /** Set by close(): from then on nothing new starts. */
  private closed = false;
  /** A sync followed by queueing labels, while one runs; `labelAgain`: photos came meanwhile. */
  private labelling: Promise<void> | null = null;
  private labelAgain = false;
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: CloudWorkDeps) {
    const { catalog, paths, settings, emit, now, session } = deps;
    const cloudLabelling = deps.cloudLabelling ?? (() => false);
    this.labels = catalog.labels;
    this.labelQueue = new LabelQueue({
      catalog,
      paths,
      settings,
      // Labels landing change the "Labelling in your cloud" counts too.
      emit: (event, payload) => {
        emit(event, payload);
        if (cloudLabelling()) emit('cloud.status', this.status());
      },
      now,
      session,
      cloudLabelling,
    });
    this.deletions = new CloudDeletions({ catalog, session });
    this.sync = new CloudSync({
      catalog,
      paths,
      session,
      deletions: this.deletions,
      applyRemoteLabels: (photoId, labels, edits) =>
        this.labels.applyRemote(photoId, labels, edits),
      now,
      onStatus: () => emit('cloud.status', this.status()),
      onLibraryChanged: (added) => emit('library.changed', { added }),
      ...(deps.log ? { log: deps.log } : {}),
    });
    this.uploads = new UploadQueue({
      catalog,
      paths,
      settings,
      // Labelling in the cloud: a photo's derivative goes up once the photo is there, so the
      // label queue looks again as uploads finish; and the status says how labelling goes.
      onStatus: (status) => {
        if (cloudLabelling()) this.labelQueue.kick();
        emit('cloud.status', this.withLabelling(status));
      },
      onLibraryChanged: () => emit('library.changed', { added: 0 }),
      now,
      session,
      syncStatus: () => this.sync.status(),
      ...(deps.log ? { log: deps.log } : {}),
      ...(deps.keepAwake ? { keepAwake: deps.keepAwake } : {}),
      ...(deps.writable ? { writable: deps.writable } : {}),
    });
    this.originals = new OriginalCache({
      paths,
      session,
      budgetBytes: () => settings.get().originalsCacheMb * MiB,
      now,
    });
    this.unsubscribe = settings.onChange(() => {
      if (this.signedIn) this.labelAfterSync();
    });
  }

  status(): CloudStatus {
    return this.withLabelling(this.uploads.status());
  }

  private withLabelling(status: CloudStatus): CloudStatus {
    if (!this.labelQueue.inCloud()) return status;
    return { ...status, cloudLabelling: this.labelQueue.cloudCounts() };
  }

  isSignedIn(): boolean {
    return this.signedIn;
  }

  /** Whether a sync has finished since start: the catalog has read the cloud's documents. */
  hasSynced(): boolean {
    return this.sync.status().lastAt !== null;
  }

  /** Pauses one photo's upload, or all of them without an id. */
  pauseUploads(id?: number): CloudStatus {
    return this.uploads.pause(id);
  }

  resumeUploads(id?: number): CloudStatus {
    return this.uploads.resume(id);
  }

  cancelUploads(id?: number): CloudStatus {
    return this.uploads.cancel(id);
  }

  /** Syncs now (or joins the sync running); resolves when it has ended. Never throws. */
  syncNow(): Promise<void> {
    return this.sync.run();
  }

  /** Sends queued cloud deletions now, if the cloud answers; resolves when the pass has ended. */
  async deleteQueued(): Promise<void> {
    await this.deletions.process();
  }

  /** Puts one photo from the "couldn't label" list, or all of them, back in the label queue. */
  retryLabels(id?: number): number {
    return this.labelQueue.retry(id);
  }

  /** A cloud-only original, fetched into the local cache first (OriginalFetchError). */
  cachedOriginal(sha256: string, format: string): Promise<string> {
    return this.originals.get(sha256, format);
  }

  /** Follows sign-in: the work starts when someone is signed in, and again when back online. */
  onAuthChanged(state: AuthState): void {
    if (this.closed) return;
    const signedIn = state.status === 'signed-in';
    const online = signedIn && state.connection === 'online';
    const cameOnline = online && !this.online;
    const wasSignedIn = this.signedIn;
    this.signedIn = signedIn;
    this.online = online;
    if (!signedIn) {
      if (wasSignedIn) this.pause();
      return;
    }
    if (!wasSignedIn || cameOnline) this.startAll();
  }

  /** Photos arrived (an import): queue their uploads, and their labels once a sync has run. */
  onPhotosAdded(): void {
    if (!this.signedIn || this.closed) return;
    this.uploads.enqueueAllLocal(); // starts the queue too
    this.labelAfterSync();
  }

  /** Something that belongs in the metadata document changed here: send it soon. */
  onMetaChanged(): void {
    if (this.signedIn && !this.closed) void this.syncNow();
  }

  /** Cancels the photos' uploads (aborting any in flight); unknown ids are skipped. */
  stopUploads(ids: readonly number[]): void {
    for (const id of ids) {
      try {
        this.uploads.cancel(id);
      } catch {
        // Not in the library: the delete that follows reports what it removed.
      }
    }
  }

  /** A deletion was queued: send it now if the cloud answers. */
  onDeleted(): void {
    if (this.signedIn && !this.closed) void this.deleteQueued();
  }

  /** Resolves when nothing is left to do for now: uploads and labels idle, no pass pending. */
  async whenIdle(): Promise<void> {
    await this.labelling;
    await Promise.all([this.uploads.whenIdle(), this.labelQueue.whenIdle()]);
    await this.labelling;
  }

  /** Stops everything and waits for work in flight, so the catalog can close after it. */
  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe();
    await this.sync.stop();
    await this.labelling;
    await Promise.all([this.uploads.stop(), this.labelQueue.stop(), this.deletions.stop()]);
  }

  private startAll(): void {
    this.uploads.enqueueAllLocal(); // starts the queue too
    this.sync.start(this.deps.syncIntervalMs ?? 5 * 60_000);
    this.labelAfterSync();
  }

  /**
   * Queues labels for unlabelled photos once a sync has finished (joining one that runs): another
   * device may have labelled the same photos already, and their documents bring the labels
   * without a call. Asked again while it runs, it syncs and queues once more afterwards.
   */
  private labelAfterSync(): void {
    if (this.labelling) {
      this.labelAgain = true;
      return;
    }
    this.labelling = (async () => {
      do {
        this.labelAgain = false;
        await this.sync.run();
        if (this.closed || !this.signedIn) return;
        this.labelQueue.enqueueUnlabelled();
        this.labelQueue.kick();
        // Set again by labelAfterSync() while the sync ran; TypeScript cannot see past the await.
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
      } while (this.labelAgain);
    })()
      // sync.run() never rejects and the queue guards its own work; this keeps it that way.
      .catch(() => undefined)
      .finally(() => (this.labelling = null));
  }

  private pause(): void {
    void this.sync.stop();
    void this.uploads.stop();
    // With nobody signed in, kick() forgets waiting label jobs (their status shows "off").
    this.labelQueue.kick();
    this.deps.emit('cloud.status', this.status());
  }
}
