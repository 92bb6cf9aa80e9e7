/**
 * What one upload sends to S3 and how: its options, the context its requests share, and the
 * request helpers (send with retries, the existence check, the check after a multipart upload).
 */
import type { S3Sender } from '../aws/aws-sdk';
import type { PartLedger } from '../catalog/part-ledger';
import { DEFAULT_RETRY_POLICY } from '../aws/retry';
import type { RetryPolicy } from '../aws/retry';
import { headObject, sendWithRetry } from '../aws/s3-requests';
import { UploadError } from './upload-errors';

const MiB = 1024 * 1024;

export interface UploadFileOptions {
  /**
   * Created with `s3SendingOptions` (cloud-session.ts): checksums only where required (the SDK's
   * streaming checksums break s3rver, see docs/platform-notes.md), no `Expect: 100-continue`, and
   * `maxAttempts: 1`, since retries happen here, per request, with jittered backoff.
   */
  readonly s3: S3Sender;
  readonly bucket: string;
  readonly key: string;
  /** Path of the file to upload. */
  readonly file: string;
  readonly size: number;
  /** SHA-256 of the whole file (hex), kept as `x-amz-meta-sha256`. */
  readonly sha256: string;
  readonly contentType: string;
  /**
   * The file's bytes, already read by the caller and their length checked, so the single-request
   * path does not read them again. They are not hashed here either: signed with `sha256` as their
   * payload hash, they are refused by S3 (XAmzContentSHA256Mismatch) unless they are exactly the
   * bytes `sha256` names.
   */
  readonly body?: Buffer;
  /**
   * What the caller already knows of the key, so no HeadObject is made here: `false`, these bytes
   * are not there (the caller just asked, or just sent the photo's original); `true`, they are
   * (isAlreadyThere said so). Absent: uploadFile asks S3 itself.
   */
  readonly alreadyThere?: boolean;
  readonly ledger: PartLedger;
  readonly partSize?: number;
  readonly multipartThreshold?: number;
  readonly partConcurrency?: number;
  readonly retry?: RetryPolicy;
  readonly signal?: AbortSignal;
  /**
   * Bytes S3 holds so far (grows part by part for multipart uploads), and how many of them this
   * report adds by sending: 0 for parts resumed from the ledger or an object already there, so
   * a speed shown from it counts only what went over the network.
   */
  readonly onProgress?: (sentBytes: number, newlySent: number) => void;
}

/** One upload as the single-request and the multipart paths see it: the options, defaults filled. */
export type UploadContext = Omit<
  UploadFileOptions,
  'partSize' | 'partConcurrency' | 'retry' | 'multipartThreshold'
> & {
  readonly partSize: number;
  readonly partConcurrency: number;
  readonly multipartThreshold: number;
  readonly retry: RetryPolicy;
};

/** Files this big or bigger go in parts unless the caller says otherwise. */
export const DEFAULT_MULTIPART_THRESHOLD = 16 * MiB;

export function uploadContext(options: UploadFileOptions): UploadContext {
  return {
    ...options,
    partSize: options.partSize ?? 8 * MiB,
    partConcurrency: options.partConcurrency ?? 4,
    multipartThreshold: options.multipartThreshold ?? DEFAULT_MULTIPART_THRESHOLD,
    retry: options.retry ?? DEFAULT_RETRY_POLICY,
  };
}

/** The metadata every original carries, so HeadObject alone can tell a finished upload. */
export function objectMetadata(ctx: UploadContext): Record<string, string> {
  return { sha256: ctx.sha256 };
}

/** One request with retries; an abort surfaces as UploadError('upload-aborted'). */
export async function send<T>(
  ctx: UploadContext,
  request: (options: { abortSignal?: AbortSignal }) => Promise<T>,
): Promise<T> {
  try {
    return await sendWithRetry(ctx, request);
  } catch (error) {
    throw ctx.signal?.aborted ? abortedError(ctx, error) : error;
  }
}

export function abortedError(ctx: UploadContext, cause?: unknown): UploadError {
  return new UploadError('upload-aborted', `Upload of ${ctx.key} was aborted`, { cause });
}

/** The file is not the bytes its key promises (size and SHA-256) any more. */
export function changedError(ctx: UploadContext): UploadError {
  return new UploadError(
    'upload-file-changed',
    `${ctx.file} no longer matches its sha256 ${ctx.sha256} (${ctx.size} bytes)`,
  );
}

export function throwIfAborted(ctx: UploadContext): void {
  if (ctx.signal?.aborted) throw abortedError(ctx, ctx.signal.reason);
}

/** Whether the object at the key is this very file (same length and SHA-256). */
export async function isAlreadyThere(ctx: UploadContext): Promise<boolean> {
  const head = await headOf(ctx);
  return head !== null && head.size === ctx.size && head.sha256 === ctx.sha256;
}

/** Checks the finished object before calling it uploaded. */
export async function verifyUploaded(ctx: UploadContext): Promise<void> {
  const head = await headOf(ctx);
  if (!head || head.size !== ctx.size || head.sha256 !== ctx.sha256) {
    throw new UploadError(
      'upload-verification-failed',
      `S3 holds ${head ? `${head.size} bytes with sha256 ${head.sha256}` : 'nothing'} at ${ctx.key}, expected ${ctx.size} bytes with sha256 ${ctx.sha256}`,
    );
  }
}

async function headOf(ctx: UploadContext) {
  try {
    return await headObject(ctx);
  } catch (error) {
    throw ctx.signal?.aborted ? abortedError(ctx, error) : error;
  }
}
