import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { basename, relative } from 'node:path';
import pLimit from 'p-limit';
import type {
  ImportDuplicate,
  ImportFailure,
  ImportProgress,
  ImportState,
} from '../../contract/import';
import type { PhotoRepository } from '../catalog/photo-repository';
import type { EventSink } from '../model/event-sink';
import { originalFile, thumbFile, type LibraryPaths } from '../library/library-paths';
import { decodePhoto } from './decode-photo';
import { BufferPool } from '../library/buffer-pool';
import { ImportFileError } from './import-failure';
import { readExif } from './read-exif';
import { readPhotoFile } from './read-photo-file';
import { sniffImageType } from './sniff-image-type';
import { writeContentAddressed } from '../library/store-photo-files';
import {
  diskFullMessage,
  diskMarginBytes,
  DiskFullError,
  freeBytes,
  isDiskFull,
  totalSize,
} from '../library/disk-space';
import { walkDroppedPaths } from './walk-dropped-paths';
import { messageOf } from '../../contract/result';

/**
 * Durations (rates, event intervals) come from a clock that never jumps: the wall clock, set
 * back or forward, would freeze progress or make rates absurd (docs/reliability.md).
 */
const monotonicNow = () => performance.now();

export interface ImporterDeps {
  readonly paths: LibraryPaths;
  readonly photos: PhotoRepository;
  readonly emit: EventSink;
  /** Told when photos were added (with `library.changed`), so their uploads can be queued. */
  readonly onAdded?: (count: number) => void;
  /** Wall-clock time, for the dates recorded on photos. */
  readonly now: () => number;
  /** Photos decoded at once across all jobs; 2 saturates a 2-core machine (docs/platform-notes.md). */
  readonly decodeConcurrency?: number;
  /**
   * Bytes free on the disk holding a folder (`freeBytes` unless given): asked before each
   * photo is written. Tests fill the disk just after it answers, to meet ENOSPC at the write.
   */
  readonly freeBytes?: (folder: string) => Promise<number | null>;
  /** Resolves once the catalog may be written (its start-up check); a job walks meanwhile. */
  readonly writable?: Promise<unknown>;
}

export interface ImportOptions {
  /** Delete the roots afterwards: they are the browser host's upload staging folders. */
  readonly removeRootsAfter?: boolean;
  /** Name files in messages relative to this folder instead of by full path. */
  readonly labelRelativeTo?: string;
  /**
   * The files are the library's own originals, found without a row at start: recorded as added
   * back, so the cloud's document (if any) gives them their name and everything else.
   */
  readonly addedBack?: boolean;
}

interface ImportLimits {
  readonly files: ReturnType<typeof pLimit>;
  readonly decodes: ReturnType<typeof pLimit>;
  readonly buffers: BufferPool;
}

const progressIntervalMs = 100;
const libraryChangedIntervalMs = 400;

/** Runs import jobs: walk, read, hash, dedupe, decode, thumbnail, copy, record. */
export class Importer {
  private readonly jobs = new Map<string, ImportJob>();
  private readonly limits: ImportLimits;

  constructor(private readonly deps: ImporterDeps) {
    const decodes = deps.decodeConcurrency ?? 2;
    // Three files in flight per decode, so reading, hashing and copying (four fsyncs a photo)
    // overlap the decoding of others and the decoders seldom wait: with two per decode, both
    // others were often still writing when a decode ended. Both decoders were busy a median 90%
    // (80-97) of an import's time with two, 95% (90-97) with three, for the same CPU per photo
    // (the bench's 12-MP JPEGs, sampled every 2 ms, on a shared 2-core machine).
    const filesInFlight = decodes * 3;
    this.limits = {
      files: pLimit(filesInFlight),
      decodes: pLimit(decodes),
      buffers: new BufferPool(filesInFlight, 64 * 1024 * 1024),
    };
  }

