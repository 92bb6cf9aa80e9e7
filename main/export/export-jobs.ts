import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import type { ExportProgress, ExportStarted } from '../../contract/export';
import type { ExportSource } from '../catalog/export-sources';
import { Throttle } from '../upload/event-throttle';
import type { ExportSink } from './export-sink';
import { runExport, type ExportCounts } from './export-run';
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
  sink: FolderSink | ZipSink | null;
  counts: ExportCounts;
  running: Promise<void> | null;
}

/** A zip asked for and never downloaded is forgotten after this long. */
const unclaimedZipMs = 10 * 60_000;
const progressIntervalMs = 150;

/**
 * Export runs: into a folder (started at once), or as a zip that runs when the browser fetches
 * it (the browser host's download). Each reports `export.progress` and can be cancelled.
 */
export class ExportJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly deps: ExportJobsDeps) {}

  /** Starts writing the photos' originals into `folder`. */
  startFolder(ids: readonly number[], folder: string): ExportStarted {
    const job = this.add(ids, 'folder', folder);
    const sink = new FolderSink(folder);
    job.sink = sink;
    this.run(job, sink);
    return { jobId: job.id, total: job.total, download: null };
  }

  /** Makes a zip export that runs when its download is fetched (`streamZip`). */
  prepareZip(ids: readonly number[]): ExportStarted {
    const job = this.add(ids, 'zip', null);
    const expiry = setTimeout(() => {
      if (!job.running) this.cancel(job.id);
    }, unclaimedZipMs);
    expiry.unref();
    return { jobId: job.id, total: job.total, download: `/export/${job.id}.zip` };
  }

  /**
   * Streams the zip of a prepared export into `output` (an HTTP response). False when there is
   * no such export waiting (unknown, already fetched, or cancelled). Closing `output` early
   * cancels the export.
   */
  streamZip(jobId: string, output: Writable): boolean {
    const job = this.jobs.get(jobId);
    if (!job || job.kind !== 'zip' || job.running || job.abort.signal.aborted) return false;
    output.once('close', () => {
      if (!output.writableFinished) job.abort.abort();
    });
    job.abort.signal.addEventListener('abort', () => output.destroy(), { once: true });
    const sink = new ZipSink(output);
    job.sink = sink;
    this.run(job, sink);
    return true;
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job || job.abort.signal.aborted) return false;
    job.abort.abort();
    // A zip never fetched has no run to report its end.
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

  private add(ids: readonly number[], kind: Job['kind'], folder: string | null): Job {
    const photos = this.deps.sources(ids);
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
    // A folder export is kept for "Show in folder"; a zip's has nothing more to give.
    if (job.kind === 'zip') this.jobs.delete(job.id);
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
