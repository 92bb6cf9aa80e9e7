// The cloud labeller (infra/labeller/) against the local cloud: real SDK clients signing with
// credentials the local cloud issued, SQS events nested as AWS delivers them, photos whose
// document and derivative are in the local S3.
import { createHash, randomUUID } from 'node:crypto';
import { RekognitionClient } from '@aws-sdk/client-rekognition';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { maxMetaBytes } from '../../../main/aws/meta-document-store';
import { getObjectBytes, putJson, type S3Target } from '../../../main/aws/s3-objects';
import { derivedKey, metaKey } from '../../../main/model/photo-keys';
import { parsePhotoMeta, type PhotoMeta } from '../../../main/model/photo-meta';
import { makeLabeller, type LabellerTracer } from '../../../infra/labeller/labeller';
import { s3ClientConfig } from '../../local-cloud/s3-server';
import type { LocalCloud } from '../../local-cloud/start-local-cloud';
import { sdkCredentials } from '../local-cloud/credentials';

/** Clients as the function's role would have them (any valid signature passes the local cloud). */
export function labellerClients(cloud: LocalCloud) {
  const credentials = sdkCredentials(cloud.registry.issue('eu-west-1:labeller-role', 3600));
  const region = cloud.s3.region;
  return {
    s3: new S3Client({ ...s3ClientConfig(cloud.s3.endpoint, region), credentials, maxAttempts: 1 }),
    // One attempt: a throttled call must show in batchItemFailures, not be retried by the SDK.
    rekognition: new RekognitionClient({
      endpoint: cloud.rekognition.endpoint,
      region: cloud.rekognition.region,
      credentials,
      maxAttempts: 1,
    }),
  };
}

export type LabellerClients = ReturnType<typeof labellerClients>;

export function labellerFor(cloud: LocalCloud, clients: LabellerClients, tracer?: LabellerTracer) {
  const lines: { level: string; message: string; fields: Record<string, unknown> }[] = [];
  const handler = makeLabeller({
    ...clients,
    bucket: cloud.s3.bucket,
    maxLabels: 20,
    now: Date.now,
    retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20 },
    log: (level, message, fields) => lines.push({ level, message, fields }),
    ...(tracer ? { tracer } : {}),
  });
  return { handler, lines };
}

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

/** S3 event keys are URL-encoded with '+' for spaces (and ':' as %3A). */
const encodeS3Key = (key: string) =>
  key
    .split('/')
    .map((part) => encodeURIComponent(part).replace(/%20/g, '+'))
    .join('/');

/** What SQS hands the function: S3's event, inside an SNS notification, inside each record. */
export function sqsEvent(messages: { messageId?: string; bucket: string; key: string }[]) {
  return {
    Records: messages.map((message, index) => ({
      messageId: message.messageId ?? `message-${index}`,
      receiptHandle: 'handle',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:shoebox-labels',
      attributes: { ApproximateReceiveCount: '1' },
      body: JSON.stringify({
        Type: 'Notification',
        MessageId: randomUUID(),
        TopicArn: 'arn:aws:sns:eu-west-1:123456789012:shoebox-labels',
        Subject: 'Amazon S3 Notification',
        Message: JSON.stringify({
          Records: [
            {
              eventVersion: '2.1',
              eventSource: 'aws:s3',
              eventName: 'ObjectCreated:Put',
              s3: {
                bucket: { name: message.bucket },
                object: { key: encodeS3Key(message.key), size: 1 },
              },
            },
          ],
        }),
      }),
    })),
  };
}
