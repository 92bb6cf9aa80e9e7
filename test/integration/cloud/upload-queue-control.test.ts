import { describe, expect, it } from 'vitest';
import { download } from './upload-fixture';
import {
  MiB,
  addRawPhoto,
  keysOf,
  ledgerParts,
  queueFor,
  sessionFor,
  slowDown,
  until,
  uploadTestBed,
} from './upload-queue-fixture';

const bed = uploadTestBed('upload-control', { uploadConcurrency: 1, partConcurrency: 1 });

const cloudStateOf = (id: number) => bed.library.photos.get(id)!.cloud;
const multipart = { partSize: 5 * MiB, multipartThreshold: 5 * MiB };

describe('UploadQueue pause, resume and cancel', () => {
  it('counts each photo once: waiting ones in queued, the one uploading in active (issue 16 #7)', async () => {
    await Promise.all([1, 2, 3].map((n) => addRawPhoto(bed.library, 100 * 1024, `count-${n}.jpg`)));
    const { session } = sessionFor(bed.cloud);
    slowDown(session.s3, ['PutObjectCommand'], 200);
    const queue = queueFor(bed.library, session);
    queue.enqueueAllLocal();
    await until(() => queue.status().active.length === 1, 'one upload runs');
    const status = queue.status();
    expect(status.queued + status.active.length).toBe(3);
    await queue.whenIdle();
  });

  it('pauses mid-file, keeps the acknowledged parts, and resumes from them', async () => {
    // Three parts each (5, 5 and 1 MiB), one at a time, slowed so the pause lands mid-file.
    const photos = await Promise.all(
      [1, 2].map((n) => addRawPhoto(bed.library, 11 * MiB, `big-${n}.jpg`)),
    );
    const { session, counts } = sessionFor(bed.cloud);
    slowDown(session.s3, ['UploadPartCommand'], 100);
    let awake = 0;
    let wakeCalls = 0;
    const queue = queueFor(bed.library, session, {
      ...multipart,
      keepAwake: () => {
        awake += 1;
        wakeCalls += 1;
        return () => (awake -= 1);
      },
    });
    queue.enqueueAllLocal();
    await until(() => ledgerParts(bed.library) >= 1, 'a part is in the ledger');
    expect(awake).toBe(1);

    const paused = queue.pause();
    expect(paused).toMatchObject({ state: 'paused', paused: 2, queued: 0, active: [] });
    await queue.whenIdle();
    expect(photos.map((p) => cloudStateOf(p.id))).toEqual(['paused', 'paused']);
    expect(ledgerParts(bed.library)).toBeGreaterThanOrEqual(1);
    expect(awake).toBe(0);

    queue.resume();
    await queue.whenIdle();
    expect(photos.map((p) => cloudStateOf(p.id))).toEqual(['cloud', 'cloud']);
    // The paused file went on with its upload id; at most the one part in flight was sent again.
    expect(counts.get('CreateMultipartUploadCommand')).toBe(2);
    expect(counts.get('UploadPartCommand')).toBeLessThanOrEqual(2 * 3 + 1);
    expect(ledgerParts(bed.library)).toBe(0);
    expect(wakeCalls).toBe(2);
    expect(awake).toBe(0);
    // The file paused mid-way is whole (the uploader's own tests check the others' kind).
    const resumed = await download(session.s3, keysOf(bed.cloud, photos[0]!.sha256).original);
    expect(resumed.equals(photos[0]!.bytes)).toBe(true);
  });

  it('keeps a paused queue paused across a restart, with new photos waiting too', async () => {
    const first = await addRawPhoto(bed.library, 50 * 1024, 'a.jpg');
    const { session } = sessionFor(bed.cloud);
    queueFor(bed.library, session).pause();
    const restarted = queueFor(bed.library, session);
    expect(restarted.enqueueAllLocal()).toBe(1);
    await restarted.whenIdle();
    expect(restarted.status()).toMatchObject({ state: 'paused', paused: 1 });
    expect(cloudStateOf(first.id)).toBe('paused');
    restarted.resume();
    await restarted.whenIdle();
    expect(cloudStateOf(first.id)).toBe('cloud');
  });

  it('pauses and cancels single photos; a cancelled one stays out until resumed by id', async () => {
    const photos = await Promise.all(
      [1, 2, 3, 4].map((n) => addRawPhoto(bed.library, 100 * 1024, `small-${n}.jpg`)),
    );
    const [a, b, c, d] = photos.map((p) => p.id) as [number, number, number, number];
    const { session } = sessionFor(bed.cloud);
    slowDown(session.s3, ['PutObjectCommand'], 50);
    const queue = queueFor(bed.library, session);
    queue.enqueueAllLocal();
    queue.pause(b);
    // a and d still to go: queued, or already started when the queue began at once.
    const afterCancel = queue.cancel(c);
    expect(afterCancel.paused).toBe(1);
    expect(afterCancel.queued + afterCancel.active.length).toBe(2);
    await queue.whenIdle();
    expect([a, b, c, d].map(cloudStateOf)).toEqual(['cloud', 'paused', 'local', 'cloud']);
    expect(queue.status()).toMatchObject({ state: 'paused', paused: 1, failed: 0, uploaded: 2 });

    expect(queue.enqueueAllLocal()).toBe(0); // neither the paused nor the cancelled one
    queue.resume(c);
    await queue.whenIdle();
    expect([a, b, c, d].map(cloudStateOf)).toEqual(['cloud', 'paused', 'cloud', 'cloud']);
    queue.resume();
    await queue.whenIdle();
    expect(cloudStateOf(b)).toBe('cloud');
    expect(queue.status()).toMatchObject({ state: 'idle', uploaded: 4, paused: 0 });
    expect(() => queue.pause(999_999)).toThrow('There is no photo 999999 in this library.');
  });

  it('cancels a file in flight, keeping its parts for when it is resumed', async () => {
    const photo = await addRawPhoto(bed.library, 11 * MiB, 'panorama.jpg');
    const { session, counts } = sessionFor(bed.cloud);
    slowDown(session.s3, ['UploadPartCommand'], 100);
    const queue = queueFor(bed.library, session, multipart);
    queue.enqueueAllLocal();
    await until(() => ledgerParts(bed.library) >= 1, 'a part is in the ledger');
    expect(queue.cancel(photo.id)).toMatchObject({ active: [], queued: 0 });
    await queue.whenIdle();
    expect(cloudStateOf(photo.id)).toBe('local');
    const kept = ledgerParts(bed.library);
    expect(kept).toBeGreaterThanOrEqual(1);
    expect(queue.enqueueAllLocal()).toBe(0);

    queue.resume(photo.id);
    await queue.whenIdle();
    expect(cloudStateOf(photo.id)).toBe('cloud');
    expect(counts.get('CreateMultipartUploadCommand')).toBe(1);
    expect(counts.get('UploadPartCommand')).toBeLessThanOrEqual(3 + 1);
    const back = await download(session.s3, keysOf(bed.cloud, photo.sha256).original);
    expect(back.equals(photo.bytes)).toBe(true);
  });

  it('stops mid-file, keeping the queue and the parts, and goes on at the next kick', async () => {
    const photo = await addRawPhoto(bed.library, 11 * MiB, 'stopped.jpg');
    const { session, counts } = sessionFor(bed.cloud);
    slowDown(session.s3, ['UploadPartCommand'], 100);
    const queue = queueFor(bed.library, session, multipart);
    queue.enqueueAllLocal();
    await until(() => ledgerParts(bed.library) >= 1, 'a part is in the ledger');
    await queue.stop();
    expect(bed.library.photos.get(photo.id)!.cloud).toBe('queued');
    expect(queue.status()).toMatchObject({ queued: 1, active: [] });
    expect(ledgerParts(bed.library)).toBeGreaterThanOrEqual(1);

    queue.kick();
    await queue.whenIdle();
    expect(cloudStateOf(photo.id)).toBe('cloud');
    expect(counts.get('CreateMultipartUploadCommand')).toBe(1);
  });

  it('uploads as many files at once as the setting says, following a change at once', async () => {
    await Promise.all([1, 2, 3, 4, 5].map((n) => addRawPhoto(bed.library, 20 * 1024, `${n}.jpg`)));
    const { session } = sessionFor(bed.cloud);
    slowDown(session.s3, ['PutObjectCommand'], 600);
    let inFlight = 0;
    const peaks: number[] = [];
    session.s3.middlewareStack.add(
      (next, context) => async (args) => {
        const key = (args.input as { Key?: string }).Key ?? '';
        if (context.commandName !== 'PutObjectCommand' || !key.includes('/originals/')) {
          return next(args);
        }
        inFlight += 1;
        peaks.push(inFlight);
        try {
          return await next(args);
        } finally {
          inFlight -= 1;
        }
      },
      // Ahead of slowDown, so a request counts while it waits too.
      { step: 'initialize', name: 'inFlight', priority: 'high' },
    );
    const queue = queueFor(bed.library, session);
    queue.enqueueAllLocal();
    await until(() => inFlight === 1, 'the first original is on its way');
    expect(queue.status().active).toHaveLength(1);
    bed.library.settings.update({ uploadConcurrency: 3 });
    await until(() => inFlight === 3, 'three originals are on their way');
    // The first file is still going: more started on the change, not when a file ended.
    expect(queue.status().uploaded).toBe(0);
    await queue.whenIdle();
    expect(Math.max(...peaks)).toBe(3);
    expect(queue.status().uploaded).toBe(5);
  });

  it('starts the next original while a photo writes its document, and writes no document before its original is in', async () => {
    const [first, second] = await Promise.all(
      ['first.jpg', 'second.jpg'].map((name) => addRawPhoto(bed.library, 20 * 1024, name)),
    );
    const { session } = sessionFor(bed.cloud);
    const keys = [first!, second!].map((p) => keysOf(bed.cloud, p.sha256));
    const events: string[] = [];
    let documentsInFlight = 0;
    let originalsDuringDocument = 0;
    session.s3.middlewareStack.add(
      (next, context) => async (args) => {
        const key = (args.input as { Key?: string }).Key ?? '';
        if (context.commandName !== 'PutObjectCommand') return next(args);
        const what = key.includes('/meta/')
          ? 'meta'
          : key.includes('/thumbs/')
            ? 'thumb'
            : 'original';
        const photo = keys.findIndex((k) => Object.values(k).includes(key));
        if (what === 'original' && documentsInFlight > 0) originalsDuringDocument += 1;
        if (what === 'meta') documentsInFlight += 1;
        events.push(`${what} ${photo} sent`);
        try {
          // The first photo's document takes a while to be answered.
          if (what === 'meta' && photo === 0) await new Promise((r) => setTimeout(r, 600));
          return await next(args);
        } finally {
          if (what === 'meta') documentsInFlight -= 1;
          events.push(`${what} ${photo} answered`);
        }
      },
      { step: 'initialize', name: 'order', priority: 'high' },
    );
    const queue = queueFor(bed.library, session);
    queue.enqueueAllLocal();
    await queue.whenIdle();
    expect([first!.id, second!.id].map(cloudStateOf)).toEqual(['cloud', 'cloud']);
    // One photo at a time (the setting is 1), yet the second original went while the first
    // photo's document was being written.
    expect(originalsDuringDocument).toBe(1);
    for (const photo of [0, 1]) {
      const metaSent = events.indexOf(`meta ${photo} sent`);
      expect(events.indexOf(`original ${photo} answered`)).toBeLessThan(metaSent);
      expect(events.indexOf(`thumb ${photo} answered`)).toBeLessThan(metaSent);
    }
  });
});
