import { rm, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { originalFile } from '../../../main/library/library-paths';
import type { IssuedCredentials } from '../../local-cloud/credential-registry';
import { startFaultProxy } from '../../local-cloud/fault-proxy';
import { closedPort } from '../../support/closed-port';
import { sdkCredentials } from '../local-cloud/credentials';
import { download } from './upload-fixture';
import {
  MiB,
  addRawPhoto,
  keysOf,
  queueFor,
  sessionFor,
  slowDown,
  until,
  uploadTestBed,
} from './upload-queue-fixture';

const bed = uploadTestBed('upload-faults');

const cloudStates = (ids: readonly number[]) => ids.map((id) => bed.library.photos.get(id)!.cloud);
const multipart = { partSize: 5 * MiB, multipartThreshold: 5 * MiB };

describe('UploadQueue when things go wrong', () => {
  it('gets every photo up intact through connections that drop mid-request', async () => {
    const photos = [
      ...(await Promise.all(
        [1, 2, 3, 4, 5, 6].map((n) => addRawPhoto(bed.library, 300_000, `${n}.jpg`)),
      )),
      await addRawPhoto(bed.library, 11 * MiB, 'big.jpg'),
    ];
    const { session } = sessionFor(bed.cloud, { via: 'proxy' });
    const droppedBefore = bed.cloud.proxy.counters.dropped;
    // Of the next 60 requests, every one sending more than 64 KiB is cut part-way: originals and
    // parts, again and again, so some exhaust their retries and wait for the next round.
    bed.cloud.proxy.knobs.dropConnectionsAfterBytes(64 * 1024, 60, 'request');
    const queue = queueFor(bed.library, session, multipart);
    queue.enqueueAllLocal();
    await queue.whenIdle();

    expect(bed.cloud.proxy.counters.dropped - droppedBefore).toBeGreaterThan(5);
    expect(cloudStates(photos.map((p) => p.id)).every((s) => s === 'cloud')).toBe(true);
    expect(queue.status()).toMatchObject({ state: 'idle', failed: 0, uploaded: 7 });
    const direct = sessionFor(bed.cloud).session.s3;
    for (const photo of photos) {
      const back = await download(direct, keysOf(bed.cloud, photo.sha256).original);
      expect(back.equals(photo.bytes)).toBe(true);
    }
  });

  it('renews credentials that expire in the middle of an upload', async () => {
    const photos = await Promise.all(
      [1, 2].map((n) => addRawPhoto(bed.library, 11 * MiB, `long-${n}.jpg`)),
    );
    let held: IssuedCredentials | null = null;
    let issued = 0;
    // Keys that AWS expires after 2 s, while this client believes they last the hour (a clock
    // running behind AWS's, or a request outliving them): S3 answers ExpiredToken mid-upload.
    const credentials = async () => {
      if (!held) {
        held = bed.cloud.registry.issue(bed.cloud.identityId, 2);
        issued += 1;
      }
      return { ...sdkCredentials(held), expiration: new Date(Date.now() + 3_600_000) };
    };
    const { session } = sessionFor(bed.cloud, {
      credentials,
      renewCredentials: async (s3) => {
        held = null;
        await s3.config.credentials({ forceRefresh: true });
      },
    });
    slowDown(session.s3, ['UploadPartCommand'], 400);
    bed.library.settings.update({ uploadConcurrency: 1, partConcurrency: 1 });
    const refusedBefore = bed.cloud.s3.counters.refused;
    const queue = queueFor(bed.library, session, multipart);
    queue.enqueueAllLocal();
    await queue.whenIdle();

    expect(bed.cloud.s3.counters.refused - refusedBefore).toBeGreaterThan(0);
    expect(issued).toBeGreaterThan(1);
    expect(cloudStates(photos.map((p) => p.id))).toEqual(['cloud', 'cloud']);
    expect(queue.status()).toMatchObject({ failed: 0, uploaded: 2 });
    expect(bed.library.statuses.every((s) => s.failed === 0)).toBe(true);
  });

  it('waits while the cloud is unreachable, and finishes by itself once it is back', async () => {
    const photos = await Promise.all(
      [1, 2, 3].map((n) => addRawPhoto(bed.library, 50_000, `${n}.jpg`)),
    );
    const port = await closedPort();
    const { session } = sessionFor(bed.cloud, { via: { endpoint: `http://127.0.0.1:${port}` } });
    // One at a time, so nothing but the queue's own timer can wake it after a wait.
    bed.library.settings.update({ uploadConcurrency: 1 });
    const queue = queueFor(bed.library, session);
    queue.enqueueAllLocal();
    let idle = false;
    void queue.whenIdle().then(() => (idle = true));
    await until(() => queue.status().state === 'waiting', 'the queue waits');

    const waiting = queue.status();
    expect(waiting.message).toBe(
      'The cloud can’t be reached right now. Uploads will resume by themselves.',
    );
    expect(waiting).toMatchObject({ queued: 3, failed: 0 });
    // Some may still be trying their last requests; none is up, none has failed.
    expect(
      cloudStates(photos.map((p) => p.id)).every((s) => s === 'queued' || s === 'uploading'),
    ).toBe(true);
    await until(() => bed.library.statuses.some((s) => s.state === 'waiting'), 'it says so');
    expect(idle).toBe(false);

    // The cloud comes back at the same address.
    const back = await startFaultProxy({ target: bed.cloud.s3.endpoint, port });
    try {
      await queue.whenIdle();
    } finally {
      await back.stop();
    }
    expect(cloudStates(photos.map((p) => p.id))).toEqual(['cloud', 'cloud', 'cloud']);
    expect(queue.status()).toMatchObject({ state: 'idle', message: null, uploaded: 3 });
  });

  it('goes again at once when kicked while waiting (the connection came back)', async () => {
    const photo = await addRawPhoto(bed.library, 50_000, 'kicked.jpg');
    const port = await closedPort();
    const { session } = sessionFor(bed.cloud, { via: { endpoint: `http://127.0.0.1:${port}` } });
    // A wait far longer than the test may take: only the kick can end it.
    const queue = queueFor(bed.library, session, { offlineRetryMs: 10 * 60_000 });
    queue.enqueueAllLocal();
    await until(
      () => queue.status().state === 'waiting' && queue.status().active.length === 0,
      'the queue waits',
    );
    const back = await startFaultProxy({ target: bed.cloud.s3.endpoint, port });
    try {
      queue.kick();
      await queue.whenIdle();
    } finally {
      await back.stop();
    }
    expect(cloudStates([photo.id])).toEqual(['cloud']);
  });

  it('fails a photo whose original is gone or changed, naming it, and goes on with the rest', async () => {
    const [gone, changed, fine] = await Promise.all(
      ['gone.jpg', 'changed.jpg', 'fine.jpg'].map((name) => addRawPhoto(bed.library, 40_000, name)),
    );
    await rm(originalFile(bed.library.paths, gone!.sha256, 'jpg'));
    const changedFile = originalFile(bed.library.paths, changed!.sha256, 'jpg');
    await writeFile(changedFile, Buffer.alloc(40_000, 7));
    const queue = queueFor(bed.library, sessionFor(bed.cloud).session);
    queue.enqueueAllLocal();
    await queue.whenIdle();

    const ids = [gone!.id, changed!.id, fine!.id];
    expect(cloudStates(ids)).toEqual(['failed', 'failed', 'cloud']);
    expect(queue.status()).toMatchObject({ state: 'idle', failed: 2, uploaded: 1 });
    expect(bed.library.photos.get(gone!.id)!.cloudError).toMatch(
      /^"gone\.jpg" could not be uploaded: The original is missing from the library \(.+\)$/,
    );
    expect(bed.library.photos.get(changed!.id)!.cloudError).toMatch(
      /^"changed\.jpg" could not be uploaded: The original no longer has the content/,
    );

    // Put right, a retry of the failed ones uploads them.
    await writeFile(originalFile(bed.library.paths, gone!.sha256, 'jpg'), gone!.bytes);
    await writeFile(changedFile, changed!.bytes);
    queue.resume();
    await queue.whenIdle();
    expect(cloudStates(ids)).toEqual(['cloud', 'cloud', 'cloud']);
  });
});
