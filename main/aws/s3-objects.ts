import { createHash } from 'node:crypto';
import { s3Sdk, type S3Sender } from './aws-sdk';
import { errorNameOf, httpStatusOf, isConnectionError, withRetry } from './retry';
import type { RetryPolicy } from './retry';
import { messageOf } from '../../contract/result';
import { CodedError } from '../model/coded-error';

/** One user's bucket as sync, deletions and the originals cache talk to it. */
export interface S3Target {
  readonly s3: S3Sender;
  readonly bucket: string;
  readonly retry?: RetryPolicy;
  /** Cuts requests in flight and retry waits short (a sync stopped because the app quits). */
  readonly signal?: AbortSignal;
}

/** What every request through a target passes to withRetry, and to the SDK. */
const retryOptions = (target: S3Target) => ({ policy: target.retry, signal: target.signal });
const sendOptions = (target: S3Target) => ({ abortSignal: target.signal });

export interface ListedObject {
  readonly key: string;
  readonly etag: string;
}

/** An object larger than the caller is willing to hold in memory. */
export class ObjectTooLargeError extends CodedError<'object-too-large'> {
  constructor(message: string) {
    super('object-too-large', message);
  }
}

/**
 * Every key under `prefix`, following continuation tokens page by page. Throws unless the
 * listing is complete: callers infer deletions from what is absent, so half a list is no list.
 */
export async function listAll(
  target: S3Target,
  prefix: string,
  pageSize = 1000,
): Promise<ListedObject[]> {
  const listed: ListedObject[] = [];
  for await (const page of listPages(target, prefix, pageSize)) listed.push(...page.objects);
  return listed;
}

/** One page of a listing: its keys in S3's order (ascending), and whether more follow. */
export interface ListedPage {
  readonly objects: readonly ListedObject[];
  readonly more: boolean;
}

/** The keys under `prefix` a page at a time, in key order; the caller may stop at any page. */
export async function* listPages(
  target: S3Target,
  prefix: string,
  pageSize = 1000,
): AsyncGenerator<ListedPage> {
  const { ListObjectsV2Command } = await s3Sdk();
  let token: string | undefined;
  do {
    const page = await withRetry(
      () =>
        target.s3.send(
          new ListObjectsV2Command({
            Bucket: target.bucket,
            Prefix: prefix,
            MaxKeys: pageSize,
            ContinuationToken: token,
          }),
          sendOptions(target),
        ),
      retryOptions(target),
    );
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
    if (page.IsTruncated && !token) {
      throw new Error(`S3 said the listing of ${prefix} goes on but gave no continuation token`);
    }
    const objects: ListedObject[] = [];
    for (const object of page.Contents ?? []) {
      if (object.Key) objects.push({ key: object.Key, etag: object.ETag ?? '' });
    }
    yield { objects, more: token !== undefined };
  } while (token);
}

/**
 * Whether S3 answered "no such object". 403 counts: without ListBucket on the exact key S3
 * answers a missing key with AccessDenied, and a real permission problem fails loudly on the
 * write or delete that follows (see upload/s3-upload-requests.ts).
 */
export function isMissing(error: unknown): boolean {
  const status = httpStatusOf(error);
  const name = errorNameOf(error);
  return status === 404 || status === 403 || name === 'NoSuchKey' || name === 'NotFound';
}

/** A conditional write lost to another device's write (S3 conditional writes). */
export function isWriteConflict(error: unknown): boolean {
  const status = httpStatusOf(error);
  return status === 412 || status === 409 || errorNameOf(error) === 'PreconditionFailed';
}