  start(roots: readonly string[], options: ImportOptions = {}): string {
    const job = new ImportJob(randomUUID(), roots, options, this.deps, this.limits);
    this.jobs.set(job.id, job);
    void job.run().finally(() => this.jobs.delete(job.id));
    return job.id;
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job) return false;
    job.cancel();
    return true;
  }

  runningJobIds(): string[] {
    return [...this.jobs.keys()];
  }

  /** Resolves when every running job has ended (tests and shutdown use it). */
  async whenIdle(): Promise<void> {
    while (this.jobs.size > 0)
      await Promise.all([...this.jobs.values()].map((job) => job.finished));
  }
}

class ImportJob {
  private readonly abort = new AbortController();
  private readonly startedAt: number;
  private state: ImportState = 'scanning';
  private total = 0;
  private done = 0;
  private imported = 0;
  private duplicates = 0;
  private failed = 0;
  /** Failures found while walking: counted as done, since there is nothing to import. */
  private walkFailed = 0;
  private pendingFailures: ImportFailure[] = [];
  private pendingDuplicates: ImportDuplicate[] = [];
  private lastProgressAt = -Infinity;
  private lastChangedAt = -Infinity;
  private addedSinceChanged = 0;
  /** Set at the first full disk: the rest of the batch is not tried (docs/reliability.md). */
  private diskFull = false;
  private notTried: string[] = [];
  private resolveFinished!: () => void;
  readonly finished = new Promise<void>((resolve) => (this.resolveFinished = resolve));

  constructor(
    readonly id: string,
    private readonly roots: readonly string[],
    private readonly options: ImportOptions,
    private readonly deps: ImporterDeps,
    private readonly limits: ImportLimits,
  ) {
    this.startedAt = monotonicNow();
  }

  cancel(): void {
    this.abort.abort();
  }

  async run(): Promise<void> {
    try {
      this.emitProgress(true);
      const files: string[] = [];
      for await (const item of walkDroppedPaths(this.roots, this.abort.signal)) {
        this.total++;
        if (item.kind === 'file') files.push(item.path);
        else {
          this.walkFailed++;
          this.recordFailure(item.path, item.error);
        }
        this.emitProgress(false);
      }
      await this.deps.writable;
      this.state = 'importing';
      this.emitProgress(true);
      await Promise.all(files.map((path) => this.limits.files(() => this.importOne(path))));
      if (this.diskFull) await this.reportDiskFull();
    } catch (error) {
      // A folder that vanished mid-walk, a disk error: the job ends and says why.
      const reason = messageOf(error);
      this.recordFailure(
        this.roots[0] ?? '',
        new ImportFileError('unreadable', `The import stopped: ${reason}`),
      );
    } finally {
      this.state = this.abort.signal.aborted ? 'cancelled' : 'finished';
      if (this.options.removeRootsAfter) await this.removeRoots().catch(() => undefined);
      this.emitLibraryChanged(true);
      this.emitProgress(true);
      this.resolveFinished();
    }
  }

  private async importOne(path: string): Promise<void> {
    if (this.abort.signal.aborted) return;
    if (this.diskFull) {
      this.notTried.push(path);
      this.done++; // settled: it waits for space, like the file that found the disk full
      this.emitProgress(false);
      return;
    }
    try {
      const file = await readPhotoFile(path, this.limits.buffers);
      try {
        await this.importFile(path, file.bytes, file.sha256);
      } finally {
        file.release();
      }
    } catch (error) {
      if (error instanceof DiskFullError || isDiskFull(error)) {
        // Everything done so far stays; this file and the rest wait for space.
        this.diskFull = true;
        this.notTried.push(path);
        return;
      }
      const known =
        error instanceof ImportFileError
          ? error
          : new ImportFileError(
              'unreadable',
              `This file could not be imported (${String(error)}).`,
            );
      this.recordFailure(path, known);
    } finally {
      this.done++;
      this.emitProgress(false);
      this.emitLibraryChanged(false);
    }
  }

