import { rm } from 'node:fs/promises';
import { diskFullMessage, diskMarginBytes, freeBytes } from '../../library/disk-space';
import { batchFolder, UploadRefusal } from './upload-refusal';

/** How much the browser host's upload staging (incoming/) may hold, and for how long. */
export interface StagingLimits {
  /** Bytes one batch (one drop) may stage before it is imported. */
  readonly batchBytes: number;
  /** Bytes all batches together may stage. */
  readonly totalBytes: number;
  /** A batch nothing was sent to, and that was not imported, for this long is deleted. */
  readonly idleMs: number;
}

const gib = 1024 * 1024 * 1024;

export const defaultStagingLimits: StagingLimits = {
  batchBytes: 4 * gib,
  totalBytes: 8 * gib,
  idleMs: 15 * 60 * 1000,
};

interface Batch {
  bytes: number;
  inFlight: number;
  touched: number;
}

/** Room taken for one file; given back when the file did not arrive. */
export interface Reservation {
  release(): void;
  done(): void;
}

const gb = (bytes: number) => `${Math.round((bytes / gib) * 10) / 10} GB`;

/**
 * Accounts for what the browser host's uploads stage, so no sender can fill the disk: each file
 * declares its size first (Content-Length) and is refused before a byte is written when its batch
 * or all batches would pass their quota, or when the disk would not keep room to import it too.
 * Batches left idle (never imported) are deleted. See docs/security.md, "Upload staging".
 */
export class StagingArea {
  private readonly batches = new Map<string, Batch>();

  constructor(
    private readonly incoming: string,
    /** The folder whose disk the staged files and their import land on (the library root). */
    private readonly diskOf: string,
    private readonly limits: StagingLimits = defaultStagingLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes room for `bytes` more in `batchId`, or throws an UploadRefusal naming the limit. */
  async reserve(batchId: string, bytes: number): Promise<Reservation> {
    batchFolder(this.incoming, batchId); // a malformed id is refused before anything is counted
    const batch = this.batches.get(batchId) ?? { bytes: 0, inFlight: 0, touched: this.now() };
    if (batch.bytes + bytes > this.limits.batchBytes) {
      throw new UploadRefusal(
        'too-large',
        `This drop is larger than the ${gb(this.limits.batchBytes)} the browser host takes at once; drop the rest separately once these are imported.`,
      );
    }
    if (this.stagedBytes() + bytes > this.limits.totalBytes) {
      throw new UploadRefusal(
        'too-large',
        `The browser host is already holding ${gb(this.stagedBytes())} of uploads waiting to be imported (at most ${gb(this.limits.totalBytes)}); try again once they are imported.`,
      );
    }
    // Counted before the disk is asked, so files sent side by side cannot all pass the check.
    batch.bytes += bytes;
    batch.inFlight += 1;
    batch.touched = this.now();
    this.batches.set(batchId, batch);
    let settled = false;
    const settle = (keep: boolean) => {
      if (settled) return;
      settled = true;
      batch.inFlight -= 1;
      batch.touched = this.now();
      if (!keep) batch.bytes -= bytes;
    };
    const free = await freeBytes(this.diskOf);
    // Room to stage the file and to import it (its copy in originals/) besides.
    const needed = 2 * bytes + diskMarginBytes;
    if (free !== null && free < needed) {
      settle(false);
      throw new UploadRefusal('disk-full', diskFullMessage(needed - free));
    }
    return { release: () => settle(false), done: () => settle(true) };
  }

  /** Whether anything was received for `batchId` (and not yet expired or imported). */
  has(batchId: string): boolean {
    return this.batches.has(batchId);
  }

  /** The batch goes to the importer, which removes its files: it no longer counts here. */
  handOff(batchId: string): void {
    this.batches.delete(batchId);
  }

  /** Deletes the batches idle for longer than the limit; answers their ids. */
  async expireIdle(): Promise<string[]> {
    const cutoff = this.now() - this.limits.idleMs;
    const idle = [...this.batches]
      .filter(([, batch]) => batch.inFlight === 0 && batch.touched <= cutoff)
      .map(([id]) => id);
    for (const id of idle) {
      this.batches.delete(id);
      await rm(batchFolder(this.incoming, id), { recursive: true, force: true });
    }
    return idle;
  }

  /** How often expireIdle should run for the limit to hold within a quarter of it. */
  get sweepEveryMs(): number {
    return Math.max(50, Math.min(60_000, this.limits.idleMs / 4));
  }

  private stagedBytes(): number {
    let total = 0;
    for (const batch of this.batches.values()) total += batch.bytes;
    return total;
  }
}