/** The object's bytes and ETag, or null when it is not there. */
export async function getObjectBytes(
  target: S3Target,
  key: string,
  maxBytes: number,
): Promise<{ bytes: Buffer; etag: string } | null> {
  const { GetObjectCommand } = await s3Sdk();
  try {
    return await withRetry(async () => {
      const got = await target.s3.send(
        new GetObjectCommand({ Bucket: target.bucket, Key: key }),
        sendOptions(target),
      );
      if ((got.ContentLength ?? 0) > maxBytes) {
        (got.Body as { destroy?: () => void } | undefined)?.destroy?.();
        throw new ObjectTooLargeError(
          `${key} is ${got.ContentLength} bytes, more than the ${maxBytes} allowed`,
        );
      }
      const bytes = Buffer.from((await got.Body?.transformToByteArray()) ?? []);
      if (bytes.length > maxBytes) {
        throw new ObjectTooLargeError(`${key} is more than the ${maxBytes} bytes allowed`);
      }
      return { bytes, etag: got.ETag ?? '' };
    }, retryOptions(target));
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

/** How a JSON write must relate to what is there: S3 refuses it (412) otherwise. */
export type WriteCondition = { readonly ifMatch: string } | { readonly ifNoneMatch: '*' };

/**
 * Writes a JSON document with Content-MD5 (S3 refuses a body that arrived different), under a
 * condition so two devices writing the same document cannot silently overwrite each other.
 * Answers the new ETag.
 */
export function putJson(
  target: S3Target,
  key: string,
  value: unknown,
  condition: WriteCondition,
): Promise<string> {
  return putBytes(target, key, Buffer.from(JSON.stringify(value)), 'application/json', condition);
}

/** Writes a small object whole, with Content-MD5, optionally under a condition; answers its ETag. */
export async function putBytes(
  target: S3Target,
  key: string,
  body: Buffer,
  contentType: string,
  condition?: WriteCondition,
): Promise<string> {
  const { PutObjectCommand } = await s3Sdk();
  const put = await withRetry(
    () =>
      target.s3.send(
        new PutObjectCommand({
          Bucket: target.bucket,
          Key: key,
          Body: body,
          ContentLength: body.length,
          ContentType: contentType,
          ContentMD5: createHash('md5').update(body).digest('base64'),
          ...(condition === undefined
            ? {}
            : 'ifMatch' in condition
              ? { IfMatch: condition.ifMatch }
              : { IfNoneMatch: condition.ifNoneMatch }),
        }),
        sendOptions(target),
      ),
    retryOptions(target),
  );
  return put.ETag ?? '';
}

/** Deletes the keys in one request; throws naming every key S3 could not delete. */
export async function deleteKeys(target: S3Target, keys: readonly string[]): Promise<void> {
  const { DeleteObjectsCommand } = await s3Sdk();
  const answer = await withRetry(
    () =>
      target.s3.send(
        new DeleteObjectsCommand({
          Bucket: target.bucket,
          Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true },
        }),
        sendOptions(target),
      ),
    retryOptions(target),
  );
  const errors = answer.Errors ?? [];
  if (errors.length > 0) {
    const list = errors.map((e) => `${e.Key} (${e.Code}: ${e.Message})`).join(', ');
    throw new Error(`S3 did not delete ${list}`);
  }
}

/**
 * Aborts a multipart upload nothing will complete, so S3 stops keeping (and billing) its parts.
 * An upload already gone (completed, aborted, expired) is fine. Best effort by design: the
 * bucket's lifecycle rule aborts whatever is missed after a few days (infra/shoebox-backend.yaml).
 */
export async function abortMultipartUpload(
  target: S3Target,
  key: string,
  uploadId: string,
): Promise<void> {
  try {
    const { AbortMultipartUploadCommand } = await s3Sdk();
    await withRetry(
      () =>
        target.s3.send(
          new AbortMultipartUploadCommand({ Bucket: target.bucket, Key: key, UploadId: uploadId }),
          sendOptions(target),
        ),
      retryOptions(target),
    );
  } catch (error) {
    if (target.signal?.aborted) throw error;
    // NoSuchUpload, or the cloud away: either way the lifecycle rule has the last word.
  }
}

/** A short, user-readable reason for a failed cloud request. */
export function cloudErrorMessage(error: unknown): string {
  if (isConnectionError(error)) {
    return `The cloud could not be reached (${networkDetail(error)}).`;
  }
  const name = errorNameOf(error);
  const message = messageOf(error);
  return name && !message.startsWith(name) ? `${name}: ${message}` : message;
}

function networkDetail(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return errorNameOf(error) ?? 'no answer';
}
