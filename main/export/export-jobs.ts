import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import type { ExportProgress, ExportStarted } from '../../contract/export';
import type { ExportSource } from '../catalog/export-sources';
import { ORIGINAL_CONTENT_TYPES } from '../model/photo-keys';
import { Throttle } from '../upload/event-throttle';
import type { ExportSink } from './export-sink';
import { runExport, type ExportCounts } from './export-run';
import { safeFileName } from './export-names';
import { FileSink } from './file-sink';
import { FolderSink } from './folder-sink';
import { ZipSink } from './zip-sink';

export interface ExportJobsDeps {
  /** The photos of `ids` (ExportSources.get). */
  readonly sources: (ids: readonly number[]) => ExportSource[];
  readonly originalOf: (photo: ExportSource) => Promise<string>;
  readonly emit: (progress: ExportProgress) => void;
  /** Shows a file in the system's file manager (desktop). */
  readonly reveal?: (file: string) => void;
}

interface Job {
  readonly id: string;
  readonly kind: ExportProgress['kind'];
  readonly total: number;
  /** Emptied once the run ends (a finished folder export is kept only for "Show in folder"). */
  photos: readonly ExportSource[];
  readonly abort: AbortController;
  readonly folder: string | null;
  sink: ExportSink | null;
  counts: ExportCounts;
  running: Promise<void> | null;
}

/** What a prepared download is: a zip, or one photo's original under its own name. */
export type DownloadOf =
  | { readonly kind: 'zip' }
  | { readonly kind: 'file'; readonly name: string; readonly contentType: string };

/** A download asked for and never fetched is forgotten after this long. */
const unclaimedDownloadMs = 10 * 60_000;
const progressIntervalMs = 150;

/**
 * Export runs: into a folder (started at once), or as a download that runs when the browser
 * fetches it (the browser host): one photo's original as it is, a zip for more. Each reports
 * `export.progress` and can be cancelled.
 */
export class ExportJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly deps: ExportJobsDeps) {}

  /** Starts writing the photos' originals into `folder`. */
  startFolder(ids: readonly number[], folder: string): ExportStarted {
    const job = this.add(this.deps.sources(ids), 'folder', folder);
    const sink = new FolderSink(folder);
    job.sink = sink;
    this.run(job, sink);
    return { jobId: job.id, kind: job.kind, total: job.total, download: null };
  }

  /**
   * Makes a download export that runs when it is fetched (`streamDownload`): the original
   * itself for one photo, a zip of the originals for more.
   */
  prepareDownload(ids: readonly number[]): ExportStarted {
    const photos = this.deps.sources(ids);
    const job = this.add(photos, photos.length === 1 ? 'file' : 'zip', null);
    const expiry = setTimeout(() => {
      if (!job.running) this.cancel(job.id);
    }, unclaimedDownloadMs);
    expiry.unref();
    const address = `/export/${job.id}${job.kind === 'zip' ? '.zip' : ''}`;
    return { jobId: job.id, kind: job.kind, total: job.total, download: address };
  }

  /** What the download `jobId` will send, for its headers; null when none waits. */
  downloadOf(jobId: string): DownloadOf | null {
    const job = this.waitingDownload(jobId);
    if (!job) return null;
    const [photo] = job.photos;
    if (job.kind === 'zip' || !photo) return { kind: 'zip' };
    return {
      kind: 'file',
      name: safeFileName(photo.filename, photo.format, photo.sha256),
      contentType: contentTypeOf(photo.format),
    };
  }

  /**
   * Streams a prepared download into `output` (an HTTP response). False when there is no such
   * download waiting (unknown, already fetched, or cancelled). Closing `output` early cancels
   * the export.
   */
  streamDownload(jobId: string, output: Writable): boolean {
    const job = this.waitingDownload(jobId);
    if (!job) return false;
    output.once('close', () => {
      if (!output.writableFinished) job.abort.abort();
    });
    job.abort.signal.addEventListener('abort', () => output.destroy(), { once: true });
    const sink = job.kind === 'file' ? new FileSink(output) : new ZipSink(output);
    job.sink = sink;
    this.run(job, sink);
    return true;
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job || job.abort.signal.aborted) return false;
    job.abort.abort();
    // A download never fetched has no run to report its end.
    if (!job.running) this.finished(job, 'cancelled');
    return true;
  }

  /** Shows the export's first file in the file manager; false when there is none to show. */
  reveal(jobId: string): boolean {
    const file = this.jobs.get(jobId)?.sink;
    const first = file instanceof FolderSink ? file.firstFile() : null;
    if (!first || !this.deps.reveal) return false;
    this.deps.reveal(first);
    return true;
  }

  /** Cancels every export and waits for them to stop. */
  async close(): Promise<void> {
    const running: Promise<void>[] = [];
    for (const job of this.jobs.values()) {
      job.abort.abort();
      if (job.running) running.push(job.running);
    }
    await Promise.all(running);
  }

  private waitingDownload(jobId: string): Job | null {
    const job = this.jobs.get(jobId);
    if (!job || job.kind === 'folder' || job.running || job.abort.signal.aborted) return null;
    return job;
  }

  private add(photos: readonly ExportSource[], kind: Job['kind'], folder: string | null): Job {
    const job: Job = {
      id: randomUUID(),
      kind,
      total: photos.length,
      photos,
      abort: new AbortController(),
      folder,
      sink: null,
      counts: { done: 0, exported: 0, bytes: 0, failures: [] },
      running: null,
    };
    this.jobs.set(job.id, job);
    return job;
  }

  private run(job: Job, sink: ExportSink): void {
    const throttle = new Throttle(() => this.report(job, 'running'), progressIntervalMs);
    this.report(job, 'running');
    job.running = runExport(job.photos, sink, {
      originalOf: this.deps.originalOf,
      signal: job.abort.signal,
      onPhoto: (counts) => {
        job.counts = counts;
        throttle.request();
      },
    }).then(
      (result) => {
        throttle.flush();
        this.finished(job, result.cancelled ? 'cancelled' : 'done');
      },
      () => {
        // Only the zip's output can fail as a whole (the download was dropped).
        throttle.flush();
        job.abort.abort();
        this.finished(job, 'cancelled');
      },
    );
  }

  private finished(job: Job, state: 'done' | 'cancelled'): void {
    this.report(job, state);
    job.photos = [];
    // A folder export is kept for "Show in folder"; a download has nothing more to give.
    if (job.kind !== 'folder') this.jobs.delete(job.id);
  }

  private report(job: Job, state: ExportProgress['state']): void {
    this.deps.emit({
      jobId: job.id,
      kind: job.kind,
      state,
      total: job.total,
      ...job.counts,
      folder: job.folder,
    });
  }
}

function contentTypeOf(format: string): string {
  return Object.hasOwn(ORIGINAL_CONTENT_TYPES, format)
    ? ORIGINAL_CONTENT_TYPES[format as keyof typeof ORIGINAL_CONTENT_TYPES]
    : 'application/octet-stream';
}
