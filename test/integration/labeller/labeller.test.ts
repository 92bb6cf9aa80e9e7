import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putMergedMeta } from '../../../main/aws/meta-document-store';
import type { S3Target } from '../../../main/aws/s3-objects';
import { originalKey } from '../../../main/model/photo-keys';
import { startLocalCloud, type LocalCloud } from '../../local-cloud/start-local-cloud';
import { hintedJpeg } from '../local-cloud/fixture-images';
import {
  labellerClients,
  labellerFor,
  putDerivative,
  readDocument,
  sqsEvent,
  uploadPhoto,
  type LabellerClients,
} from './labeller-fixture';

const HINT = 'labels: Dog=97.5, Animal=99.1>Dog';

let cloud: LocalCloud;
let clients: LabellerClients;
let target: S3Target;
let dog: Buffer;

beforeAll(async () => {
  cloud = await startLocalCloud();
  clients = labellerClients(cloud);
  target = { s3: clients.s3, bucket: cloud.s3.bucket };
  dog = await hintedJpeg(HINT);
});
afterAll(async () => {
  clients?.s3.destroy();
  clients?.rekognition.destroy();
  await cloud?.stop();
});

const labelNames = (raw: unknown) =>
  ((raw as { Labels?: { Name: string }[] }).Labels ?? []).map((label) => label.Name).sort();

