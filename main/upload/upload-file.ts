import { readFile } from 'node:fs/promises';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { UploadError } from './upload-errors';
import { abandon, uploadMultipart } from './multipart-upload';
import { md5Base64, sha256Hex } from '../aws/s3-requests';
import {
  isAlreadyThere,
  objectMetadata,
  send,
  throwIfAborted,
  uploadContext,
  verifyUploaded,
  type UploadContext,
  type UploadFileOptions,
} from './upload-context';

export type UploadStatus = 'uploaded' | 'already-there';

/**
 * Puts a file at a content-addressed key, unless the same bytes are already there. Either way it
 * resolves only once HeadObject shows the key holding `size` bytes with this `sha256`.
 *
 * Integrity: every request body goes with two checks, and S3 refuses a body that fails either.
 * - Content-MD5: real S3 answers BadDigest on a mismatch. s3rver ignores it, so it protects us
 *   only against real S3.
 * - The SigV4 signed payload hash: bodies are Buffers, so the SDK signs their SHA-256 into
 *   `x-amz-content-sha256` (not UNSIGNED-PAYLOAD); real S3 and the local cloud's gateway both
 *   answer XAmzContentSHA256Mismatch when the bytes differ, and the hash is under the signature,
 *   so it cannot be changed in flight either. This is the check the tests prove.
 * The SDK's flexible checksums (x-amz-checksum-*) are not used: sent as aws-chunked trailers
 * they corrupt objects in s3rver, and a checksum declared for a multipart upload binds all parts.
 */
export async function uploadFile(options: UploadFileOptions): Promise<{ status: UploadStatus }> {
  const ctx = uploadContext(options);
  throwIfAborted(ctx);
  if (await isAlreadyThere(ctx)) {
    // A run that completed but crashed before finish() leaves a ledger entry behind (or another
    // device finished first, and this one's upload is abandoned).
    await forgetLedgered(ctx);
    ctx.onProgress?.(ctx.size, 0);
    return { status: 'already-there' };
  }
  if (ctx.size >= ctx.multipartThreshold) {
    await uploadMultipart(ctx);
  } else {
    // Started as a multipart upload under another threshold: that upload is not needed now.
    await forgetLedgered(ctx);
    await putSmall(ctx);
  }
  return { status: 'uploaded' };
}

async function putSmall(ctx: UploadContext): Promise<void> {
  const body = await readFile(ctx.file, { signal: ctx.signal }).catch((error: unknown) => {
    throwIfAborted(ctx);
    throw error;
  });
  // Small enough to hash again: the key promises these exact bytes, so never store others under it.
  if (body.length !== ctx.size || sha256Hex(body) !== ctx.sha256) {
    throw new UploadError(
      'upload-file-changed',
      `${ctx.file} no longer matches its sha256 ${ctx.sha256} (${ctx.size} bytes)`,
    );
  }
  await send(ctx, (options) =>
    ctx.s3.send(
      new PutObjectCommand({
        Bucket: ctx.bucket,
        Key: ctx.key,
        Body: body,
        ContentLength: body.length,
        ContentType: ctx.contentType,
        ContentMD5: md5Base64(body),
        Metadata: objectMetadata(ctx),
      }),
      options,
    ),
  );
  // S3 checked the body on the way in; the check here is that the key now holds it.
  await verifyUploaded(ctx);
  ctx.onProgress?.(ctx.size, ctx.size);
}

async function forgetLedgered(ctx: UploadContext): Promise<void> {
  const entry = await ctx.ledger.load(ctx.key);
  if (!entry) return;
  await abandon(ctx, entry.uploadId);
  await ctx.ledger.finish(ctx.key);
}
