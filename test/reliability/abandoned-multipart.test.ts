import { describe, expect, it } from 'vitest';
import { catalogOn } from '../../main/catalog/catalog';
import { deletePhotos } from '../../main/photos/delete-photos';
import { CloudDeletions } from '../../main/sync/cloud-deletions';
import {
  MiB,
  addRawPhoto,
  ledgerParts,
  queueFor,
  sessionFor,
  slowDown,
  until,
  uploadTestBed,
} from '../integration/cloud/upload-queue-fixture';

// docs/reliability.md, "Uploads cut short": a multipart upload nothing will complete is aborted.
const bed = uploadTestBed('abandoned', { uploadConcurrency: 1, partConcurrency: 1 });

const ledgeredUploadId = () =>
  (bed.library.db.prepare('SELECT upload_id FROM multipart_uploads').get() as { upload_id: string })
    .upload_id;

/** Starts a photo's multipart upload and stops the queue once a part is acknowledged. */
async function cutShort() {
  const photo = await addRawPhoto(bed.library, 11 * MiB, 'big.jpg');
  const { session } = sessionFor(bed.cloud);
  slowDown(session.s3, ['UploadPartCommand'], 150);
  const queue = queueFor(bed.library, session, { partSize: 5 * MiB, multipartThreshold: 5 * MiB });
  queue.enqueueAllLocal();
  await until(() => ledgerParts(bed.library) >= 1, 'a part is acknowledged');
  await queue.stop();
  return { photo, uploadId: ledgeredUploadId() };
}

describe('multipart uploads the queue no longer needs (issue 16 #8)', () => {
  it('a photo deleted mid-upload has its multipart upload aborted and the ledger cleared', async () => {
    const { photo, uploadId } = await cutShort();
    const { session } = sessionFor(bed.cloud);
    await deletePhotos(
      {
        catalog: catalogOn(bed.library.db),
        paths: bed.library.paths,
        session: () => session,
        now: Date.now,
      },
      [photo.id],
    );

    const report = await new CloudDeletions({
      catalog: catalogOn(bed.library.db),
      session: () => session,
    }).process();

    expect(report).toMatchObject({ deleted: 1, error: null });
    expect(bed.cloud.s3.abortedUploads).toContain(uploadId);
    expect(ledgerParts(bed.library)).toBe(0);
    expect(bed.library.db.prepare('SELECT count(*) AS n FROM multipart_uploads').get()).toEqual({
      n: 0,
    });
  });

  it('an upload whose parts no longer line up (another part size) is aborted, and the photo still goes up', async () => {
    const { photo, uploadId } = await cutShort();
    const { session } = sessionFor(bed.cloud);
    const queue = queueFor(bed.library, session, {
      partSize: 6 * MiB,
      multipartThreshold: 5 * MiB,
    });
    queue.kick();
    await queue.whenIdle();

    expect(bed.cloud.s3.abortedUploads).toContain(uploadId);
    expect(bed.library.photos.get(photo.id)!.cloud).toBe('cloud');
  });

  it('an upload that now goes in one PUT (a higher threshold) aborts the multipart one it began', async () => {
    const { photo, uploadId } = await cutShort();
    const { session } = sessionFor(bed.cloud);
    const queue = queueFor(bed.library, session, { multipartThreshold: 64 * MiB });
    queue.kick();
    await queue.whenIdle();

    expect(bed.cloud.s3.abortedUploads).toContain(uploadId);
    expect(bed.library.photos.get(photo.id)!.cloud).toBe('cloud');
    expect(ledgerParts(bed.library)).toBe(0);
  });
});
