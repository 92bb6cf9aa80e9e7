import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CloudSession } from '../../../main/aws/cloud-session';
import { catalogOn } from '../../../main/catalog/catalog';
import { UploadQueue } from '../../../main/upload/upload-queue';
import { tempDir } from '../../support/temp-dir';
import { addRawPhoto, openLibrary } from '../../integration/cloud/upload-queue-fixture';

const refused = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });

/** Lets promises, file reads and timers due now run, while later timers stay put, until
 * `check` holds or a few thousand turns of the event loop have gone by. */
async function turnUntil(check: () => boolean): Promise<void> {
  for (let i = 0; i < 5_000 && !check(); i += 1) {
    await vi.advanceTimersByTimeAsync(0);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

afterEach(() => vi.useRealTimers());

// docs/reliability.md, "Wrong clocks": waits are timed on a clock that never jumps.
describe('the upload queue when the wall clock goes back (issue 16 #3)', () => {
  it('an outage wait of 1 s still ends after 1 s, and the photo goes again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const dir = await tempDir('queue-clock');
    const library = openLibrary(join(dir.path, 'library'));
    await addRawPhoto(library, 1024, 'a.jpg');
    const clock = { wall: 1_800_000_000_000, monotonic: 1_000 };
    let attempts = 0;
    const session = {
      bucket: 'b',
      s3: {
        send: async () => {
          attempts += 1;
          throw refused();
        },
      },
      identityId: async () => 'us-east-1:0b5c1e6a-1f6e-4a53-9a3e-6c1d2f1e9a10',
      dispose: () => undefined,
    } as unknown as CloudSession;
    const queue = new UploadQueue({
      catalog: catalogOn(library.db),
      paths: library.paths,
      settings: library.settings,
      onStatus: () => undefined,
      onLibraryChanged: () => undefined,
      now: () => clock.wall,
      monotonicNow: () => clock.monotonic,
      session: () => session,
      retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
      offlineRetryMs: 1_000,
    });
    library.queues.push(queue);

    const lastError = () =>
      (library.db.prepare('SELECT last_error FROM upload_jobs').get() as { last_error: string })
        .last_error;
    queue.enqueueAllLocal();
    await turnUntil(() => lastError() !== null);
    expect(attempts).toBe(1);
    expect(queue.status().active).toEqual([]); // waiting out the outage

    clock.wall -= 60 * 60_000; // the wall clock is set back an hour
    clock.monotonic += 1_000;
    await vi.advanceTimersByTimeAsync(1_000);
    await turnUntil(() => attempts === 2);
    expect(attempts).toBe(2);

    vi.useRealTimers();
    await library.close();
    await dir.remove();
  });
});
