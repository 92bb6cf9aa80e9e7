import { open, readFile, stat } from 'node:fs/promises';
import type { PhotoToUpload } from '../catalog/upload-jobs';
import { originalFile, thumbFile } from '../library/library-paths';
import type { LibraryPaths } from '../library/library-paths';
import type { BufferPool } from '../library/buffer-pool';
import { UploadError } from './upload-errors';
import type { CloudSession } from '../aws/cloud-session';
import type { PartLedger } from '../catalog/part-ledger';
import type { PhotoMeta } from '../model/photo-meta';
import {
  ORIGINAL_CONTENT_TYPES,
  isOriginalExtension,
  metaKey,
  originalKey,
  thumbKey,
} from '../model/photo-keys';
import type { RetryPolicy } from '../aws/retry';
import { uploadFile } from './upload-file';
import type { UploadStatus } from './upload-file';
import {
  DEFAULT_MULTIPART_THRESHOLD,
  isAlreadyThere,
  uploadContext,
  type UploadFileOptions,
} from './s3-upload-requests';
import { sha256Hex } from '../aws/s3-requests';
import { errorNameOf } from '../aws/retry';
import { putMergedMeta } from '../aws/meta-document-store';
import type { OriginalsListing } from './originals-listing';
import { readRange } from './file-parts';

/** Everything one photo's upload needs besides the photo. */
export interface PhotoUploadContext {
  readonly session: CloudSession;
  readonly identityId: string;
  readonly paths: LibraryPaths;
  readonly ledger: PartLedger;
  readonly retry: RetryPolicy;
  readonly partConcurrency: number;
  /** Where an original sent in one request is read: buffers reused from photo to photo. */
  readonly bodies: BufferPool;
  /** Defaults: the uploader's (8 MiB parts for files of 16 MiB and more). */
  readonly partSize?: number;
  readonly multipartThreshold?: number;
  readonly signal: AbortSignal;
  /** The queue's listing of the identity's originals, when it has one: an original the listing
   * shows absent is sent without asking S3 first. */
  readonly originals?: OriginalsListing | null;
  /** Progress of the original, as UploadFileOptions.onProgress reports it. */
  readonly onProgress: UploadFileOptions['onProgress'];
  /** The original and the thumbnail are in the cloud; only the metadata document is left. */
  readonly onSent?: () => void;
  /** The photo's metadata document as the catalog has it now, with the meta_changed_at it
   * carries; null once the photo is gone from the library. */
  readonly currentMeta: () => { readonly doc: PhotoMeta; readonly changedAt: number } | null;
}

export interface PhotoUploadResult {
  /** `already-there`: the cloud held this very original before anything was sent. */
  readonly original: UploadStatus;
  /** The cloud's metadata document holds every change made up to this meta_changed_at. */
  readonly metaChangedAt: number;
}

/**
 * Puts one photo in the cloud: its original (checked against the catalog's size and SHA-256,
 * verified by S3 as it arrives, see upload-file.ts), its thumbnail, then its metadata document
 * merged with any already there. The document is what tells every device the photo is in the
 * cloud, so it is written only once the original and the thumbnail are there; the thumbnail goes
 * up beside the original. Each step is idempotent, so a retry after any failure starts again.
 */
export async function uploadPhoto(
  photo: PhotoToUpload,
  ctx: PhotoUploadContext,
): Promise<PhotoUploadResult> {
  if (!isOriginalExtension(photo.format)) {
    throw new UploadError(
      'upload-file-changed',
      `The catalog gives it the format "${photo.format}", which Shoebox does not upload`,
    );
  }
  const file = originalFile(ctx.paths, photo.sha256, photo.format);
  const inOneRequest = photo.byteSize < (ctx.multipartThreshold ?? DEFAULT_MULTIPART_THRESHOLD);
  const common = {
    s3: ctx.session.s3,
    bucket: ctx.session.bucket,
    ledger: ctx.ledger,
    retry: ctx.retry,
    signal: ctx.signal,
  };
  const original: UploadFileOptions = {
    ...common,
    key: originalKey(ctx.identityId, photo.sha256, photo.format),
    file,
    size: photo.byteSize,
    sha256: photo.sha256,
    contentType: ORIGINAL_CONTENT_TYPES[photo.format],
    partConcurrency: ctx.partConcurrency,
    partSize: ctx.partSize,
    multipartThreshold: ctx.multipartThreshold,
    onProgress: ctx.onProgress,
  };
  // Checking the file and asking S3 whether it has it already need nothing of each other. An
  // original the queue's listing showed absent is not asked about (originals-listing.ts says why
  // one put there since is harmless); one it showed is, since it may have gone since.
  // A read that finished after the existence check failed keeps its buffer out of the pool.
  const [read, alreadyThere] = await Promise.all([
    checkOriginal(photo, file, ctx.signal, inOneRequest ? ctx.bodies : null),
    ctx.originals?.mayHold(original.key) === false
      ? false
      : isAlreadyThere(uploadContext(original)),
  ]);
  const body = read?.bytes;
  let status: UploadStatus;
  try {
    [{ status }] = await bothSettled(
      uploadFile({ ...original, ...(body ? { body } : {}), alreadyThere }).catch(
        (error: unknown) => {
          throw body && refusedAsChanged(error, body, photo.sha256) ? changedOriginal(file) : error;
        },
      ),
      // An original that was not in the cloud has no thumbnail there either (it goes up with the
      // original): no need to ask. Sent again after a failure, it only replaces the same picture.
      uploadThumb(ctx, photo.sha256, common, alreadyThere ? undefined : false),
    );
  } finally {
    // Both requests have ended (bothSettled): nothing reads the buffer any more.
    read?.release();
  }
  ctx.onSent?.();

  ctx.signal.throwIfAborted();
  const meta = ctx.currentMeta();
  if (!meta) {
    throw new UploadError('upload-file-missing', 'The photo was removed from the library');
  }
  // The merged document is not applied to the catalog here: sync reads it (its ETag is new to
  // sync) and merges it in, with the labels port this queue does not have.
  await putMergedMeta(
    { s3: ctx.session.s3, bucket: ctx.session.bucket, retry: ctx.retry },
    metaKey(ctx.identityId, photo.sha256),
    () => meta.doc,
    // A new original has no document yet (documents go after originals): write it with
    // If-None-Match at once, reading and merging only if S3 says one is there after all.
    { signal: ctx.signal, likelyNew: status === 'uploaded' },
  );
  return { original: status, metaChangedAt: meta.changedAt };
}

