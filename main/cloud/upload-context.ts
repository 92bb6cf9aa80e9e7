import { createHash } from 'node:crypto';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { UploadError } from './cloud-errors';
import { errorNameOf, httpStatusOf, withRetry } from './retry';
import type { RetryPolicy } from './retry';
import type { UploadFileOptions } from './s3-uploader';

/** What one upload needs, shared by the single-request and the multipart paths: the caller's
 * options with their defaults filled in. */
export type UploadContext = Omit<
  UploadFileOptions,
  'partSize' | 'partConcurrency' | 'retry' | 'multipartThreshold'
> & {
  readonly partSize: number;
  readonly partConcurrency: number;
  readonly retry: RetryPolicy;
};

/** The metadata every original carries, so HeadObject alone can tell a finished upload. */
export function objectMetadata(ctx: UploadContext): Record<string, string> {
  return { sha256: ctx.sha256 };
}

/**
 * Sends one request with retries. `send` gets the abort signal so an abort cuts the request in
 * flight instead of waiting for it; an abort then surfaces as UploadError('upload-aborted').
 */
export async function sendWithRetry<T>(
  ctx: UploadContext,
  send: (options: { abortSignal?: AbortSignal }) => Promise<T>,
): Promise<T> {
  try {
    return await withRetry(() => send({ abortSignal: ctx.signal }), {
      policy: ctx.retry,
      signal: ctx.signal,
    });
  } catch (error) {
    throw ctx.signal?.aborted ? abortedError(ctx, error) : error;
  }
}

export function abortedError(ctx: UploadContext, cause?: unknown): UploadError {
  return new UploadError('upload-aborted', `Upload of ${ctx.key} was aborted`, { cause });
}

export function throwIfAborted(ctx: UploadContext): void {
  if (ctx.signal?.aborted) throw abortedError(ctx, ctx.signal.reason);
}

/** What HeadObject says about the key, or null when it is not there. */
export async function headObject(
  ctx: UploadContext,
): Promise<{ size: number | undefined; sha256: string | undefined } | null> {
  try {
    const head = await sendWithRetry(ctx, (options) =>
      ctx.s3.send(new HeadObjectCommand({ Bucket: ctx.bucket, Key: ctx.key }), options),
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

/** Whether the object at the key is this very file (same length and SHA-256). */
export async function isAlreadyThere(ctx: UploadContext): Promise<boolean> {
  const head = await headObject(ctx);
  return head !== null && head.size === ctx.size && head.sha256 === ctx.sha256;
}

/** Checks the finished object before calling it uploaded. */
export async function verifyUploaded(ctx: UploadContext): Promise<void> {
  const head = await headObject(ctx);
  if (!head || head.size !== ctx.size || head.sha256 !== ctx.sha256) {
    throw new UploadError(
      'upload-verification-failed',
      `S3 holds ${head ? `${head.size} bytes with sha256 ${head.sha256}` : 'nothing'} at ${ctx.key}, expected ${ctx.size} bytes with sha256 ${ctx.sha256}`,
    );
  }
}

/** Base64 MD5 for Content-MD5, which S3 checks against the body (BadDigest on a mismatch). */
export function md5Base64(bytes: Buffer): string {
  return createHash('md5').update(bytes).digest('base64');
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
