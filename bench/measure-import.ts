import { monitorEventLoopDelay } from 'node:perf_hooks';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import pLimit from 'p-limit';
import sharp from 'sharp';
import { createServices } from '../main/services';
import { makePhoto } from '../test/support/make-photos';
import { round, type Figure } from './figures';
import { measureImportMemory } from './measure-import-memory';

const photoCount = 40;

/**
 * Import throughput against a bare sharp loop over the same files in the same run: the loop
 * decodes, orients, resizes and encodes exactly as the importer does, at the same parallelism
 * (2), and nothing else. The ratio is what hashing, sniffing, EXIF, copying and the catalog cost.
 * Then the browser host's memory after importing 5,000 photos (measure-import-memory.ts).
 */
export async function measureImport(work: string): Promise<Figure[]> {
  const source = join(work, 'import-source');
  await Promise.all(
    Array.from({ length: photoCount }, (_, i) =>
      makePhoto(source, { name: `p${i}.jpg`, width: 4000, height: 3000, noise: true, hue: i * 9 }),
    ),
  );
  const files = (await readdir(source)).map((name) => join(source, name));

  await bareLoop(files); // warm-up: page cache and libvips
  const loopRates: number[] = [];
  const importRates: number[] = [];
  const loopDelays: number[] = [];
  for (let round = 0; round < 2; round++) {
    loopRates.push(await bareLoop(files));
    const { rate, eventLoopP99 } = await importOnce(join(work, `import-library-${round}`), source);
    importRates.push(rate);
    loopDelays.push(eventLoopP99);
  }
  const loop = Math.max(...loopRates);
  const imported = Math.max(...importRates);
  const memory = await measureImportMemory(work);
  return [
    {
      name: 'import.throughput-ratio',
      value: round(imported / loop),
      unit: 'ratio',
      what: `Import of ${photoCount} 12-MP JPEGs vs a bare sharp resize loop`,
      goal: '≥ 0.85',
      baseline: { name: 'sharp.resize-loop', value: round(loop), unit: 'photos/s' },
    },
    {
      name: 'import.throughput',
      value: round(imported),
      unit: 'photos/s',
      what: 'Import throughput (12-MP JPEGs)',
    },
    {
      name: 'import.event-loop-delay-p99',
      value: round(Math.max(...loopDelays)),
      unit: 'ms',
      what: "Main's event-loop delay p99 during an import",
    },
    memory,
  ];
}

async function bareLoop(files: readonly string[]): Promise<number> {
  const limit = pLimit(2);
  const started = performance.now();
  await Promise.all(
    files.map((file) =>
      limit(() =>
        sharp(file)
          .rotate()
          .resize(256, 256, { fit: 'inside', withoutEnlargement: true })
          .webp({ quality: 78 })
          .toBuffer(),
      ),
    ),
  );
  return files.length / ((performance.now() - started) / 1000);
}

async function importOnce(
  dataDir: string,
  source: string,
): Promise<{ rate: number; eventLoopP99: number }> {
  const services = createServices(
    { dataDir, version: 'bench', host: 'web' },
    { emit: () => undefined },
  );
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const started = performance.now();
  services.importer.start([source]);
  await services.importer.whenIdle();
  const seconds = (performance.now() - started) / 1000;
  histogram.disable();
  const count = services.photos.count();
  await services.close();
  if (count !== photoCount) throw new Error(`bench import stored ${count} of ${photoCount} photos`);
  return { rate: count / seconds, eventLoopP99: histogram.percentile(99) / 1e6 };
}
