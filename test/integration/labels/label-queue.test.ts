import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventName, EventPayloads } from '../../../contract/channels';
import { LabelRepository } from '../../../main/catalog/label-repository';
import { openCatalog } from '../../../main/catalog/open-catalog';
import { PhotoRepository } from '../../../main/catalog/photo-repository';
import { SettingsRepository } from '../../../main/catalog/settings-repository';
import type { CloudSession } from '../../../main/aws/cloud-session';
import { Importer } from '../../../main/import/importer';
import { LabelQueue, type LabelQueueDeps } from '../../../main/labels/label-queue';
import { libraryPaths, type LibraryPaths } from '../../../main/library/library-paths';
import { AppSettingsStore } from '../../../main/settings/app-settings-store';
import { CredentialRegistry } from '../../local-cloud/credential-registry';
import { startRekognition, type RunningRekognition } from '../../local-cloud/rekognition-stand-in';
import { closedPort } from '../../support/closed-port';
import { makeLabelledPhoto } from '../../support/make-photos';
import { tempDir } from '../../support/temp-dir';
import { testSession } from './label-session';
import { catalogOn } from '../../../main/catalog/catalog';

const registry = new CredentialRegistry();
let rek: RunningRekognition;
let dir: Awaited<ReturnType<typeof tempDir>>;
let paths: LibraryPaths;
let db: DatabaseSync;
let photos: PhotoRepository;
let labels: LabelRepository;
let settings: AppSettingsStore;
let session: CloudSession | null;
let events: EventName[];
let queue: LabelQueue;

function newQueue(overrides: Partial<LabelQueueDeps> = {}): LabelQueue {
  return new LabelQueue({
    catalog: catalogOn(db),
    paths,
    settings,
    emit: <E extends EventName>(event: E, payload: EventPayloads[E]) => {
      expect(payload).toEqual({ added: 0 });
      events.push(event);
    },
    now: Date.now,
    session: () => session,
    retry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 80 },
    offlineWaitMs: { first: 60_000, max: 60_000 },
    changedIntervalMs: 10_000,
    ...overrides,
  });
}

async function importFiles(files: string[]): Promise<void> {
  const importer = new Importer({ paths, photos, emit: () => undefined, now: Date.now });
  importer.start(files);
  await importer.whenIdle();
}

/** Imports new files with the real importer; answers each one's photo id, in order. */
async function importPhotos(...files: string[]): Promise<number[]> {
  await importFiles(files);
  return files.map((file) => {
    const row = db.prepare('SELECT id FROM photos WHERE source_path = ?').get(file);
    if (!row) throw new Error(`${file} was not imported`);
    return Number(row['id']);
  });
}

