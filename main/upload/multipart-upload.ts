import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { UploadError } from './upload-errors';
import { adoptStoredParts } from './stored-parts';
import { planParts, readRange } from './file-parts';
import type { PartPlan } from './file-parts';
import type { LedgerEntry, LedgerPart } from '../catalog/part-ledger';
import { errorNameOf } from '../aws/retry';
import { abortMultipartUpload } from '../aws/s3-objects';
import { s3Sdk } from '../aws/aws-sdk';
import { sha256Hex, signPayloadAs } from '../aws/s3-requests';
import {
  changedError,
  isAlreadyThere,
  objectMetadata,
  send,
  throwIfAborted,
  verifyUploaded,
  type UploadContext,
} from './s3-upload-requests';

/**
 * Uploads the file in parts, resuming from the ledger. Each part is recorded as soon as S3 has
 * acknowledged it, so an abort or crash at any point leaves a ledger that only lists parts S3 has.
 *
 * The file is read once, in order, as the parts go out: the SHA-256 of every byte read (the parts
 * sent, and on resume the ledger's parts, each checked against the hash it was sent with) must be
 * the catalog's before CompleteMultipartUpload is sent, so S3 never assembles an object that is
 * not the file the key names. There is no separate read of the whole file before the first part.
 */
export async function uploadMultipart(ctx: UploadContext): Promise<void> {
  const plan = planParts(ctx.size, ctx.partSize);
  const saved = await ctx.ledger.load(ctx.key);
  // A ledger written with another part size cannot be resumed: its parts would not line up.
  let entry = saved && fitsPlan(saved, plan) ? saved : null;
  // Its parts would not line up: S3 would keep them until the lifecycle rule, so abort it now.
  if (saved && !entry) await abandon(ctx, saved.uploadId);
  let resumed = entry !== null;
  // Parts S3 stored after the last one the ledger saw (their answers were lost to a crash).
  if (entry) entry = await adoptStoredParts(ctx, plan, entry);
  for (;;) {
    if (!entry) entry = await begin(ctx);
    try {
      const outcome = await uploadMissingParts(ctx, plan, entry);
      if (outcome !== 'sent') {
        // Parts this upload holds are not the file's bytes now: none of them may be used.
        await abandon(ctx, entry.uploadId);
        await ctx.ledger.finish(ctx.key);
        if (outcome === 'file-changed' || !resumed) throw changedError(ctx);
        resumed = false;
        entry = null;
        continue;
      }
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

/**
 * `sent`: every part is in S3 and the file read whole is the catalog's. `ledger-stale`: a part the
 * ledger lists was sent with other bytes than the file has there now. `file-changed`: the file is
 * not the catalog's any more.
 */
type PartsOutcome = 'sent' | 'ledger-stale' | 'file-changed';

/**
 * Reads the file part by part in order (one reader, so the whole-file hash sees the bytes in
 * order), and sends each part the ledger lacks while the next ones are read. A part's buffer goes
 * back to the reader once S3 has answered for it: `partConcurrency` parts in memory, never more.
 */
async function uploadMissingParts(
  ctx: UploadContext,
  plan: readonly PartPlan[],
  entry: LedgerEntry,
): Promise<PartsOutcome> {
  const ledgered = new Map(entry.parts.map((p) => [p.partNumber, p]));
  let sent = entry.parts.reduce((sum, p) => sum + p.size, 0);
  if (sent > 0) ctx.onProgress?.(sent, 0);
  const whole = createHash('sha256');
  const buffers = new BufferPool(Math.min(Math.max(1, ctx.partConcurrency), plan.length));
  const inFlight = new Set<Promise<void>>();
  // After a failure no new part starts, but parts in flight may finish and be recorded, which
  // only saves work on the next try.
  const failures: unknown[] = [];
  const handle = await open(ctx.file, 'r');
  try {
    for (const part of plan) {
      throwIfAborted(ctx);
      const buffer = await buffers.take(Math.min(ctx.partSize, ctx.size));
      if (failures.length > 0) break;
      const body = await readRange(handle, part.offset, part.size, buffer);
      if (body.length !== part.size) return 'file-changed';
      whole.update(body);
      // Hashed once: the signed payload hash S3 checks (see upload-file.ts) and the ledger's record.
      const sha256 = sha256Hex(body);
      const done = ledgered.get(part.partNumber);
      if (done) {
        buffers.give(buffer);
        if (done.sha256 !== sha256) return 'ledger-stale';
        continue;
      }
      const sending = uploadPart(ctx, entry.uploadId, part, body, sha256)
        .then(async (recorded) => {
          await ctx.ledger.recordPart(ctx.key, recorded);
          sent += recorded.size;
          ctx.onProgress?.(sent, recorded.size);
        })
        .catch((error: unknown) => {
          failures.push(error);
        })
        .finally(() => {
          inFlight.delete(sending);
          buffers.give(buffer);
        });
      inFlight.add(sending);
    }
  } finally {
    // Every part sent is answered (and recorded) before anything else happens.
    await Promise.all(inFlight);
    await handle.close();
  }
  if (failures.length > 0) throw failures[0];
  return whole.digest('hex') === ctx.sha256 ? 'sent' : 'file-changed';
}

/** Part-sized buffers, reused: the reader takes one (waiting while all are out), a send gives it back. */
class BufferPool {
  private readonly idle: Buffer[] = [];
  private readonly waiting: ((buffer: Buffer) => void)[] = [];
  private made = 0;

  constructor(private readonly limit: number) {}

  take(size: number): Promise<Buffer> {
    const buffer = this.idle.pop();
    if (buffer) return Promise.resolve(buffer);
    if (this.made < this.limit) {
      this.made += 1;
      return Promise.resolve(Buffer.allocUnsafe(size));
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  give(buffer: Buffer): void {
    const next = this.waiting.shift();
    if (next) next(buffer);
    else this.idle.push(buffer);
  }
}

async function uploadPart(
  ctx: UploadContext,
  uploadId: string,
  part: PartPlan,
  body: Buffer,
  sha256: string,
): Promise<LedgerPart> {
  const { UploadPartCommand } = await s3Sdk();
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