async function uploadThumb(
  ctx: PhotoUploadContext,
  sha256: string,
  common: Pick<UploadFileOptions, 's3' | 'bucket' | 'ledger' | 'retry' | 'signal'>,
  alreadyThere: false | undefined,
): Promise<void> {
  const thumb = thumbFile(ctx.paths, sha256);
  const thumbBytes = await readFile(thumb, { signal: ctx.signal }).catch((error: unknown) => {
    throw missingOr(error, 'The thumbnail', thumb);
  });
  await uploadFile({
    ...common,
    key: thumbKey(ctx.identityId, sha256),
    file: thumb,
    body: thumbBytes,
    size: thumbBytes.length,
    sha256: sha256Hex(thumbBytes),
    contentType: 'image/webp',
    ...(alreadyThere === undefined ? {} : { alreadyThere }),
  });
}

/**
 * Both results once both have settled, or the first failure once both have settled: neither
 * request outlives the photo's attempt (a retry never overlaps a request still in flight).
 */
async function bothSettled<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [first, second] = await Promise.allSettled([a, b]);
  if (first.status === 'rejected') throw first.reason;
  if (second.status === 'rejected') throw second.reason;
  return [first.value, second.value];
}

/**
 * The original must still be the bytes the catalog names (its key promises them): same size,
 * same SHA-256. For a file sent in one request (given `bodies`) it is read into one of their
 * buffers here, to give back with `release` once sent, and its size checked; its SHA-256 is not computed: the bytes are signed with the catalog's SHA-256
 * as their payload hash, which S3 recomputes, refusing any other bytes (refusedAsChanged). A
 * multipart upload hashes the whole file as it reads the parts, and sends no
 * CompleteMultipartUpload unless that hash is the catalog's (multipart-upload.ts): only the size
 * is checked here, so that no whole-file read comes before the first part.
 */
async function checkOriginal(
  photo: PhotoToUpload,
  file: string,
  signal: AbortSignal,
  bodies: BufferPool | null,
): Promise<{ bytes: Buffer; release(): void } | null> {
  const size = await stat(file).then(
    (s) => s.size,
    (error: unknown) => {
      throw missingOr(error, originalWhat, file);
    },
  );
  if (size !== photo.byteSize) {
    throw new UploadError(
      'upload-file-changed',
      `${originalWhat} is ${size} bytes, not the ${photo.byteSize} it had when imported (${file})`,
    );
  }
  if (!bodies) return null;
  const buffer = bodies.acquire(photo.byteSize);
  try {
    const handle = await open(file, 'r');
    const bytes = await readRange(handle, 0, photo.byteSize, buffer).finally(() => handle.close());
    signal.throwIfAborted();
    if (bytes.length !== photo.byteSize) throw changedOriginal(file);
    return { bytes, release: () => bodies.release(buffer) };
  } catch (error) {
    bodies.release(buffer);
    throw error;
  }
}

const originalWhat = 'The original';

/**
 * Whether S3 refused `body` because it is not the bytes `sha256` names, and they are not: the
 * file changed on disk (S3 refuses bytes changed on the way too; those still hash to `sha256`).
 * Hashing only then keeps the hash off the path of every photo that goes up as it should.
 */
function refusedAsChanged(error: unknown, body: Buffer, sha256: string): boolean {
  return errorNameOf(error) === 'XAmzContentSHA256Mismatch' && sha256Hex(body) !== sha256;
}

function changedOriginal(file: string): UploadError {
  return new UploadError(
    'upload-file-changed',
    `${originalWhat} no longer has the content it was imported with (${file})`,
  );
}

function missingOr(error: unknown, what: string, file: string): unknown {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return error;
  return new UploadError('upload-file-missing', `${what} is missing from the library (${file})`, {
    cause: error,
  });
}
