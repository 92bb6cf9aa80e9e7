import type { RekognitionClient } from '@aws-sdk/client-rekognition';
import type { S3Client } from '@aws-sdk/client-s3';
import { maxMetaBytes, putMergedMeta } from '../../main/aws/meta-document-store';
import { classifyLabelError, detectLabels } from '../../main/aws/rekognition-labels';
import { errorNameOf } from '../../main/aws/retry';
import type { RetryPolicy } from '../../main/aws/retry';
import { getObjectBytes } from '../../main/aws/s3-objects';
import type { S3Target } from '../../main/aws/s3-objects';
import { headObject } from '../../main/aws/s3-requests';
import { metaKey, parseDerivedKey } from '../../main/model/photo-keys';
import { parsePhotoMeta } from '../../main/model/photo-meta';
import type { PhotoMeta } from '../../main/model/photo-meta';
import type { CreatedObject } from './sqs-event';

export interface LabelPhotoDeps {
  readonly s3: S3Client;
  readonly rekognition: RekognitionClient;
  /** The stack's photo bucket: objects anywhere else are not ours to label. */
  readonly bucket: string;
  readonly maxLabels: number;
  readonly now: () => number;
  /** S3 requests (reads and the conditional write); DetectLabels is retried by redelivery. */
  readonly retry: RetryPolicy;
}

type Labels = NonNullable<PhotoMeta['labels']>;

/** What became of one derivative. */
export type LabelOutcome =
  | { readonly kind: 'labelled'; readonly metaKey: string }
  | { readonly kind: 'failed'; readonly metaKey: string; readonly reason: string }
  | { readonly kind: 'skipped'; readonly reason: string };

/** Labelling failed in a way a redelivery may fix: the message goes back to the queue. */
export class TryAgainLater extends Error {
  override readonly name = 'TryAgainLater';
}

/**
 * Labels the photo whose derivative is at `key`. DetectLabels reads the derivative from S3 itself;
 * its answer, or a label error when the image is the problem, is merged into the photo's metadata
 * document with the app's conditional read-merge-write (putMergedMeta), so a description edited
 * meanwhile is kept. A document that already has labels (a duplicate delivery, or labels from the
 * app) is left alone without calling Rekognition; so is one with a label error written after this
 * derivative was stored (a derivative uploaded again, "Label again" in the app, is labelled). Throws TryAgainLater, or the S3 error, for what
 * a redelivery may fix: throttling, server errors, a document not written yet.
 */
export async function labelPhoto(
  deps: LabelPhotoDeps,
  { bucket, key, createdAt }: CreatedObject,
  traceId: string | null,
): Promise<LabelOutcome> {
  if (bucket !== deps.bucket) return { kind: 'skipped', reason: `not the photo bucket: ${bucket}` };
  const photo = parseDerivedKey(key);
  if (!photo) return { kind: 'skipped', reason: `not a label derivative: ${key}` };
  const documentKey = metaKey(photo.identityId, photo.sha256);
  const target: S3Target = { s3: deps.s3, bucket, retry: deps.retry };

  const read = await getObjectBytes(target, documentKey, maxMetaBytes);
  const current = read ? parsePhotoMeta(read.bytes.toString('utf8')) : null;
  if (!current || current.sha256 !== photo.sha256) {
    // The app writes the document before the derivative; without either the photo was deleted.
    const derivative = await headObject({ s3: deps.s3, bucket, key, retry: deps.retry });
    if (!derivative) return { kind: 'skipped', reason: `${key} is gone (photo deleted)` };
    throw new TryAgainLater(`${documentKey} is not there yet, or is not this photo's document`);
  }
  if (answered(current, createdAt)) {
    return { kind: 'skipped', reason: `${documentKey} is already labelled` };
  }

  const labels = await detect(deps, bucket, key, traceId);
  const merged = await putMergedMeta(
    target,
    documentKey,
    (remote) =>
      remote?.sha256 === photo.sha256 && !answered(remote, createdAt)
        ? { ...remote, labels, updatedAt: Math.max(remote.updatedAt, labels.labelledAt) }
        : null,
    { mustExist: true },
  );
  if (!merged)
    return { kind: 'skipped', reason: `${documentKey} was labelled or deleted meanwhile` };
  return labels.error === undefined
    ? { kind: 'labelled', metaKey: documentKey }
    : { kind: 'failed', metaKey: documentKey, reason: labels.error };
}

/** Whether the document already holds the answer for a derivative stored at `createdAt`. */
function answered(doc: PhotoMeta, createdAt: number | null): boolean {
  if (!doc.labels) return false;
  if (doc.labels.error === undefined) return true;
  return createdAt === null || doc.labels.labelledAt >= createdAt;
}

/** DetectLabels by S3 reference; a permanent failure becomes a label error to store. */
async function detect(
  deps: LabelPhotoDeps,
  bucket: string,
  key: string,
  traceId: string | null,
): Promise<Labels> {
  const trace = traceId === null ? {} : { traceId };
  try {
    const answer = await detectLabels(
      deps.rekognition,
      { S3Object: { Bucket: bucket, Name: key } },
      deps.maxLabels,
    );
    return { ...answer, labelledAt: deps.now(), ...trace };
  } catch (error) {
    const { kind, reason } = classifyLabelError(error);
    // The function's own rights missing is the stack's fault, not the photo's: let the message
    // reach the dead-letter queue (and its alarm) instead of marking every photo unlabellable.
    if (kind !== 'fail' || errorNameOf(error) === 'AccessDeniedException') {
      throw new TryAgainLater(reason, { cause: error });
    }
    return { raw: null, modelVersion: null, labelledAt: deps.now(), error: reason, ...trace };
  }
}