/** With fake timers: lets requests, file reads and timers due now run until `check` holds. */
async function turnUntil(check: () => boolean): Promise<void> {
  for (let i = 0; i < 20_000 && !check(); i += 1) {
    await vi.advanceTimersByTimeAsync(0);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function labelAll(): Promise<void> {
  queue.enqueueUnlabelled();
  queue.kick();
  await queue.whenIdle();
}

const fixture = (name: string) => join(dir.path, 'in', name);
const jobOf = (id: number) => db.prepare('SELECT * FROM label_jobs WHERE photo_id = ?').get(id);
const search = (query: string, min: number) =>
  photos.page({ sort: 'taken-desc', offset: 0, limit: 50, query }, min).items.map((p) => p.id);

beforeAll(async () => {
  rek = await startRekognition({ registry });
});
afterAll(async () => {
  await rek?.stop();
});
beforeEach(async () => {
  dir = await tempDir('label-queue');
  paths = libraryPaths(join(dir.path, 'library'));
  db = openCatalog(join(dir.path, 'catalog.sqlite'));
  photos = new PhotoRepository(db);
  labels = new LabelRepository(db);
  settings = new AppSettingsStore(new SettingsRepository(db));
  session = testSession(registry, rek.endpoint);
  events = [];
  queue = newQueue();
});
afterEach(async () => {
  await queue.stop();
  session?.dispose();
  db.close();
  await dir.remove();
});

describe('LabelQueue with the Rekognition stand-in', () => {
  it('labels photos once each, keeping confidence, parents and the raw answer, and says so once', async () => {
    // The EXIF hint would say Zebra if it reached Rekognition: the derivative strips it.
    const [dog, cat] = await importPhotos(
      await makeLabelledPhoto(fixture('dog.jpg'), 'dog', { description: 'labels: Zebra=99' }),
      await makeLabelledPhoto(fixture('cat.png'), 'cat', { format: 'png' }),
    );
    const answeredBefore = rek.knobs.answered;
    await labelAll();
    expect(rek.knobs.answered - answeredBefore).toBe(2);
    expect(queue.stats()).toEqual({ calls: 2, labelled: 2, failed: 0 });
    expect(rek.knobs.lastImageBytes).toBeLessThan(5_000_000);

    const detail = photos.get(dog!, 50)!;
    expect(detail.labelStatus).toEqual({ state: 'done', message: null });
    expect(detail.labels.map((l) => l.name)).not.toContain('Zebra');
    expect(detail.labels.find((l) => l.name === 'Dog')).toEqual({
      name: 'Dog',
      confidence: 98.2,
      source: 'rekognition',
      parents: ['Animal', 'Mammal', 'Pet'],
    });
    expect(photos.get(cat!, 50)!.labels.map((l) => l.name)).toContain('Kitten');
    const stored = db.prepare('SELECT raw, model_version FROM label_results WHERE photo_id = ?');
    const row = stored.get(dog!)!;
    expect(row['model_version']).toBe('3.0');
    expect(JSON.parse(String(row['raw']))).toMatchObject({
      LabelModelVersion: '3.0',
      Labels: expect.arrayContaining([
        expect.objectContaining({ Name: 'Dog', Categories: [{ Name: 'Animals and Pets' }] }),
      ]),
    });
    const changedAt = db.prepare('SELECT meta_changed_at AS at FROM photos WHERE id = ?');
    expect(Number(changedAt.get(dog!)!['at'])).toBeGreaterThan(0);
    // One event for the batch (the interval is long), sent as the queue went idle.
    expect(events).toEqual(['library.changed']);
  });

  it('asks for at most maxLabels from the settings, down to a low confidence kept for the slider', async () => {
    settings.update({ maxLabels: 2 });
    const [dog] = await importPhotos(await makeLabelledPhoto(fixture('dog.jpg'), 'dog'));
    await labelAll();
    expect(photos.get(dog!, 0)!.labels.map((l) => l.name)).toEqual(['Animal', 'Dog']);
  });

  it('never sends a labelled photo again, nor the same bytes imported again', async () => {
    const file = await makeLabelledPhoto(fixture('dog.jpg'), 'dog');
    const [dog] = await importPhotos(file);
    await labelAll();
    const calls = rek.knobs.calls;
    const copy = fixture('copy-of-dog.jpg');
    await copyFile(file, copy);
    await importFiles([copy]);
    // Content-addressed: the copy is the photo already there, with its labels.
    expect(photos.count()).toBe(1);
    expect(photos.get(dog!)!.labelStatus.state).toBe('done');
    expect(queue.enqueueUnlabelled()).toBe(0);
    queue.kick();
    await queue.whenIdle();
    // A new run of the app (a new queue over the same catalog) finds nothing to do either.
    await queue.stop();
    queue = newQueue();
    expect(queue.enqueueUnlabelled()).toBe(0);
    // Even a job queued by hand for a labelled photo is dropped without a call.
    db.prepare("INSERT INTO label_jobs (photo_id, state, queued_at) VALUES (?, 'queued', 0)").run(
      dog!,
    );
    queue.kick();
    await queue.whenIdle();
    expect(jobOf(dog!)).toBeUndefined();
    expect(rek.knobs.calls).toBe(calls);
  });

  it('retries throttling with backoff, then labels', async () => {
    const [dog] = await importPhotos(await makeLabelledPhoto(fixture('dog.jpg'), 'dog'));
    const calls = rek.knobs.calls;
    rek.knobs.throttleNext(2);
    await labelAll();
    expect(rek.knobs.calls - calls).toBe(3);
    expect(queue.stats()).toMatchObject({ calls: 3, labelled: 1, failed: 0 });
    expect(photos.get(dog!)!.labelStatus.state).toBe('done');
  });

  it('lists a photo that keeps failing with the reason; retry() puts it back and it is labelled', async () => {
    const [dog] = await importPhotos(await makeLabelledPhoto(fixture('dog.jpg'), 'dog'));
    rek.knobs.failNext(4);
    await labelAll();
    expect(labels.failures()).toEqual([
      {
        id: dog,
        sha256: expect.any(String),
        filename: 'dog.jpg',
        reason:
          'Rekognition had a server error (InternalServerError, HTTP 500). Gave up after 4 tries.',
        attempts: 4,
      },
    ]);
    expect(photos.get(dog!)!.labelStatus).toMatchObject({ state: 'failed' });
    expect(events).toEqual(['library.changed']);

    expect(queue.retry(dog)).toBe(1);
    await queue.whenIdle();
    expect(labels.failures()).toEqual([]);
    expect(photos.get(dog!, 70)!.labels.map((l) => l.name)).toContain('Dog');
    expect(queue.stats()).toEqual({ calls: 5, labelled: 1, failed: 1 });
    expect(queue.retry()).toBe(0);
  });

  it('fails a photo too small for Rekognition at once, saying why, without a call', async () => {
    const [tiny] = await importPhotos(
      await makeLabelledPhoto(fixture('tiny.jpg'), 'dog', { width: 60, height: 60 }),
    );
    const calls = rek.knobs.calls;
    await labelAll();
    expect(rek.knobs.calls).toBe(calls);
    expect(labels.failures()).toMatchObject([
      { id: tiny, attempts: 1, reason: expect.stringMatching(/60 × 60 pixels.*at least 80/) },
    ]);
  });

  it('sends nothing while labelling is off, and forgets waiting jobs when it is turned off', async () => {
    const [dog] = await importPhotos(await makeLabelledPhoto(fixture('dog.jpg'), 'dog'));
    settings.update({ labelling: false });
    expect(queue.enqueueUnlabelled()).toBe(0);
    queue.kick();
    await queue.whenIdle();
    expect(events).toEqual([]);

    settings.update({ labelling: true });
    expect(queue.enqueueUnlabelled()).toBe(1);
    expect(photos.get(dog!)!.labelStatus.state).toBe('queued');
    settings.update({ labelling: false });
    queue.kick();
    await queue.whenIdle();
    expect(photos.get(dog!)!.labelStatus.state).toBe('off');
    expect(queue.stats().calls).toBe(0);

    // Signed out is the same: nothing is queued, nothing sent.
    settings.update({ labelling: true });
    session = null;
    expect(queue.enqueueUnlabelled()).toBe(0);
    queue.kick();
    await queue.whenIdle();
    expect(queue.stats().calls).toBe(0);
  });

  it('waits for the network without spending attempts, and labels once kicked back online', async () => {
    const [dog] = await importPhotos(await makeLabelledPhoto(fixture('dog.jpg'), 'dog'));
    const online = session;
    session = testSession(registry, `http://127.0.0.1:${await closedPort()}`);
    await labelAll();
    expect(jobOf(dog!)).toMatchObject({
      state: 'queued',
      attempts: 0,
      last_error: expect.stringMatching(/network/),
    });
    expect(labels.failures()).toEqual([]);
    session.dispose();
    session = online;
    queue.kick();
    await queue.whenIdle();
    expect(photos.get(dog!)!.labelStatus.state).toBe('done');
    expect(queue.stats()).toMatchObject({ calls: 2, labelled: 1, failed: 0 });
  });

  it('a wall clock set back an hour does not stretch the wait for the network', async () => {
    const [dog] = await importPhotos(await makeLabelledPhoto(fixture('dog.jpg'), 'dog'));
    const clock = { wall: Date.now(), monotonic: 0 };
    await queue.stop();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      queue = newQueue({
        now: () => clock.wall,
        monotonicNow: () => clock.monotonic,
        offlineWaitMs: { first: 1_000, max: 1_000 },
      });
      const online = session;
      session = testSession(registry, `http://127.0.0.1:${await closedPort()}`);
      queue.enqueueUnlabelled();
      queue.kick();
      await turnUntil(() => /network/.test(String(jobOf(dog!)?.['last_error'])));
      session.dispose();
      session = online;

      clock.wall -= 60 * 60_000; // the clock is set back an hour while the queue waits
      clock.monotonic += 1_000;
      await vi.advanceTimersByTimeAsync(1_000);
      await turnUntil(() => photos.get(dog!)!.labelStatus.state === 'done');
      expect(photos.get(dog!)!.labelStatus.state).toBe('done');
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops mid-way without losing or failing a job; the next run finishes them', async () => {
    const ids = await importPhotos(
      await makeLabelledPhoto(fixture('a.jpg'), 'dog'),
      await makeLabelledPhoto(fixture('b.jpg'), 'cat'),
      await makeLabelledPhoto(fixture('c.jpg'), 'beach'),
    );
    queue.enqueueUnlabelled();
    queue.kick();
    await queue.stop();
    for (const id of ids) {
      const state = photos.get(id)!.labelStatus.state;
      expect(state === 'done' || (state === 'queued' && jobOf(id)!['attempts'] === 0)).toBe(true);
    }
    queue = newQueue();
    queue.kick();
    await queue.whenIdle();
    expect(ids.map((id) => photos.get(id)!.labelStatus.state)).toEqual(['done', 'done', 'done']);
  });

  it('filters by the minimum confidence from what is stored, with no new calls', async () => {
    const [dog, beach] = await importPhotos(
      await makeLabelledPhoto(fixture('dog.jpg'), 'dog'),
      await makeLabelledPhoto(fixture('beach.jpg'), 'beach'),
    );
    await labelAll();
    const calls = rek.knobs.calls;
    expect(photos.get(dog!, 50)!.labels.map((l) => l.name)).toContain('Puppy');
    expect(photos.get(dog!, 70)!.labels.map((l) => l.name)).not.toContain('Puppy');
    expect(search('puppy', 50)).toEqual([dog]);
    expect(search('puppy', 70)).toEqual([]);
    expect(search('nature', 70)).toEqual([beach]);
    expect(labels.counts(90, 10).map((c) => c.name)).not.toContain('Sand');
    expect(labels.counts(80, 10)).toContainEqual({ name: 'Sand', count: 1 });
    expect(rek.knobs.calls).toBe(calls);
  });

  it('keeps the person’s corrections: remove a label, add one, find the photo by it, merge another device’s', async () => {
    // Named so the file name itself does not match a search for "dog".
    const [dog] = await importPhotos(await makeLabelledPhoto(fixture('rover.jpg'), 'dog'));
    await labelAll();
    labels.removeLabel(dog!, 'Dog', Date.now());
    labels.addLabel(dog!, 'Good Boy', Date.now());
    expect(search('good boy', 70)).toEqual([dog]);
    expect(search('dog', 50)).toEqual([]);
    const names = () => photos.get(dog!, 70)!.labels.map((l) => l.name);
    expect(names()).toContain('Good Boy');
    expect(names()).not.toContain('Dog');

    const changedAt = () =>
      Number(db.prepare('SELECT meta_changed_at AS at FROM photos WHERE id = ?').get(dog!)!['at']);
    const before = changedAt();
    labels.applyRemote(dog!, null, [
      { name: 'Pet', action: 'remove', at: Date.now() + 1 },
      { name: 'Rex', action: 'add', at: Date.now() + 1 },
    ]);
    expect(names()).toEqual(expect.arrayContaining(['Good Boy', 'Rex']));
    expect(names()).not.toContain('Pet');
    expect(changedAt()).toBe(before);
  });
});
