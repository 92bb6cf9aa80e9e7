import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { originalFile } from '../../../main/library/library-paths';
import { tempDir } from '../../support/temp-dir';
import { BUCKET, makeClient, startUploadCloud } from './upload-fixture';
import type { UploadCloud } from './upload-fixture';
import { addRawPhoto, keysOf, openLibrary, queueFor, sessionFor } from './upload-queue-fixture';
import type { TestLibrary } from './upload-queue-fixture';

// A photo's original goes up in one request signed with the catalog's SHA-256, without hashing
// it first: S3's check of the payload hash is the check (main/upload/upload-photo.ts). A
// refusal is hashed then, to tell a file changed on disk from bytes changed on the way.
let cloud: UploadCloud;
let work: Awaited<ReturnType<typeof tempDir>>;
let library: TestLibrary;
beforeAll(async () => {
  cloud = await startUploadCloud();
  work = await tempDir('upload-integrity');
});
afterEach(async () => {
  await library.close();
});
afterAll(async () => {
  await cloud?.stop();
  await work?.remove();
});

async function isStored(key: string): Promise<boolean> {
  return makeClient(cloud)
    .client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))
    .then(
      () => true,
      () => false,
    );
}

describe('UploadQueue, the bytes of an original sent in one request', () => {
  it('a file changed on disk (same size) is refused by S3, not stored, and failed as changed', async () => {
    library = openLibrary(join(work.path, 'changed'));
    const photo = await addRawPhoto(library, 40_000, 'changed.jpg');
    await writeFile(originalFile(library.paths, photo.sha256, 'jpg'), Buffer.alloc(40_000, 7));
    const refusedBefore = cloud.s3.counters.refused;
    const queue = queueFor(library, sessionFor(cloud).session);
    queue.enqueueAllLocal();
    await queue.whenIdle();

    expect(cloud.s3.counters.refused - refusedBefore).toBe(1);
    expect(await isStored(keysOf(cloud, photo.sha256).original)).toBe(false);
    expect(await isStored(keysOf(cloud, photo.sha256).meta)).toBe(false);
    expect(library.photos.get(photo.id)).toMatchObject({ cloud: 'failed' });
    expect(library.photos.get(photo.id)?.cloudError).toMatch(
      /^"changed\.jpg" could not be uploaded: The original no longer has the content/,
    );
  });

  it('bytes changed on the way are refused too, and not blamed on the file', async () => {
    library = openLibrary(join(work.path, 'in-flight'));
    const photo = await addRawPhoto(library, 40_000, 'flipped.jpg');
    const { session } = sessionFor(cloud);
    // After signing, right before the bytes go out: flips one byte of the original's body.
    const original = keysOf(cloud, photo.sha256).original;
    session.s3.middlewareStack.add(
      (next, context) => (args) => {
        const request = args.request as { body?: unknown; path?: string };
        const input = args.input as { Key?: string };
        if (
          context.commandName === 'PutObjectCommand' &&
          input.Key === original &&
          request.body instanceof Uint8Array
        ) {
          const corrupted = Buffer.from(request.body);
          corrupted[1000] = (corrupted[1000] ?? 0) ^ 0xff;
          request.body = corrupted;
        }
        return next(args);
      },
      { step: 'deserialize', priority: 'low', name: 'corruptBody' },
    );
    const queue = queueFor(library, session);
    queue.enqueueAllLocal();
    await queue.whenIdle();

    expect(await isStored(original)).toBe(false);
    expect(library.photos.get(photo.id)).toMatchObject({ cloud: 'failed' });
    expect(library.photos.get(photo.id)?.cloudError).toMatch(
      /^The cloud refused "flipped\.jpg": .*x-amz-content-sha256/i,
    );
  });
});
