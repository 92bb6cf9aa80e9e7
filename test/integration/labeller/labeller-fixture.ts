// The cloud labeller (infra/labeller/) against the local cloud: real SDK clients signing with
// credentials the local cloud issued, SQS events nested as AWS delivers them, photos whose
// document and derivative are in the local S3.
import { createHash, randomUUID } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { maxMetaBytes } from '../../../main/aws/meta-document-store';
import { getObjectBytes, putJson, type S3Target } from '../../../main/aws/s3-objects';
import { derivedKey, metaKey } from '../../../main/model/photo-keys';
import { parsePhotoMeta, type PhotoMeta } from '../../../main/model/photo-meta';
import { s3Notification, sqsEvent as sqsEventOf } from '../../local-cloud/labelling-pipeline';

export {
  labellerClients,
  labellerFor,
  type LabellerClients,
} from '../../local-cloud/labelling-pipeline';

export interface CloudPhoto {
  readonly identityId: string;
  readonly sha256: string;
  readonly metaKey: string;
  readonly derivedKey: string;
}

/** A photo as the app leaves it: its document (no labels yet), then its derivative. */
export async function uploadPhoto(
  target: S3Target,
  derivative: Buffer,
  options: { document?: boolean; derivative?: boolean } = {},
): Promise<CloudPhoto> {
  const identityId = `eu-west-1:${randomUUID()}`;
  const sha256 = createHash('sha256').update(derivative).update(identityId).digest('hex');
  const photo = {
    identityId,
    sha256,
    metaKey: metaKey(identityId, sha256),
    derivedKey: derivedKey(identityId, sha256),
  };
  if (options.document !== false)
    await putJson(target, photo.metaKey, document(sha256), { ifNoneMatch: '*' });
  if (options.derivative !== false) await putDerivative(target, photo, derivative);
  return photo;
}

export async function putDerivative(target: S3Target, photo: CloudPhoto, bytes: Buffer) {
  await target.s3.send(
    new PutObjectCommand({
      Bucket: target.bucket,
      Key: photo.derivedKey,
      Body: bytes,
      ContentType: 'image/jpeg',
    }),
  );
}

export function document(sha256: string, overrides: Partial<PhotoMeta> = {}): PhotoMeta {
  return {
    version: 1,
    sha256,
    format: 'jpg',
    byteSize: 1234,
    width: 120,
    height: 120,
    orientation: null,
    takenAt: null,
    importedAt: 1_000,
    camera: null,
    filename: 'dog.jpg',
    description: { text: '', updatedAt: 0 },
    labels: null,
    labelEdits: [],
    trash: { trashedAt: null, updatedAt: 0 },
    favorite: { value: false, updatedAt: 0 },
    albums: [],
    updatedAt: 1_000,
    ...overrides,
  };
}

/** The document at `key`, parsed, with its ETag; throws when it is not there or not one. */
export async function readDocument(target: S3Target, key: string) {
  const got = await getObjectBytes(target, key, maxMetaBytes);
  const doc = got ? parsePhotoMeta(got.bytes.toString('utf8')) : null;
  if (!got || !doc) throw new Error(`no document at ${key}`);
  return { doc, etag: got.etag, text: got.bytes.toString('utf8') };
}

/** What SQS hands the function for these new objects (S3 → SNS → SQS). */
export function sqsEvent(
  messages: { messageId?: string; bucket: string; key: string; at?: number }[],
) {
  return sqsEventOf(
    messages.map((m) => ({
      ...(m.messageId ? { messageId: m.messageId } : {}),
      notification: s3Notification(m.bucket, m.key, m.at),
    })),
  );
}