describe('the cloud labeller', () => {
  it('labels by S3 reference and keeps a description edited while it wrote', async () => {
    const photo = await uploadPhoto(target, dog);
    // The app edits the description between the labeller's read and its conditional write.
    let edited = false;
    clients.s3.middlewareStack.add(
      (next, context) => async (args) => {
        const input = (args as { input: { Key?: string } }).input;
        if (!edited && context.commandName === 'PutObjectCommand' && input.Key === photo.metaKey) {
          edited = true;
          await putMergedMeta(target, photo.metaKey, (remote) =>
            remote
              ? { ...remote, description: { text: 'Rex at the beach', updatedAt: 5_000 } }
              : null,
          );
        }
        return next(args);
      },
      { step: 'initialize', name: 'concurrentEdit' },
    );
    const readsBefore = cloud.rekognition.knobs.s3ObjectsRead.length;
    try {
      const { handler } = labellerFor(cloud, clients);
      const answer = await handler(sqsEvent([{ bucket: cloud.s3.bucket, key: photo.derivedKey }]));
      expect(answer).toEqual({ batchItemFailures: [] });
    } finally {
      clients.s3.middlewareStack.remove('concurrentEdit');
    }
    expect(edited).toBe(true);
    const { doc } = await readDocument(target, photo.metaKey);
    expect(doc.description).toEqual({ text: 'Rex at the beach', updatedAt: 5_000 });
    expect(labelNames(doc.labels?.raw)).toEqual(['Animal', 'Dog']);
    expect(doc.labels?.modelVersion).toBe('3.0');
    expect(doc.labels?.error).toBeUndefined();
    // Rekognition read the derivative itself: no image bytes went through the function.
    expect(cloud.rekognition.knobs.s3ObjectsRead.slice(readsBefore)).toEqual([
      `${cloud.s3.bucket}/${photo.derivedKey}`,
    ]);
  });

  it('writes a label error into the document when the image is the problem', async () => {
    const photo = await uploadPhoto(target, Buffer.from('this is not a JPEG at all'));
    const { handler, lines } = labellerFor(cloud, clients);
    const answer = await handler(sqsEvent([{ bucket: cloud.s3.bucket, key: photo.derivedKey }]));
    expect(answer).toEqual({ batchItemFailures: [] });
    const { doc } = await readDocument(target, photo.metaKey);
    expect(doc.labels).toMatchObject({
      raw: null,
      modelVersion: null,
      error: expect.stringMatching(/Rekognition could not read the image/),
    });
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 'warn', message: 'could not label' }),
    );
  });

  it('labels a derivative uploaded again after a label error, but not a redelivery of the old one', async () => {
    const photo = await uploadPhoto(target, Buffer.from('not a JPEG'));
    const { handler } = labellerFor(cloud, clients);
    const first = sqsEvent([
      { bucket: cloud.s3.bucket, key: photo.derivedKey, at: Date.now() - 1000 },
    ]);
    await handler(first);
    const failed = await readDocument(target, photo.metaKey);
    expect(failed.doc.labels?.error).toBeDefined();
    await handler(first);
    expect((await readDocument(target, photo.metaKey)).etag).toBe(failed.etag);

    // "Label again" in the app: a good derivative, stored after the error was written.
    await putDerivative(target, photo, dog);
    await handler(
      sqsEvent([{ bucket: cloud.s3.bucket, key: photo.derivedKey, at: Date.now() + 1 }]),
    );
    const { doc } = await readDocument(target, photo.metaKey);
    expect(doc.labels?.error).toBeUndefined();
    expect(labelNames(doc.labels?.raw)).toContain('Dog');
  });

  it('reports a throttled photo in batchItemFailures alone, and labels it on redelivery', async () => {
    const throttled = await uploadPhoto(target, dog);
    const fine = await uploadPhoto(target, dog);
    const event = sqsEvent([
      { messageId: 'throttled', bucket: cloud.s3.bucket, key: throttled.derivedKey },
      { messageId: 'fine', bucket: cloud.s3.bucket, key: fine.derivedKey },
    ]);
    const { handler } = labellerFor(cloud, clients);
    cloud.rekognition.knobs.throttleNext(1);
    expect(await handler(event)).toEqual({ batchItemFailures: [{ itemIdentifier: 'throttled' }] });
    expect((await readDocument(target, throttled.metaKey)).doc.labels).toBeNull();
    expect(labelNames((await readDocument(target, fine.metaKey)).doc.labels?.raw)).toContain('Dog');

    // SQS delivers the batch again (the fine message too, if it was not deleted in time).
    expect(await handler(event)).toEqual({ batchItemFailures: [] });
    expect(labelNames((await readDocument(target, throttled.metaKey)).doc.labels?.raw)).toContain(
      'Dog',
    );
  });

  it('changes nothing on a duplicate delivery, and does not call Rekognition again', async () => {
    const photo = await uploadPhoto(target, dog);
    const event = sqsEvent([{ bucket: cloud.s3.bucket, key: photo.derivedKey }]);
    const { handler } = labellerFor(cloud, clients);
    await handler(event);
    const first = await readDocument(target, photo.metaKey);
    const calls = cloud.rekognition.knobs.calls;
    expect(await handler(event)).toEqual({ batchItemFailures: [] });
    const second = await readDocument(target, photo.metaKey);
    expect(second.etag).toBe(first.etag);
    expect(second.text).toBe(first.text);
    expect(cloud.rekognition.knobs.calls).toBe(calls);
  });

  it('waits for a document not written yet, and drops a photo deleted since', async () => {
    const early = await uploadPhoto(target, dog, { document: false });
    const deleted = await uploadPhoto(target, dog, { document: false, derivative: false });
    const { handler } = labellerFor(cloud, clients);
    const event = sqsEvent([
      { messageId: 'early', bucket: cloud.s3.bucket, key: early.derivedKey },
      { messageId: 'deleted', bucket: cloud.s3.bucket, key: deleted.derivedKey },
    ]);
    expect(await handler(event)).toEqual({ batchItemFailures: [{ itemIdentifier: 'early' }] });
  });

  it('skips keys that are not derivatives and reports messages it cannot read', async () => {
    const photo = await uploadPhoto(target, dog);
    const original = originalKey(photo.identityId, photo.sha256, 'jpg');
    await putDerivative(target, { ...photo, derivedKey: original }, dog);
    const { handler } = labellerFor(cloud, clients);
    const event = sqsEvent([
      { messageId: 'original', bucket: cloud.s3.bucket, key: original },
      { messageId: 'elsewhere', bucket: 'someone-elses-bucket', key: photo.derivedKey },
    ]);
    const garbled = { messageId: 'garbled', body: '{"Type":"Notification","Message":"{oops"}' };
    const answer = await handler({ Records: [...event.Records, garbled] });
    expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: 'garbled' }] });
    expect((await readDocument(target, photo.metaKey)).doc.labels).toBeNull();
  });
});
