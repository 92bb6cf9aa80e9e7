import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import sharp from 'sharp';
import { LabelRepository } from '../main/catalog/label-repository';
import { openCatalog } from '../main/catalog/open-catalog';
import { PhotoRepository } from '../main/catalog/photo-repository';
import { libraryPaths, thumbFile } from '../main/library/library-paths';

const words = [
  'beach',
  'harbour',
  'dunes',
  'market',
  'sunset',
  'forest',
  'garden',
  'river',
  'party',
  'snow',
];

// Label names with a parent each, as DetectLabels answers them: 48 names over 8 parents.
const labelParents = [
  'Animal',
  'Nature',
  'Food',
  'Vehicle',
  'Person',
  'Building',
  'Plant',
  'Sport',
];
const labelNames = labelParents.flatMap((parent) =>
  ['A', 'B', 'C', 'D', 'E', 'F'].map((letter) => ({ name: `${parent} ${letter}`, parent })),
);

/** A DetectLabels-shaped answer with six labels (and their parents) for photo `n`. */
function seededAnswer(n: number): unknown {
  const labels = Array.from({ length: 6 }, (_, i) => i).flatMap(
    (i) => labelNames[(n * 7 + i * 13) % labelNames.length] ?? [],
  );
  return {
    LabelModelVersion: '3.0',
    Labels: labels.flatMap(({ name, parent }, i) => [
      { Name: name, Confidence: 50 + ((n * 31 + i * 17) % 50), Parents: [{ Name: parent }] },
      { Name: parent, Confidence: 99, Parents: [] },
    ]),
  };
}

/**
 * Fills a library's catalog through the real repositories, as if `count` photos had been
 * imported (and, with `withLabels`, labelled by Rekognition), optionally with a real WebP
 * thumbnail file for each.
 */
export async function seedLibrary(
  dataDir: string,
  count: number,
  withThumbs: boolean,
  withLabels = false,
): Promise<void> {
  const paths = libraryPaths(dataDir);
  await mkdir(dataDir, { recursive: true });
  const db = openCatalog(paths.catalog);
  const photos = new PhotoRepository(db);
  const labels = new LabelRepository(db);
  const thumbs = withThumbs ? await sampleThumbs(24) : [];
  const start = Date.UTC(2015, 0, 1);
  db.exec('BEGIN');
  for (let n = 0; n < count; n++) {
    const sha256 = createHash('sha256').update(`seed-${n}`).digest('hex');
    const id = photos.insert({
      sha256,
      format: 'jpg',
      byteSize: 3_000_000 + n,
      width: 4000,
      height: 3000,
      orientation: 1,
      takenAt: start + n * 3_600_000,
      importedAt: Date.now(),
      camera: n % 3 === 0 ? 'Canon EOS R5' : 'Fujifilm X100V',
      filename: `${words[n % words.length]}-${words[(n * 7) % words.length]}-${n}.jpg`,
      sourcePath: `/seed/${n}.jpg`,
    });
    if (withLabels && id !== null) {
      labels.storeResult(id, { raw: seededAnswer(n), modelVersion: '3.0', labelledAt: Date.now() });
    }
    if (withThumbs) {
      const file = thumbFile(paths, sha256);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, thumbs[n % thumbs.length] ?? Buffer.alloc(0));
    }
  }
  db.exec('COMMIT');
  db.close();
}

/**
 * Labels the photos of a library seeded by `seedLibrary` without labels as `withLabels` would
 * have (photo `n` has id n + 1), for a measure that needs labels on a library another one uses.
 */
export function labelLibrary(dataDir: string): void {
  const db = openCatalog(libraryPaths(dataDir).catalog);
  const labels = new LabelRepository(db);
  const unlabelled = db
    .prepare('SELECT id FROM photos WHERE id NOT IN (SELECT photo_id FROM label_results)')
    .all()
    .map((row) => Number(row['id']));
  db.exec('BEGIN');
  for (const id of unlabelled) {
    labels.storeResult(id, {
      raw: seededAnswer(id - 1),
      modelVersion: '3.0',
      labelledAt: Date.now(),
    });
  }
  db.exec('COMMIT');
  db.close();
}

async function sampleThumbs(count: number): Promise<Buffer[]> {
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      sharp({
        create: {
          width: 256,
          height: 192,
          channels: 3,
          background: { r: (i * 47) % 255, g: 120, b: (i * 91) % 255 },
        },
      })
        .webp({ quality: 78 })
        .toBuffer(),
    ),
  );
}
