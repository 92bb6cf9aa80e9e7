import { createHash } from 'node:crypto';
import type { PutObjectCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import { s3Sdk, type S3Sender } from './aws-sdk';
import { errorNameOf, httpStatusOf, withRetry } from './retry';
import type { RetryPolicy } from './retry';

/** One key in one bucket, and how hard to try the requests made about it. */
export interface ObjectTarget {
  readonly s3: S3Sender;
  readonly bucket: string;
  readonly key: string;
  readonly retry: RetryPolicy;
  /** Cuts the request in flight and any retry wait short. */
  readonly signal?: AbortSignal;
}

/**
 * Sends one request with retries. `send` gets the abort signal so an abort cuts the request in
 * flight instead of waiting for it.
 */
export function sendWithRetry<T>(
  target: ObjectTarget,
  send: (options: { abortSignal?: AbortSignal }) => Promise<T>,
): Promise<T> {
  return withRetry(() => send({ abortSignal: target.signal }), {
    policy: target.retry,
    signal: target.signal,
  });
}

/** What HeadObject says about the key (its length and `x-amz-meta-sha256`), or null when absent. */
export async function headObject(
  target: ObjectTarget,
): Promise<{ size: number | undefined; sha256: string | undefined } | null> {
  const { HeadObjectCommand } = await s3Sdk();
  try {
    const head = await sendWithRetry(target, (options) =>
      target.s3.send(new HeadObjectCommand({ Bucket: target.bucket, Key: target.key }), options),
    );
    return { size: head.ContentLength, sha256: head.Metadata?.['sha256'] };
  } catch (error) {
    // The real policy grants ListBucket only under the user's prefix with an s3:prefix condition,
    // so HeadObject of a missing key may answer 403 rather than 404. Treating 403 as "not there" is
    // safe: a real permission problem fails again, loudly, on the PutObject that follows.
    const status = httpStatusOf(error);
    if (status === 404 || status === 403 || errorNameOf(error) === 'NotFound') return null;
    throw error;
  }
}

/**
 * Signs `command` with `sha256` (hex) as its payload hash (`x-amz-content-sha256`), a hash the
 * caller already has, so the SDK does not hash the body again. S3 computes the body's SHA-256
 * itself and refuses a mismatch (XAmzContentSHA256Mismatch), and the header is under the
 * signature: a 200 means S3 holds exactly the bytes this hash names.
 */
export function signPayloadAs<C extends PutObjectCommand | UploadPartCommand>(
  command: C,
  sha256: string,
): C {
  const stack = command.middlewareStack as PutObjectCommand['middlewareStack'];
  stack.add(
    (next) => (args) => {
      const request = args.request as { headers?: Record<string, string> };
      if (request.headers) request.headers['x-amz-content-sha256'] = sha256;
      return next(args);
    },
    { step: 'build', name: 'signPayloadAs' },
  );
  return command;
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
