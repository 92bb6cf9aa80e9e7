import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCloudSession, type CloudSession } from '../../main/aws/cloud-session';
import { defaultNetworkTimeouts } from '../../main/aws/network-timeouts';
import { catalogOn } from '../../main/catalog/catalog';
import { CloudDeletionQueue } from '../../main/catalog/cloud-deletion-queue';
import { CloudDeletions } from '../../main/sync/cloud-deletions';
import type { ShoeboxConfig } from '../../main/config/shoebox-config';
import { startFaultProxy, type RunningFaultProxy } from '../local-cloud/fault-proxy';
import { configFor, startLocalCloud, type LocalCloud } from '../local-cloud/start-local-cloud';
import { tempDir } from '../support/temp-dir';
import {
  addRawPhoto,
  openLibrary,
  queueFor,
  until,
  type TestLibrary,
} from '../integration/cloud/upload-queue-fixture';
import { mintIdToken } from '../integration/voice/voice-fixture';

// docs/reliability.md, "Requests that never answer": a proxy in front of S3 takes requests in,
// reads them to the end and never answers, as a hung middlebox does.
let cloud: LocalCloud;
let proxy: RunningFaultProxy;
let config: ShoeboxConfig;
let idToken: string;
beforeAll(async () => {
  cloud = await startLocalCloud();
  proxy = await startFaultProxy({ target: cloud.s3.endpoint });
  const direct = configFor(cloud);
  config = { ...direct, endpoints: { ...direct.endpoints, s3: proxy.endpoint } };
  idToken = await mintIdToken(cloud, 'Stalled');
});
afterAll(async () => {
  await proxy?.stop();
  await cloud?.stop();
});

let work: Awaited<ReturnType<typeof tempDir>>;
let library: TestLibrary;
let session: CloudSession | null = null;
beforeEach(async () => {
  work = await tempDir('stall');
  library = openLibrary(join(work.path, 'library'));
});
afterEach(async () => {
  proxy.knobs.reset();
  await library.close();
  session?.dispose();
  session = null;
  await work.remove();
});

const isPut = (method: string) => method === 'PUT';
const isMeta = (_method: string, path: string) => path.includes('/meta/');

describe('requests that never answer (issue 16 #2)', () => {
  it('a PUT that is accepted and never answered times out, is retried, and the photo finishes', async () => {
    // The real session's clients, with the stall timeout short enough for a test.
    session = createCloudSession(config, async () => idToken, Date.now, {
      ...defaultNetworkTimeouts,
      stallMs: 1_000,
    });
    const photo = await addRawPhoto(library, 200_000, 'stalled.jpg');
    const stalledBefore = proxy.counters.stalled;
    proxy.knobs.stallNext(3, isPut);

    const queue = queueFor(library, session);
    queue.enqueueAllLocal();
    await queue.whenIdle();

    expect(proxy.counters.stalled - stalledBefore).toBe(3);
    expect(library.photos.get(photo.id)!.cloud).toBe('cloud');
    expect(queue.status()).toMatchObject({ failed: 0, uploaded: 1 });
  });

  // Bounded by the test's own timeout: with the default 30 s stall timeout and nothing cutting
  // the metadata read/write in flight, stopping waits out every stalled attempt.
  it(
    'stopping while the metadata write stalls ends at once; the photo resumes next run',
    { timeout: 15_000 },
    async () => {
      session = createCloudSession(config, async () => idToken, Date.now, {
        ...defaultNetworkTimeouts,
        stallMs: 10 * 60_000,
      });
      const photo = await addRawPhoto(library, 100_000, 'quit.jpg');
      const stalledBefore = proxy.counters.stalled;
      proxy.knobs.stallNext(1_000, isMeta);
      const queue = queueFor(library, session);
      queue.enqueueAllLocal();
      await until(() => proxy.counters.stalled > stalledBefore, 'the metadata request stalls');

      await queue.stop();

      expect(library.photos.get(photo.id)!.cloud).not.toBe('cloud');
      proxy.knobs.reset();
      const again = queueFor(library, session);
      again.kick();
      await again.whenIdle();
      expect(library.photos.get(photo.id)!.cloud).toBe('cloud');
    },
  );

  it(
    'stopping while a cloud deletion stalls ends at once; the deletion still waits',
    { timeout: 15_000 },
    async () => {
      const held = createCloudSession(config, async () => idToken, Date.now, {
        ...defaultNetworkTimeouts,
        stallMs: 10 * 60_000,
      });
      session = held;
      const identityId = await held.identityId();
      new CloudDeletionQueue(library.db).queue(
        { sha256: 'a'.repeat(64), identityId, format: 'jpg' },
        Date.now(),
      );
      const stalledBefore = proxy.counters.stalled;
      proxy.knobs.stallNext(1_000, (method) => method === 'POST');
      const deletions = new CloudDeletions({ catalog: catalogOn(library.db), session: () => held });
      const pass = deletions.process();
      await until(() => proxy.counters.stalled > stalledBefore, 'the deletion stalls');

      await deletions.stop();

      expect((await pass).deleted).toBe(0);
      expect(deletions.pendingCount()).toBe(1);
    },
  );
});
