// Shared set-up for the upload queue's integration tests: a real library (catalog, originals,
// thumbnails) on disk, a CloudSession over the local cloud's S3, and the queue's events recorded.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { RekognitionClient } from '@aws-sdk/client-rekognition';
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import type { CloudStatus } from '../../../contract/cloud';
import { openCatalog } from '../../../main/catalog/open-catalog';
import { PhotoRepository } from '../../../main/catalog/photo-repository';
import { SettingsRepository } from '../../../main/catalog/settings-repository';
import type { CloudSession } from '../../../main/aws/cloud-session';
import { metaKey, originalKey, thumbKey } from '../../../main/model/photo-keys';
import { UploadQueue } from '../../../main/upload/upload-queue';
import type { UploadQueueDeps } from '../../../main/upload/upload-queue';
import { libraryPaths, originalFile, thumbFile } from '../../../main/library/library-paths';
import type { LibraryPaths } from '../../../main/library/library-paths';
import { AppSettingsStore } from '../../../main/settings/app-settings-store';
import type { AppSettings } from '../../../contract/settings';
import { tempDir } from '../../support/temp-dir';
import { BUCKET, FAST_RETRY, makeClient, sha256Hex, startUploadCloud } from './upload-fixture';
import type { CommandCounts, UploadCloud, Via } from './upload-fixture';
import { catalogOn } from '../../../main/catalog/catalog';

export const MiB = 1024 * 1024;

/** A library on disk with the queue's events recorded. */
export interface TestLibrary {
  readonly paths: LibraryPaths;
  readonly db: DatabaseSync;
  readonly photos: PhotoRepository;
  readonly settings: AppSettingsStore;
  readonly statuses: CloudStatus[];
  /** How many `library.changed` the queue asked for; `added` stays 0 (its callback adds no photo). */
  readonly changed: { count: number; added: number };
  /** The queue's callbacks, recording into statuses and changed. */
  readonly onStatus: UploadQueueDeps['onStatus'];
  readonly onLibraryChanged: UploadQueueDeps['onLibraryChanged'];
  /** Queues made by queueFor, stopped by close before the catalog closes. */
  readonly queues: UploadQueue[];
  close(): Promise<void>;
}

/** What uploadTestBed hands a test file: its local cloud, and the running test's library. */
export interface UploadTestBed {
  readonly cloud: UploadCloud;
  readonly library: TestLibrary;
}

/**
 * Registers the file's hooks: one local cloud for all its tests, and for each test a new library
 * in a temporary folder (`name`) with `settings` applied; after each test the cloud's faults are
 * reset, the library's queues stopped and its folder removed.
 */
export function uploadTestBed(name: string, settings: Partial<AppSettings> = {}): UploadTestBed {
  let cloud: UploadCloud | undefined;
  let work: Awaited<ReturnType<typeof tempDir>> | undefined;
  let library: TestLibrary | undefined;
  beforeAll(async () => {
    cloud = await startUploadCloud();
  });
  afterAll(async () => {
    await cloud?.stop();
  });
  beforeEach(async () => {
    work = await tempDir(name);
    library = openLibrary(join(work.path, 'library'));
    library.settings.update(settings);
  });
  afterEach(async () => {
    cloud?.proxy.knobs.reset();
    await library?.close();
    await work?.remove();
  });
  return {
    get cloud() {
      if (!cloud) throw new Error('the local cloud is started by beforeAll');
      return cloud;
    },
    get library() {
      if (!library) throw new Error('the library is opened by beforeEach');
      return library;
    },
  };
}

export function openLibrary(root: string): TestLibrary {
  const paths = libraryPaths(root);
  mkdirSync(root, { recursive: true });
  const db = openCatalog(paths.catalog);
  const statuses: CloudStatus[] = [];
  const changed = { count: 0, added: 0 };
  const onStatus = (status: CloudStatus) => {
    statuses.push(status);
  };
  const onLibraryChanged = () => {
    changed.count += 1;
  };
  const queues: UploadQueue[] = [];
  return {
    paths,
    db,
    photos: new PhotoRepository(db),
    settings: new AppSettingsStore(new SettingsRepository(db)),
    statuses,
    changed,
    onStatus,
    onLibraryChanged,
    queues,
    async close() {
      await Promise.all(queues.map((queue) => queue.stop()));
      db.close();
    },
  };
}

