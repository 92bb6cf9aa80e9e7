// Shared set-up for the sync tests: the local cloud's S3 behind its SigV4 gateway, a CloudSession
// per identity from static credentials, "devices" (a data dir with a real catalog and the sync
// services on it), and photos put in the cloud exactly as the layout says another device would.
import { createHash, randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { RekognitionClient } from '@aws-sdk/client-rekognition';
import sharp from 'sharp';
import { openCatalog } from '../../../main/catalog/open-catalog';
import { CloudDeletions } from '../../../main/sync/cloud-deletions';
import type { CloudSession } from '../../../main/aws/cloud-session';
import { CloudSync, type SyncStatus } from '../../../main/sync/cloud-sync';
import type { ApplyRemoteLabels } from '../../../main/sync/meta-publisher';
import { OriginalCache } from '../../../main/sync/original-cache';
import type { LabelEdit, PhotoMeta } from '../../../main/model/photo-meta';
import { metaKey, originalKey, thumbKey } from '../../../main/model/photo-keys';
import type { RetryPolicy } from '../../../main/aws/retry';
import { catalogOn } from '../../../main/catalog/catalog';
import { CloudCatalog } from '../../../main/catalog/cloud-catalog';
import { libraryPaths, type LibraryPaths } from '../../../main/library/library-paths';
import { resolveMedia, type MediaFile } from '../../../main/media/media-resolver';
import { CredentialRegistry } from '../../local-cloud/credential-registry';
import { s3ClientConfig, startS3, type RunningS3 } from '../../local-cloud/s3-server';
import { sdkCredentials } from '../local-cloud/credentials';
import { closedPort } from '../../support/closed-port';
import { tempDir } from '../../support/temp-dir';

export const BUCKET = 'shoebox-sync';
/** Quick retries, so offline tests end fast; the backoff itself is unit-tested. */
export const FAST_RETRY: RetryPolicy = { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 20 };

export interface SyncCloud {
  readonly s3: RunningS3;
  readonly registry: CredentialRegistry;
  stop(): Promise<void>;
}

export async function startSyncCloud(): Promise<SyncCloud> {
  const registry = new CredentialRegistry();
  const s3 = await startS3({ bucket: BUCKET, registry });
  return { s3, registry, stop: () => s3.stop() };
}

/** A session as createCloudSession makes one, from static credentials; counts S3 commands. */
export interface TestSession extends CloudSession {
  readonly s3: S3Client;
  readonly identity: string;
  readonly counts: Map<string, number>;
}

export function newIdentity(): string {
  return `us-east-1:${randomUUID()}`;
}

/** A session for `identity` against the gateway, or against a closed port (`offline`). */
export async function testSession(
  cloud: SyncCloud,
  identity: string,
  options: { offline?: boolean } = {},
): Promise<TestSession> {
  const credentials = cloud.registry.issue(identity, 3600);
  const endpoint = options.offline ? `http://127.0.0.1:${await closedPort()}` : cloud.s3.endpoint;
  const s3 = new S3Client({
    ...s3ClientConfig(endpoint),
    credentials: sdkCredentials(credentials),
    maxAttempts: 1,
  });
  const counts = new Map<string, number>();
  s3.middlewareStack.add(
    (next, context) => (args) => {
      const name = context.commandName ?? '?';
      counts.set(name, (counts.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'countCommands' },
  );
  const rekognition = new RekognitionClient({ region: 'us-east-1', endpoint });
  return {
    identity,
    counts,
    bucket: BUCKET,
    s3,
    rekognition,
    identityId: async () => identity,
    dispose() {
      s3.destroy();
      rekognition.destroy();
    },
  };
}

export interface LabelCall {
  readonly photoId: number;
  readonly labels: PhotoMeta['labels'];
  readonly edits: LabelEdit[];
}

/**
 * The labels port as a recording fake. It also writes what it is given to the tables the
 * metadata document is read from, as the real port does, so devices converge.
 */
export function recordingLabels(db: DatabaseSync): {
  apply: ApplyRemoteLabels;
  calls: LabelCall[];
} {
  const calls: LabelCall[] = [];
  const apply: ApplyRemoteLabels = (photoId, labels, edits) => {
    calls.push({ photoId, labels, edits });
    if (labels) {
      db.prepare(
        `INSERT OR REPLACE INTO label_results (photo_id, raw, model_version, labelled_at)
         VALUES (?, ?, ?, ?)`,
      ).run(photoId, JSON.stringify(labels.raw), labels.modelVersion, labels.labelledAt);
    }
    for (const edit of edits) {
      db.prepare(
        'INSERT OR REPLACE INTO label_edits (photo_id, name, action, at) VALUES (?, ?, ?, ?)',
      ).run(photoId, edit.name, edit.action, edit.at);
    }
  };
  return { apply, calls };
}

export interface Device {
  readonly paths: LibraryPaths;
  readonly db: DatabaseSync;
  readonly catalog: CloudCatalog;
  readonly sync: CloudSync;
  readonly deletions: CloudDeletions;
  readonly originals: OriginalCache;
  readonly labelCalls: LabelCall[];
  /** Swaps the session this device uses: null signs out, an offline one cuts the network. */
  setSession(session: CloudSession | null): void;
  resolve(mediaPath: string): Promise<MediaFile | null>;
  close(): Promise<void>;
}

export interface DeviceOptions {
  readonly pageSize?: number;
  readonly budgetBytes?: number;
  readonly now?: () => number;
  readonly onStatus?: (status: SyncStatus) => void;
  readonly onLibraryChanged?: (added: number) => void;
}

/** A data dir with a real catalog and the sync services wired as main wires them. */
export async function openDevice(
  session: CloudSession | null,
  options: DeviceOptions = {},
): Promise<Device> {
  const dir = await tempDir('sync-device');
  const paths = libraryPaths(dir.path);
  const db = openCatalog(paths.catalog);
  const labels = recordingLabels(db);
  const catalog = new CloudCatalog(db);
  const holder = { session };
  const currentSession = () => holder.session;
  const deletions = new CloudDeletions({
    catalog: catalogOn(db),
    session: currentSession,
    retry: FAST_RETRY,
  });
  const sync = new CloudSync({
    catalog: catalogOn(db),
    paths,
    session: currentSession,
    applyRemoteLabels: labels.apply,
    deletions,
    retry: FAST_RETRY,
    pageSize: options.pageSize,
    now: options.now,
    onStatus: options.onStatus,
    onLibraryChanged: options.onLibraryChanged,
  });
  const originals = new OriginalCache({
    paths,
    session: currentSession,
    budgetBytes: () => options.budgetBytes ?? 1024 * 1024 * 1024,
    retry: FAST_RETRY,
  });
  return {
    paths,
    db,
    catalog,
    sync,
    deletions,
    originals,
    labelCalls: labels.calls,
    setSession: (next) => (holder.session = next),
    resolve: (mediaPath) =>
      resolveMedia(
        { paths, findPhoto: (sha) => catalog.findBySha(sha), cloudOriginals: originals },
        mediaPath,
      ),
    async close() {
      await sync.stop();
      db.close();
      await dir.remove();
    },
  };
}

/** A real photo: JPEG original and its 256 px WebP thumbnail. */
export async function makeImage(
  hue: number,
): Promise<{ original: Buffer; thumb: Buffer; sha256: string }> {
  const original = await sharp({
    create: { width: 320, height: 240, channels: 3, background: { r: hue % 256, g: 90, b: 160 } },
  })
    .jpeg({ quality: 80 })
    .toBuffer();
  const thumb = await sharp(original).resize(256).webp().toBuffer();
  return { original, thumb, sha256: createHash('sha256').update(original).digest('hex') };
}

export function metaDoc(
  sha256: string,
  original: Buffer,
  fields: Partial<PhotoMeta> = {},
): PhotoMeta {
  return {
    version: 1,
    sha256,
    format: 'jpg',
    byteSize: original.length,
    width: 320,
    height: 240,
    orientation: null,
    takenAt: 1_600_000_000_000,
    importedAt: 1_700_000_000_000,
    camera: null,
    filename: `${sha256.slice(0, 8)}.jpg`,
    description: { text: '', updatedAt: 0 },
    labels: null,
    labelEdits: [],
    trash: { trashedAt: null, updatedAt: 0 },
    favorite: { value: false, updatedAt: 0 },
    albums: [],
    updatedAt: 1_700_000_000_000,
    ...fields,
  };
}

export interface CloudPhoto {
  readonly sha256: string;
  readonly original: Buffer;
  readonly thumb: Buffer;
  readonly doc: PhotoMeta;
}

/** Makes every `commandName` sent through the session fail as S3 answers a refused request. */
export function refuse(session: TestSession, commandName: string): void {
  session.s3.middlewareStack.add(
    (next, context) => (args) => {
      if (context.commandName !== commandName) return next(args);
      const refused = Object.assign(new Error('Access Denied'), {
        name: 'AccessDenied',
        $metadata: { httpStatusCode: 403 },
      });
      return Promise.reject(refused);
    },
    { step: 'initialize', name: `refuse${commandName}` },
  );
}

/** Puts a photo in the cloud as another device's upload queue does: original, thumb, meta last. */
export async function putCloudPhoto(
  session: TestSession,
  hue: number,
  fields: Partial<PhotoMeta> = {},
): Promise<CloudPhoto> {
  const { original, thumb, sha256 } = await makeImage(hue);
  const doc = metaDoc(sha256, original, fields);
  const id = session.identity;
  await putObject(session, originalKey(id, sha256, 'jpg'), original, 'image/jpeg');
  await putObject(session, thumbKey(id, sha256), thumb, 'image/webp');
  await putObject(
    session,
    metaKey(id, sha256),
    Buffer.from(JSON.stringify(doc)),
    'application/json',
  );
  return { sha256, original, thumb, doc };
}

export async function putObject(
  session: CloudSession,
  key: string,
  body: Buffer,
  contentType: string,
): Promise<void> {
  await session.s3.send(
    new PutObjectCommand({
      Bucket: session.bucket,
      Key: key,
      Body: body,
      ContentType: contentType,
    }),
  );
}

/** Rows of the photos table, by SHA-256, with the columns sync touches. */
export function photoRow(db: DatabaseSync, sha256: string) {
  return db
    .prepare(
      `SELECT id, description, description_updated_at, in_cloud, original_local,
         meta_changed_at, meta_synced_at FROM photos WHERE sha256 = ?`,
    )
    .get(sha256) as
    | {
        id: number;
        description: string;
        description_updated_at: number;
        in_cloud: number;
        original_local: number;
        meta_changed_at: number;
        meta_synced_at: number;
      }
    | undefined;
}

export function photoCount(db: DatabaseSync): number {
  return (db.prepare('SELECT count(*) AS n FROM photos').get() as { n: number }).n;
}

/** Whether the bucket has `key`, asked as `session`. */
export async function objectExists(key: string, session: CloudSession): Promise<boolean> {
  try {
    await session.s3.send(new HeadObjectCommand({ Bucket: session.bucket, Key: key }));
    return true;
  } catch {
    return false;
  }
}
