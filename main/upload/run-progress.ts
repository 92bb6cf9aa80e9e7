import type { CloudStatus } from '../../contract/cloud';

/** Bytes sent over the network so far (a running total), at a moment (epoch ms). */
export interface SpeedSample {
  readonly at: number;
  readonly total: number;
}

/** The speed shown is the average over this much recent time: long enough to span a few
 * multipart parts on a slow uplink, short enough to follow a change of network. */
export const SPEED_WINDOW_MS = 10_000;

/** Less time than this since the first sample says nothing reliable about the speed. */
const MIN_ELAPSED_MS = 1_000;

/**
 * `samples` with one more, trimmed to what `bytesPerSecond` can still use: the samples inside
 * the window plus the last one before it (the base the window's progress is measured from).
 */
export function addSample(
  samples: readonly SpeedSample[],
  sample: SpeedSample,
  windowMs = SPEED_WINDOW_MS,
): SpeedSample[] {
  const next = [...samples, sample];
  const windowStart = sample.at - windowMs;
  // Keep the last sample at or before the window's start, and everything after it.
  let base = 0;
  next.forEach((s, i) => {
    if (s.at <= windowStart) base = i;
  });
  return next.slice(base);
}

/**
 * The average speed over the window ending `now`, measured from the last sample at or before
 * the window's start (or the first sample, when the run is younger than the window). 0 while it
 * is not yet known, and 0 once nothing has moved for a whole window.
 */
export function bytesPerSecond(
  samples: readonly SpeedSample[],
  now: number,
  windowMs = SPEED_WINDOW_MS,
): number {
  const first = samples[0];
  const last = samples.at(-1);
  if (!first || !last) return 0;
  const windowStart = now - windowMs;
  const base = samples.findLast((s) => s.at <= windowStart) ?? first;
  const elapsed = now - base.at;
  if (elapsed < MIN_ELAPSED_MS) return 0;
  return Math.round(((last.total - base.total) * 1000) / elapsed);
}

/** Whole seconds to send `remainingBytes` at `rate`; null while the speed is unknown. */
export function secondsLeft(remainingBytes: number, rate: number): number | null {
  if (remainingBytes <= 0) return 0;
  return rate > 0 ? Math.ceil(remainingBytes / rate) : null;
}

/** The byte figures of CloudStatus. */
export type ByteFigures = Pick<
  CloudStatus,
  'bytesDone' | 'bytesTotal' | 'bytesPerSecond' | 'secondsLeft'
>;

/**
 * The queue's bytes for one run of work (from idle to idle): originals finished, bytes that went
 * over the network, and the speed they went at, measured afresh whenever uploads start again.
 */
export class RunProgress {
  private doneBytes = 0;
  private sentBytes = 0;
  private samples: SpeedSample[] = [];
  private open = false;

  constructor(private readonly now: () => number) {}

  /** Uploads start after none ran: a new run if the last one ended, a new speed either way. */
  resumed(): void {
    if (!this.open) {
      this.doneBytes = 0;
      this.sentBytes = 0;
      this.open = true;
    }
    this.samples = [{ at: this.now(), total: this.sentBytes }];
  }

  sent(newlySent: number): void {
    this.sentBytes += newlySent;
    this.samples = addSample(this.samples, { at: this.now(), total: this.sentBytes });
  }

  finished(originalBytes: number): void {
    this.doneBytes += originalBytes;
  }

  /** The queue went idle; its figures stay on show until work starts again. */
  ended(): void {
    this.open = false;
  }

  /**
   * `pendingBytes`: originals still queued or uploading; `activeBytes`: how much of those is
   * already up. The time left is given only while uploads run.
   */
  figures(pendingBytes: number, activeBytes: number, running: boolean): ByteFigures {
    const bytesDone = this.doneBytes + activeBytes;
    const bytesTotal = this.doneBytes + pendingBytes;
    const speed = bytesPerSecond(this.samples, this.now());
    return {
      bytesDone,
      bytesTotal,
      bytesPerSecond: speed,
      secondsLeft: running ? secondsLeft(bytesTotal - bytesDone, speed) : null,
    };
  }
}
