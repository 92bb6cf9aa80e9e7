import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { RekognitionClient } from '@aws-sdk/client-rekognition';
import { S3Client } from '@aws-sdk/client-s3';
import type { DatabaseSync } from 'node:sqlite';
import { openCatalog } from '../main/catalog/open-catalog';
import { PhotoRepository } from '../main/catalog/photo-repository';
import { SettingsRepository } from '../main/catalog/settings-repository';
import { Importer } from '../main/import/importer';
import { LabelQueue } from '../main/labels/label-queue';
import { libraryPaths, originalFile } from '../main/library/library-paths';
import { AppSettingsStore } from '../main/settings/app-settings-store';
import { CredentialRegistry } from '../test/local-cloud/credential-registry';
import { startRekognition } from '../test/local-cloud/rekognition-stand-in';
import { makePhoto } from '../test/support/make-photos';
import { round, type Figure } from './figures';
import { catalogOn } from '../main/catalog/catalog';

const photoCount = 24;

/**
 * What labelling costs, against the local Rekognition stand-in: bytes sent per photo as a share
 * of the original's size (the derivative), and DetectLabels calls per photo when the same photos
 * are imported again (labels are kept by content, so the goal is none).
 */
export async function measureLabels(work: string): Promise<Figure[]> {
  const source = join(work, 'label-source');
  await Promise.all(
    Array.from({ length: photoCount }, (_, i) =>
      makePhoto(source, { name: `p${i}.jpg`, width: 4000, height: 3000, noise: true, hue: i * 15 }),
    ),
  );
  const registry = new CredentialRegistry();
  const rekognition = await startRekognition({ registry, region: 'eu-west-1' });
  const issued = registry.issue('eu-west-1:00000000-0000-4000-8000-0000000000be', 3600);
  const client = new RekognitionClient({
    endpoint: rekognition.endpoint,
    region: 'eu-west-1',
    credentials: issued,
    maxAttempts: 1,
  });
  // Counts the image bytes of every DetectLabels request as it is sent.
  let sentBytes = 0;
  client.middlewareStack.add(
    (next) => (args) => {
      const input = args.input as { Image?: { Bytes?: Uint8Array } };
      sentBytes += input.Image?.Bytes?.length ?? 0;
      return next(args);
    },
    { step: 'initialize', name: 'countImageBytes' },
  );
  const paths = libraryPaths(join(work, 'label-library'));
  await mkdir(paths.root, { recursive: true });
  const db = openCatalog(paths.catalog);
  try {
    const photos = new PhotoRepository(db);
    const unusedS3 = new S3Client({ region: 'us-east-1' });
    const importer = new Importer({ paths, photos, emit: () => undefined, now: Date.now });
    const queue = new LabelQueue({
      catalog: catalogOn(db),
      paths,
      settings: new AppSettingsStore(new SettingsRepository(db)),
      emit: () => undefined,
      now: Date.now,
      // Labelling in the app: the session's S3 side (for labelling in the cloud) is never used.
      session: () => ({
        rekognition: client,
        s3: unusedS3,
        bucket: 'unused',
        identityId: async () => 'unused',
      }),
    });
    const importAndLabel = async () => {
      importer.start([source]);
      await importer.whenIdle();
      queue.enqueueUnlabelled();
      queue.kick();
      await queue.whenIdle();
    };
    await importAndLabel();
    const first = queue.stats();
    const originalBytes = await totalOriginalBytes(db, paths);
    await importAndLabel(); // the same photos again
    const again = queue.stats().calls - first.calls;
    await queue.stop();
    if (first.labelled !== photoCount) {
      throw new Error(`bench labelled ${first.labelled} of ${photoCount} photos`);
    }
    return [
      {
        name: 'labels.bytes-ratio',
        value: round(sentBytes / originalBytes, 3),
        unit: 'ratio',
        what: 'Bytes sent to Rekognition per photo vs the original (12-MP JPEGs)',
      },
      {
        name: 'labels.calls-on-reimport',
        value: round(again / photoCount, 2),
        unit: 'calls/photo',
        what: 'DetectLabels calls per photo when the same photos are imported again',
        goal: '0',
      },
    ];
  } finally {
    db.close();
    client.destroy();
    await rekognition.stop();
  }
}

async function totalOriginalBytes(
  db: DatabaseSync,
  paths: ReturnType<typeof libraryPaths>,
): Promise<number> {
  const rows = db.prepare('SELECT sha256, format FROM photos').all() as {
    sha256: string;
    format: string;
  }[];
  const sizes = await Promise.all(
    rows.map(async (row) => (await stat(originalFile(paths, row.sha256, row.format))).size),
  );
  return sizes.reduce((sum, size) => sum + size, 0);
}
