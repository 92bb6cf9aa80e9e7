import type { LabelJob, LabelJobRepository } from '../catalog/label-job-repository';
import type { LabelRepository } from '../catalog/label-repository';
import type { CloudSession } from '../aws/cloud-session';
import { maxMetaBytes } from '../aws/meta-document-store';
import { getObjectBytes, putBytes, type S3Target } from '../aws/s3-objects';
import { originalFile, type LibraryPaths } from '../library/library-paths';
import { derivedKey, metaKey } from '../model/photo-keys';
import { labelClockSkewMs, parsePhotoMeta } from '../model/photo-meta';
import { makeLabelDerivative, type DerivativeOptions } from './label-derivative';

/**
 * After the derivative goes up, the photo's document is read this long after it, then after
 * each next wait, so labels show within seconds instead of at the next five-minute sync.
 */
export const documentChecksMs: readonly number[] = [3_000, 10_000, 30_000, 90_000, 300_000];
/** After the quick checks, once an hour (sync usually brings the labels sooner). */
const slowCheckMs = 60 * 60_000;

export const labellingInCloudNote = 'Labelling in your cloud.';

/** What labelling in the cloud needs of a signed-in session. */
export type CloudLabelSession = Pick<CloudSession, 's3' | 'bucket' | 'identityId'>;

export interface CloudLabelContext {
  readonly session: CloudLabelSession;
  readonly paths: LibraryPaths;
  readonly jobs: LabelJobRepository;
  readonly labels: LabelRepository;
  readonly now: () => number;
  readonly signal: AbortSignal;
  readonly derivative?: DerivativeOptions;
}

/**
 * One step of a photo's labelling when the stack labels in the cloud (docs/backend.md): first
 * its label derivative goes up to `derived/`, which starts the backend's labeller; then its
 * document is read a few times with growing waits until the labeller's answer (labels, or why
 * it could not label) is in it. Answers true when the answer arrived.
 */
export async function labelInCloud(job: LabelJob, ctx: CloudLabelContext): Promise<boolean> {
  const target: S3Target = { s3: ctx.session.s3, bucket: ctx.session.bucket, signal: ctx.signal };
  const identityId = await ctx.session.identityId();
  if (job.sentAt === null) {
    const file = originalFile(ctx.paths, job.sha256, job.format);
    const image = await makeLabelDerivative(file, ctx.derivative);
    await putBytes(target, derivedKey(identityId, job.sha256), image, 'image/jpeg');
    const now = ctx.now();
    ctx.jobs.markSent(job.photoId, now, now + (documentChecksMs[0] ?? 0), labellingInCloudNote);
    return false;
  }
  const got = await getObjectBytes(target, metaKey(identityId, job.sha256), maxMetaBytes);
  const doc = got ? parsePhotoMeta(got.bytes.toString('utf8')) : null;
  // An error written before this derivative went up answers an earlier one (a retried photo).
  const labels = doc?.sha256 === job.sha256 ? doc.labels : null;
  if (
    labels &&
    (labels.error === undefined || labels.labelledAt >= job.sentAt - labelClockSkewMs)
  ) {
    ctx.labels.applyRemote(job.photoId, labels, doc?.labelEdits ?? []);
    return true;
  }
  const checks = job.attempts + 1;
  const wait = documentChecksMs[checks] ?? slowCheckMs;
  ctx.jobs.retryLater(job.photoId, checks, ctx.now() + wait, labellingInCloudNote);
  return false;
}
