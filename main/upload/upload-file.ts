import { readFile } from 'node:fs/promises';
import { abandon, uploadMultipart } from './multipart-upload';
import { s3Sdk } from '../aws/aws-sdk';
import { sha256Hex, signPayloadAs } from '../aws/s3-requests';
import {
  changedError,
  isAlreadyThere,
  objectMetadata,
  send,
  throwIfAborted,
  uploadContext,
  type UploadContext,
  type UploadFileOptions,
} from './s3-upload-requests';

export type UploadStatus = 'uploaded' | 'already-there';

/**
 * Puts a file at a content-addressed key, unless the same bytes are already there (HeadObject
 * shows `size` bytes with this `sha256`). It resolves only once S3 holds exactly these bytes.
 *
 * Integrity: every request body is signed with its SHA-256 as the SigV4 payload hash
 * (`x-amz-content-sha256`, not UNSIGNED-PAYLOAD). S3 hashes what arrives and answers
 * XAmzContentSHA256Mismatch when the bytes differ (real S3 and the local cloud's gateway both do),
 * and the hash is under the signature, so it cannot be changed in flight either. For a single
 * request that hash is `sha256`, the catalog's, so a 200 proves the key holds the catalog's bytes
 * without asking again. A `body` the caller read is not hashed before sending (S3's check is the
 * check; the upload queue hashes it only when S3 refuses it, to say why); a file read here is
 * checked first. The signer is handed the hash (signPayloadAs), so it never hashes the body.
 * Content-MD5 is not sent: it checks the same bytes a weaker way.
 * The SDK's flexible checksums (x-amz-checksum-*) are not used: sent as aws-chunked trailers
 * they corrupt objects in s3rver, and a checksum declared for a multipart upload binds all parts.
 */
export async function uploadFile(options: UploadFileOptions): Promise<{ status: UploadStatus }> {
  const ctx = uploadContext(options);
  throwIfAborted(ctx);
  if (ctx.alreadyThere ?? (await isAlreadyThere(ctx))) {
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
  const body = ctx.body ?? (await readChecked(ctx));
  if (body.length !== ctx.size) throw changedError(ctx);
  const { PutObjectCommand } = await s3Sdk();
  await send(ctx, (options) =>
    ctx.s3.send(
      signPayloadAs(
        new PutObjectCommand({
          Bucket: ctx.bucket,
          Key: ctx.key,
          Body: body,
          ContentLength: body.length,
          ContentType: ctx.contentType,
          Metadata: objectMetadata(ctx),
        }),
        ctx.sha256,
      ),
      options,
    ),
  );
  // S3 accepted a body signed with the catalog's SHA-256: it holds exactly these bytes.
  ctx.onProgress?.(ctx.size, ctx.size);
}

/** The file's bytes, read once and checked: the key promises these exact bytes. */
async function readChecked(ctx: UploadContext): Promise<Buffer> {
  const body = await readFile(ctx.file, { signal: ctx.signal }).catch((error: unknown) => {
    throwIfAborted(ctx);
    throw error;
  });
  if (body.length !== ctx.size || sha256Hex(body) !== ctx.sha256) throw changedError(ctx);
  return body;
}

async function forgetLedgered(ctx: UploadContext): Promise<void> {
  const entry = await ctx.ledger.load(ctx.key);
  if (!entry) return;
  await abandon(ctx, entry.uploadId);
  await ctx.ledger.finish(ctx.key);
}
