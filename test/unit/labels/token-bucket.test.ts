import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../main/labels/token-bucket';

describe('TokenBucket', () => {
  it('lets a burst through, then spaces callers out at the rate, in order', () => {
    let now = 0;
    const bucket = new TokenBucket({ perSecond: 5, burst: 2 }, () => now);
    expect(bucket.reserve()).toBe(0);
    expect(bucket.reserve()).toBe(0);
    // Empty: each further caller waits one more token's time (200 ms at 5/s).
    expect(bucket.reserve()).toBe(200);
    expect(bucket.reserve()).toBe(400);
    now = 1_000;
    // A second pays back the two reserved tokens and refills the bucket (2), no more.
    expect([1, 2, 3].map(() => bucket.reserve())).toEqual([0, 0, 200]);
  });

  it('never saves up more than the burst', () => {
    let now = 0;
    const bucket = new TokenBucket({ perSecond: 10, burst: 3 }, () => now);
    now = 60_000;
    expect([1, 2, 3, 4].map(() => bucket.reserve())).toEqual([0, 0, 0, 100]);
  });

  it('refuses a limit that could never let anything through', () => {
    expect(() => new TokenBucket({ perSecond: 0, burst: 1 })).toThrow(/perSecond > 0/);
    expect(() => new TokenBucket({ perSecond: 1, burst: 0 })).toThrow(/burst >= 1/);
  });

  it('waits for its token, and stops waiting when aborted', async () => {
    const bucket = new TokenBucket({ perSecond: 50, burst: 1 });
    await bucket.take();
    const started = performance.now();
    await bucket.take();
    expect(performance.now() - started).toBeGreaterThanOrEqual(15);
    const abort = new AbortController();
    const waiting = bucket.take(abort.signal);
    abort.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
  });
});
