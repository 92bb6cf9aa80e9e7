import { describe, expect, it } from 'vitest';
import { backoffDelayMs, isRetryable, withRetry } from '../../../main/aws/retry';
import type { RetryPolicy } from '../../../main/aws/retry';

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000 };
const s3Error = (name: string, status: number) =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

describe('backoff', () => {
  it('doubles the ceiling per retry up to the cap, with full jitter below it', () => {
    const top = () => 0.999999;
    expect([0, 1, 2, 3, 4, 10].map((i) => backoffDelayMs(i, policy, top))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
    expect(backoffDelayMs(3, policy, () => 0)).toBe(0);
    expect(backoffDelayMs(2, policy, () => 0.5)).toBe(200);
  });

  it('stays within [0, ceiling) for random draws', () => {
    for (let i = 0; i < 200; i += 1) {
      const wait = backoffDelayMs(i % 8, policy);
      expect(wait).toBeGreaterThanOrEqual(0);
      expect(wait).toBeLessThan(Math.min(1000, 100 * 2 ** (i % 8)));
    }
  });
});

describe('which errors are retried', () => {
  it('retries throttling, 5xx and dropped connections', () => {
    expect(isRetryable(s3Error('SlowDown', 503))).toBe(true);
    expect(isRetryable(s3Error('InternalError', 500))).toBe(true);
    expect(isRetryable(s3Error('ThrottlingException', 400))).toBe(true);
    expect(isRetryable(s3Error('TooManyRequests', 429))).toBe(true);
    expect(isRetryable(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe(
      true,
    );
    const wrapped = new Error('request failed', { cause: { code: 'EPIPE' } });
    expect(isRetryable(wrapped)).toBe(true);
  });

  it('never retries other 4xx, aborts or plain bugs', () => {
    expect(isRetryable(s3Error('XAmzContentSHA256Mismatch', 400))).toBe(false);
    expect(isRetryable(s3Error('BadDigest', 400))).toBe(false);
    expect(isRetryable(s3Error('AccessDenied', 403))).toBe(false);
    expect(isRetryable(s3Error('NoSuchUpload', 404))).toBe(false);
    expect(isRetryable(Object.assign(new Error('x'), { name: 'AbortError' }))).toBe(false);
    expect(isRetryable(new TypeError('undefined is not a function'))).toBe(false);
  });
});

describe('withRetry', () => {
  const fast: RetryPolicy = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 };

  it('tries again until it works, within the attempt budget', async () => {
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls += 1;
        if (calls < 3) throw s3Error('SlowDown', 503);
        return 'ok';
      },
      { policy: fast },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
  });

  it('gives up after maxAttempts and on the first non-retryable error', async () => {
    let calls = 0;
    const failing = () => {
      calls += 1;
      return Promise.reject(s3Error('InternalError', 500));
    };
    await expect(withRetry(failing, { policy: fast })).rejects.toMatchObject({
      name: 'InternalError',
    });
    expect(calls).toBe(3);
    calls = 0;
    await expect(
      withRetry(
        () => {
          calls += 1;
          return Promise.reject(s3Error('AccessDenied', 403));
        },
        { policy: fast },
      ),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
    expect(calls).toBe(1);
  });

  it('stops waiting as soon as it is aborted', async () => {
    const controller = new AbortController();
    const slow: RetryPolicy = { maxAttempts: 5, baseDelayMs: 60_000, maxDelayMs: 60_000 };
    const started = Date.now();
    const run = withRetry(() => Promise.reject(s3Error('SlowDown', 503)), {
      policy: slow,
      signal: controller.signal,
      random: () => 0.9,
    });
    setTimeout(() => controller.abort(), 20);
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