/** A CloudSession for one identity over the local cloud, counting the requests it sends. */
export function sessionFor(
  cloud: UploadCloud,
  options: {
    via?: Via;
    credentials?: S3ClientConfig['credentials'];
    renewCredentials?: (s3: S3Client) => Promise<void>;
  } = {},
): {
  session: CloudSession & { s3: S3Client; rekognition: RekognitionClient };
  counts: CommandCounts;
} {
  const { client, counts } = makeClient(cloud, options.via, options.credentials);
  const renew = options.renewCredentials;
  const session = {
    bucket: BUCKET,
    s3: client,
    rekognition: new RekognitionClient({ region: 'us-east-1' }),
    identityId: async () => cloud.identityId,
    ...(renew ? { renewCredentials: () => renew(client) } : {}),
    dispose() {
      client.destroy();
      this.rekognition.destroy();
    },
  };
  return { session, counts };
}

/** A queue on the library with quick retries and waits; `deps` overrides any of it. */
export function queueFor(
  library: TestLibrary,
  session: CloudSession | null,
  deps: Partial<UploadQueueDeps> = {},
): UploadQueue {
  const queue = new UploadQueue({
    catalog: catalogOn(library.db),
    paths: library.paths,
    settings: library.settings,
    onStatus: library.onStatus,
    onLibraryChanged: library.onLibraryChanged,
    now: Date.now,
    session: () => session,
    retry: FAST_RETRY,
    offlineRetryMs: 100,
    ...deps,
  });
  library.queues.push(queue);
  return queue;
}

/** A photo of random bytes (no need to decode for uploading): original, thumbnail, catalog row. */
export async function addRawPhoto(
  library: TestLibrary,
  size: number,
  filename: string,
): Promise<{ id: number; sha256: string; bytes: Buffer; thumb: Buffer }> {
  const bytes = randomBytes(size);
  const thumb = randomBytes(2048);
  const sha256 = sha256Hex(bytes);
  for (const [file, content] of [
    [originalFile(library.paths, sha256, 'jpg'), bytes],
    [thumbFile(library.paths, sha256), thumb],
  ] as const) {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, content);
  }
  const id = library.photos.insert({
    sha256,
    format: 'jpg',
    byteSize: size,
    width: 640,
    height: 480,
    orientation: null,
    takenAt: null,
    importedAt: Date.now(),
    camera: null,
    filename,
    sourcePath: `/photos/${filename}`,
  });
  if (id === null) throw new Error(`${filename} is already in the library`);
  return { id, sha256, bytes, thumb };
}

/** The three keys of a photo in the test identity's prefix. */
export function keysOf(cloud: UploadCloud, sha256: string, format = 'jpg') {
  return {
    original: originalKey(cloud.identityId, sha256, format),
    thumb: thumbKey(cloud.identityId, sha256),
    meta: metaKey(cloud.identityId, sha256),
  };
}

/** Makes every request of the named commands wait `ms` first, so tests can act mid-upload. */
export function slowDown(client: S3Client, commands: readonly string[], ms: number): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (commands.includes(context.commandName ?? '')) {
        await new Promise((resolve) => setTimeout(resolve, ms));
      }
      return next(args);
    },
    { step: 'initialize', name: 'slowDown' },
  );
}

/** Records the key of every PutObject the client sends (retries included). */
export function recordPuts(client: S3Client): string[] {
  const keys: string[] = [];
  client.middlewareStack.add(
    (next, context) => (args) => {
      if (context.commandName === 'PutObjectCommand') {
        keys.push((args.input as { Key: string }).Key);
      }
      return next(args);
    },
    { step: 'initialize', name: 'recordPuts' },
  );
  return keys;
}

/** Resolves once `check` holds, polling; fails the test after `timeoutMs`. */
export async function until(check: () => boolean, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Parts recorded in the library's ledger right now. */
export function ledgerParts(library: TestLibrary): number {
  return (library.db.prepare('SELECT count(*) AS n FROM multipart_parts').get() as { n: number }).n;
}
