import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { catalogOn } from '../../main/catalog/catalog';
import { deletePhotos } from '../../main/photos/delete-photos';
import { CloudDeletions } from '../../main/sync/cloud-deletions';
import { tempDir } from '../support/temp-dir';
import { startUploadCloud, type UploadCloud } from '../integration/cloud/upload-fixture';
import {
  MiB,
  addRawPhoto,
  ledgerParts,
  openLibrary,
  queueFor,
  sessionFor,
  slowDown,
  until,
  type TestLibrary,
} from '../integration/cloud/upload-queue-fixture';

// docs/reliability.md, "Uploads cut short": a multipart upload nothing will complete is aborted.
let cloud: UploadCloud;
beforeAll(async () => {
  cloud = await startUploadCloud();
});
afterAll(async () => {
  await cloud?.stop();
});

let work: Awaited<ReturnType<typeof tempDir>>;
let library: TestLibrary;
beforeEach(async () => {
  work = await tempDir('abandoned');
  library = openLibrary(join(work.path, 'library'));
  library.settings.update({ uploadConcurrency: 1, partConcurrency: 1 });
});
afterEach(async () => {
  await library.close();
  await work.remove();
});

const ledgeredUploadId = () =>
  (library.db.prepare('SELECT upload_id FROM multipart_uploads').get() as { upload_id: string })
    .upload_id;

/** Starts a photo's multipart upload and stops the queue once a part is acknowledged. */
async function cutShort() {
  const photo = await addRawPhoto(library, 11 * MiB, 'big.jpg');
  const { session } = sessionFor(cloud);
  slowDown(session.s3, ['UploadPartCommand'], 150);
  const queue = queueFor(library, session, { partSize: 5 * MiB, multipartThreshold: 5 * MiB });
  queue.enqueueAllLocal();
  await until(() => ledgerParts(library) >= 1, 'a part is acknowledged');
  await queue.stop();
  return { photo, uploadId: ledgeredUploadId() };
}

describe('multipart uploads the queue no longer needs (issue 16 #8)', () => {
  it('a photo deleted mid-upload has its multipart upload aborted and the ledger cleared', async () => {
    const { photo, uploadId } = await cutShort();
    const { session } = sessionFor(cloud);
    await deletePhotos(
      {
        catalog: catalogOn(library.db),
        paths: library.paths,
        session: () => session,
        now: Date.now,
      },
      [photo.id],
    );

    const report = await new CloudDeletions({
      catalog: catalogOn(library.db),
      session: () => session,
    }).process();

    expect(report).toMatchObject({ deleted: 1, error: null });
    expect(cloud.s3.abortedUploads).toContain(uploadId);
    expect(ledgerParts(library)).toBe(0);
    expect(library.db.prepare('SELECT count(*) AS n FROM multipart_uploads').get()).toEqual({
      n: 0,
    });
  });

  it('an upload whose parts no longer line up (another part size) is aborted, and the photo still goes up', async () => {
    const { photo, uploadId } = await cutShort();
    const { session } = sessionFor(cloud);
    const queue = queueFor(library, session, { partSize: 6 * MiB, multipartThreshold: 5 * MiB });
    queue.kick();
    await queue.whenIdle();

    expect(cloud.s3.abortedUploads).toContain(uploadId);
    expect(library.photos.get(photo.id)!.cloud).toBe('cloud');
  });

  it('an upload that now goes in one PUT (a higher threshold) aborts the multipart one it began', async () => {
    const { photo, uploadId } = await cutShort();
    const { session } = sessionFor(cloud);
    const queue = queueFor(library, session, { multipartThreshold: 64 * MiB });
    queue.kick();
    await queue.whenIdle();

    expect(cloud.s3.abortedUploads).toContain(uploadId);
    expect(library.photos.get(photo.id)!.cloud).toBe('cloud');
    expect(ledgerParts(library)).toBe(0);
  });
});
