import { open } from 'node:fs/promises';
import { UploadError } from './upload-errors';
import { planParts, readRange } from './file-parts';
import type { PartPlan } from './file-parts';
import type { LedgerEntry, LedgerPart } from '../catalog/part-ledger';
import { errorNameOf } from '../aws/retry';
import { abortMultipartUpload } from '../aws/s3-objects';
import { s3Sdk } from '../aws/aws-sdk';
import { sha256Hex, signPayloadAs } from '../aws/s3-requests';
import {
  isAlreadyThere,
  objectMetadata,
  send,
  throwIfAborted,
  verifyUploaded,
  type UploadContext,
} from './upload-context';

/**
 * Uploads the file in parts, resuming from the ledger. Each part is recorded as soon as S3 has
 * acknowledged it, so an abort or crash at any point leaves a ledger that only lists parts S3 has.
 */
export async function uploadMultipart(ctx: UploadContext): Promise<void> {
  const plan = planParts(ctx.size, ctx.partSize);
  const saved = await ctx.ledger.load(ctx.key);
  // A ledger written with another part size cannot be resumed: its parts would not line up.
  let entry = saved && fitsPlan(saved, plan) ? saved : null;
  // Its parts would not line up: S3 would keep them until the lifecycle rule, so abort it now.
  if (saved && !entry) await abandon(ctx, saved.uploadId);
  let resumed = entry !== null;
  for (;;) {
    if (!entry) entry = await begin(ctx);
    try {
      await uploadMissingParts(ctx, plan, entry);
      await complete(ctx, plan);
      break;
    } catch (error) {
      if (errorNameOf(error) !== 'NoSuchUpload') throw error;
      // The upload is gone: completed by an earlier run whose answer we lost, or aborted and
      // expired by a lifecycle rule. Finished is finished; anything else starts over, once.
      if (await isAlreadyThere(ctx)) break;
      if (!resumed) throw error;
      resumed = false;
      entry = null;
    }
  }
  try {
    await verifyUploaded(ctx);
  } finally {
    // The upload id is spent either way; a failed check must start over, not resume.
    await ctx.ledger.finish(ctx.key);
  }
}

/** Aborts an upload id the ledger will forget (see abortMultipartUpload). */
export function abandon(ctx: UploadContext, uploadId: string): Promise<void> {
  return abortMultipartUpload(
    { s3: ctx.s3, bucket: ctx.bucket, retry: ctx.retry, signal: ctx.signal },
    ctx.key,
    uploadId,
  );
}

function fitsPlan(entry: LedgerEntry, plan: readonly PartPlan[]): boolean {
  return entry.parts.every((part) => plan[part.partNumber - 1]?.size === part.size);
}

async function begin(ctx: UploadContext): Promise<LedgerEntry> {
  const { CreateMultipartUploadCommand } = await s3Sdk();
  const created = await send(ctx, (options) =>
    ctx.s3.send(
      new CreateMultipartUploadCommand({
        Bucket: ctx.bucket,
        Key: ctx.key,
        ContentType: ctx.contentType,
        Metadata: objectMetadata(ctx),
      }),
      options,
    ),
  );
  if (!created.UploadId) throw new Error(`S3 gave no UploadId for ${ctx.key}`);
  await ctx.ledger.begin(ctx.key, created.UploadId);
  return { uploadId: created.UploadId, parts: [] };
}

async function uploadMissingParts(
  ctx: UploadContext,
  plan: readonly PartPlan[],
  entry: LedgerEntry,
): Promise<void> {
  const done = new Set(entry.parts.map((p) => p.partNumber));
  const queue = plan.filter((p) => !done.has(p.partNumber));
  let sent = entry.parts.reduce((sum, p) => sum + p.size, 0);
  if (sent > 0) ctx.onProgress?.(sent, 0);
  const handle = await open(ctx.file, 'r');
  let failed = false;
  // Workers pull parts until the queue is empty; after a failure no new part starts, but parts
  // in flight may finish and be recorded, which only saves work on the next try.
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next && !failed; next = queue.shift()) {
      throwIfAborted(ctx);
      const part = await uploadPart(ctx, handle, entry.uploadId, next);
      await ctx.ledger.recordPart(ctx.key, part);
      sent += part.size;
      ctx.onProgress?.(sent, part.size);
    }
  };
  try {
    const workers = Array.from({ length: Math.max(1, ctx.partConcurrency) }, () =>
      worker().catch((error: unknown) => {
        failed = true;
        throw error;
      }),
    );
    const results = await Promise.allSettled(workers);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (rejected) throw rejected.reason;
  } finally {
    await handle.close();
  }
}

async function uploadPart(
  ctx: UploadContext,
  handle: Awaited<ReturnType<typeof open>>,
  uploadId: string,
  part: PartPlan,
): Promise<LedgerPart> {
  // One part in memory at a time per worker, never the whole file.
  const body = await readRange(handle, part.offset, part.size);
  if (body.length !== part.size) {
    throw new UploadError('upload-file-changed', `${ctx.file} is shorter than ${ctx.size} bytes`);
  }
  const { UploadPartCommand } = await s3Sdk();
  // Hashed once: the signed payload hash S3 checks (see upload-file.ts) and the ledger's record.
  const sha256 = sha256Hex(body);
  const answer = await send(ctx, (options) =>
    ctx.s3.send(
      signPayloadAs(
        new UploadPartCommand({
          Bucket: ctx.bucket,
          Key: ctx.key,
          UploadId: uploadId,
          PartNumber: part.partNumber,
          Body: body,
          ContentLength: body.length,
        }),
        sha256,
      ),
      options,
    ),
  );
  if (!answer.ETag) throw new Error(`S3 gave no ETag for part ${part.partNumber} of ${ctx.key}`);
  return {
    partNumber: part.partNumber,
    etag: answer.ETag,
    size: part.size,
    sha256,
  };
}

async function complete(ctx: UploadContext, plan: readonly PartPlan[]): Promise<void> {
  throwIfAborted(ctx);
  // Complete from the ledger, not from memory: it is the one record of what S3 acknowledged.
  const entry = await ctx.ledger.load(ctx.key);
  const parts = entry?.parts ?? [];
  if (!entry || parts.length !== plan.length) {
    throw new UploadError(
      'upload-ledger-invalid',
      `The ledger lists ${parts.length} of ${plan.length} parts for ${ctx.key}`,
    );
  }
  const { CompleteMultipartUploadCommand } = await s3Sdk();
  await send(ctx, (options) =>
    ctx.s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: ctx.bucket,
        Key: ctx.key,
        UploadId: entry.uploadId,
        MultipartUpload: {
          Parts: parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })),
        },
      }),
      options,
    ),
  );
}