  /** Everything after reading: dedupe, decode, copy, record. Nothing keeps `bytes` afterwards. */
  private async importFile(path: string, bytes: Buffer, sha256: string): Promise<void> {
    const existing = this.deps.photos.findBySha(sha256);
    if (existing) {
      this.recordDuplicate(path, existing);
      return;
    }
    const type = await sniffImageType(bytes);
    const [decoded, exif] = await Promise.all([
      decodePhoto(bytes, type.extension, this.limits.decodes),
      readExif(bytes, type.extension),
    ]);
    const { paths } = this.deps;
    const free = await this.freeBytes(paths.root);
    const needed = bytes.byteLength + decoded.thumbnail.byteLength + diskMarginBytes;
    if (free !== null && free < needed) throw new DiskFullError(diskFullMessage(needed - free));
    await writeContentAddressed(thumbFile(paths, sha256), decoded.thumbnail);
    await writeContentAddressed(originalFile(paths, sha256, type.extension), bytes);
    const id = this.deps.photos.insert({
      sha256,
      format: type.extension,
      byteSize: bytes.byteLength,
      width: decoded.width,
      height: decoded.height,
      orientation: exif.orientation,
      takenAt: exif.takenAt,
      importedAt: this.deps.now(),
      camera: exif.camera,
      filename: basename(path),
      sourcePath: path,
      addedBack: this.options.addedBack === true,
    });
    if (id === null) {
      // The same bytes arrived twice in this drop and the other copy won the race.
      const winner = this.deps.photos.findBySha(sha256);
      if (winner) this.recordDuplicate(path, winner);
      return;
    }
    this.imported++;
    this.addedSinceChanged++;
  }

  /** One failure for the batch, saying how much room the files not tried would need. */
  private async reportDiskFull(): Promise<void> {
    const free = (await this.freeBytes(this.deps.paths.root)) ?? 0;
    const needed = (await totalSize(this.notTried)) + diskMarginBytes;
    const left = this.notTried.length;
    this.failed++;
    this.pendingFailures.push({
      path: this.label(this.notTried[0] ?? this.deps.paths.root),
      reason: 'disk-full',
      message: `${diskFullMessage(Math.max(needed - free, 1))} ${left === 1 ? 'This file was' : `These ${left} files were`} not imported; what was imported stays. Free some space and import them again: photos already in the library are skipped.`,
    });
  }

  private freeBytes(folder: string): Promise<number | null> {
    return (this.deps.freeBytes ?? freeBytes)(folder);
  }

  private label(path: string): string {
    const base = this.options.labelRelativeTo;
    return base ? relative(base, path) : path;
  }

  private recordFailure(path: string, error: ImportFileError): void {
    this.failed++;
    this.pendingFailures.push(error.toFailure(this.label(path)));
  }

  private recordDuplicate(path: string, existing: { id: number; filename: string }): void {
    this.duplicates++;
    this.pendingDuplicates.push({
      path: this.label(path),
      existingId: existing.id,
      existingFilename: existing.filename,
    });
  }

  private emitProgress(force: boolean): void {
    const now = monotonicNow();
    if (!force && now - this.lastProgressAt < progressIntervalMs) return;
    this.lastProgressAt = now;
    const seconds = Math.max((now - this.startedAt) / 1000, 0.001);
    const progress: ImportProgress = {
      jobId: this.id,
      state: this.state,
      total: this.total,
      done: this.state === 'scanning' ? 0 : this.done + this.walkFailed,
      imported: this.imported,
      duplicates: this.duplicates,
      failed: this.failed,
      photosPerSecond: Math.round((this.imported / seconds) * 10) / 10,
      newFailures: this.pendingFailures,
      newDuplicates: this.pendingDuplicates,
    };
    this.pendingFailures = [];
    this.pendingDuplicates = [];
    this.deps.emit('import.progress', progress);
  }

  private emitLibraryChanged(force: boolean): void {
    const now = monotonicNow();
    if (this.addedSinceChanged === 0) return;
    if (!force && now - this.lastChangedAt < libraryChangedIntervalMs) return;
    this.lastChangedAt = now;
    this.deps.emit('library.changed', { added: this.addedSinceChanged });
    this.deps.onAdded?.(this.addedSinceChanged);
    this.addedSinceChanged = 0;
  }

  private async removeRoots(): Promise<void> {
    await Promise.all(this.roots.map((root) => rm(root, { recursive: true, force: true })));
  }
}
