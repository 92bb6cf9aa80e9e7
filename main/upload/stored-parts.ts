import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { Part } from '@aws-sdk/client-s3';
import { s3Sdk } from '../aws/aws-sdk';
import type { LedgerEntry, LedgerPart } from '../catalog/part-ledger';
import { sha256Hex } from '../aws/s3-requests';
import { readRange, type PartPlan } from './file-parts';
import { send, throwIfAborted, type UploadContext } from './s3-upload-requests';

/**
 * Parts S3 stored whose answer the ledger never saw (the process died with them in flight): on
 * resume ListParts names them, and each whose size fits the plan and whose ETag is the MD5 of the
 * same bytes of the file (as S3 gives for parts with SSE-S3) is recorded in the ledger instead of
 * being sent again. Anything else is sent again, as before: a part that does not match, an ETag
 * that is not an MD5 (SSE-KMS), or ListParts refused (a stack from before it was allowed) or
 * failing — finding stored parts only saves bytes, it is never needed.
 */
export async function adoptStoredParts(
  ctx: UploadContext,
  plan: readonly PartPlan[],
  entry: LedgerEntry,
): Promise<LedgerEntry> {
  if (entry.parts.length === plan.length) return entry;
  let stored: Part[];
  try {
    stored = await listParts(ctx, entry.uploadId);
  } catch {
    throwIfAborted(ctx);
    // NoSuchUpload, AccessDenied, a network fault: the upload goes on without them.
    return entry;
  }
  const known = new Set(entry.parts.map((part) => part.partNumber));
  const candidates = stored.flatMap((part) => {
    const planned = part.PartNumber === undefined ? undefined : plan[part.PartNumber - 1];
    const fits = planned && !known.has(planned.partNumber) && planned.size === part.Size;
    return fits ? [{ planned, etag: part.ETag }] : [];
  });
  if (candidates.length === 0) return entry;
  const adopted: LedgerPart[] = [];
  const handle = await open(ctx.file, 'r');
  try {
    for (const { planned, etag } of candidates) {
      const body = await readRange(handle, planned.offset, planned.size);
      const md5 = createHash('md5').update(body).digest('hex');
      if (!etag || body.length !== planned.size || etag.replace(/"/g, '').toLowerCase() !== md5) {
        continue;
      }
      const ledgerPart = {
        partNumber: planned.partNumber,
        etag,
        size: planned.size,
        sha256: sha256Hex(body),
      };
      await ctx.ledger.recordPart(ctx.key, ledgerPart);
      adopted.push(ledgerPart);
    }
  } finally {
    await handle.close();
  }
  return { uploadId: entry.uploadId, parts: [...entry.parts, ...adopted] };
}

/** Every part S3 holds for the upload, page by page. */
async function listParts(ctx: UploadContext, uploadId: string): Promise<Part[]> {
  const { ListPartsCommand } = await s3Sdk();
  const parts: Part[] = [];
  let marker: string | undefined;
  for (;;) {
    const page = await send(ctx, (options) =>
      ctx.s3.send(
        new ListPartsCommand({
          Bucket: ctx.bucket,
          Key: ctx.key,
          UploadId: uploadId,
          ...(marker ? { PartNumberMarker: marker } : {}),
        }),
        options,
      ),
    );
    parts.push(...(page.Parts ?? []));
    if (!page.IsTruncated || !page.NextPartNumberMarker) return parts;
    marker = page.NextPartNumberMarker;
  }
}
