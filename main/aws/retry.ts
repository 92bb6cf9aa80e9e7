import { setTimeout as delay } from 'node:timers/promises';

/** How hard to try one S3 request before giving up. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 250,
  maxDelayMs: 20_000,
};

/**
 * The wait before retry number `retryIndex` (0 for the first retry): "full jitter", a uniform pick
 * in [0, min(max, base·2^retryIndex)). Spreading clients out matters more than the mean wait when a
 * prefix is being throttled (AWS Architecture Blog, "Exponential Backoff and Jitter").
 */
export function backoffDelayMs(
  retryIndex: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);
  return Math.floor(random() * ceiling);
}

// S3 says "slow down" with SlowDown (503); other AWS front ends use these names, sometimes with 400.
const THROTTLING_NAMES = new Set([
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
]);

// Errors from a connection that died or never came up: the request may be sent again as is.
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'ENETRESET',
  // No DNS answer: what "offline" looks like on macOS and on many networks.
  'ENOTFOUND',
  'EAI_NONAME',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_CLOSED',
]);

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  cause?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

function shapeOf(error: unknown): ErrorShape {
  return typeof error === 'object' && error !== null ? error : {};
}

/** The HTTP status an SDK error came with, if it came with one. */
export function httpStatusOf(error: unknown): number | undefined {
  const status = shapeOf(error).$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}

export function errorNameOf(error: unknown): string | undefined {
  const name = shapeOf(error).name;
  return typeof name === 'string' ? name : undefined;
}

function networkCodeOf(error: unknown, depth = 0): string | undefined {
  const { code, cause } = shapeOf(error);
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
  return depth < 3 && cause !== undefined ? networkCodeOf(cause, depth + 1) : undefined;
}

/**
 * Whether sending the same request again may succeed: throttling, any 5xx, a dropped connection
 * or a timeout. Other 4xx answers (bad signature, checksum refused, no such upload) would only
 * fail again, so they are never retried. An abort is never retried either.
 */
export function isRetryable(error: unknown): boolean {
  const name = errorNameOf(error);
  if (name === 'AbortError') return false;
  if (name !== undefined && THROTTLING_NAMES.has(name)) return true;
  const status = httpStatusOf(error);
  if (status === 429 || (status !== undefined && status >= 500)) return true;
  // A connection cut before any answer has no status; the SDK passes Node's error through.
  return isConnectionError(error);
}

/**
 * Whether the request died for want of a connection (refused, cut, timed out) rather than
 * being answered: the sign that the cloud is unreachable, not that it refused.
 */
export function isConnectionError(error: unknown): boolean {
  if (errorNameOf(error) === 'TimeoutError') return true;
  return httpStatusOf(error) === undefined && networkCodeOf(error) !== undefined;
}

export interface RetryOptions {
  readonly policy?: RetryPolicy;
  readonly signal?: AbortSignal;
  readonly random?: () => number;
}

/** Runs `operation` until it succeeds, fails for good, runs out of attempts or is aborted. */
export async function withRetry<T>(
  operation: () => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  for (let attempt = 1; ; attempt += 1) {
    options.signal?.throwIfAborted();
    try {
      return await operation();
    } catch (error) {
      if (options.signal?.aborted || attempt >= policy.maxAttempts || !isRetryable(error)) {
        throw error;
      }
    }
    const wait = backoffDelayMs(attempt - 1, policy, options.random);
    await delay(wait, undefined, { signal: options.signal });
  }
}
