import { setTimeout as delay } from 'node:timers/promises';

/** How fast calls may start: `perSecond` on average, up to `burst` at once after a pause. */
export interface RateLimit {
  readonly perSecond: number;
  readonly burst: number;
}

/**
 * A token bucket. A caller that finds it empty reserves the next token (the count goes below
 * zero) and waits for it, so waiting callers are served in order and never all at once.
 */
export class TokenBucket {
  private tokens: number;
  private filledAt: number;

  constructor(
    private readonly limit: RateLimit,
    private readonly clock: () => number = () => performance.now(),
  ) {
    if (!(limit.perSecond > 0) || !(limit.burst >= 1)) {
      throw new RangeError(
        `A rate limit needs perSecond > 0 and burst >= 1 (got ${limit.perSecond}, ${limit.burst}).`,
      );
    }
    this.tokens = limit.burst;
    this.filledAt = clock();
  }

  /** Takes a token; answers how many milliseconds to wait before using it (0: at once). */
  reserve(): number {
    const now = this.clock();
    const perMs = this.limit.perSecond / 1000;
    this.tokens = Math.min(this.limit.burst, this.tokens + (now - this.filledAt) * perMs);
    this.filledAt = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil(-this.tokens / perMs);
  }

  /** Resolves when the caller may go ahead; rejects if `signal` aborts first. */
  async take(signal?: AbortSignal): Promise<void> {
    const wait = this.reserve();
    if (wait > 0) await delay(wait, undefined, signal ? { signal } : {});
  }
}
