import { monitorEventLoopDelay } from 'node:perf_hooks';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import pLimit from 'p-limit';
import sharp from 'sharp';
import { BufferPool } from '../main/library/buffer-pool';
import { readPhotoFile } from '../main/import/read-photo-file';
import { writeContentAddressed } from '../main/library/store-photo-files';
import { createServices, type Services } from '../main/services';
import { makePhoto } from '../test/support/make-photos';
import { round, type Figure } from './figures';
import { measureImportMemory } from './measure-import-memory';

const photoCount = 40;

/**
 * Import throughput against a bare sharp loop over the same files in the same run: the loop
 * decodes, orients, resizes and encodes exactly as the importer does, at the same parallelism
 * (2), and nothing else. The ratio is what hashing, sniffing, EXIF, copying and the catalog cost.
 * The ceiling is the same loop doing only what an import cannot skip besides: reading each file
 * once, SHA-256 (the photo's identity), and the thumbnail and original written and flushed as
 * docs/reliability.md requires ("Files before rows"). CPU time per photo (process.cpuUsage:
 * every thread) says how much is spent outside decoding; a machine shared with other work skews
 * it far less than wall-clock rates. Then the browser host's memory after importing 5,000 photos
 * (measure-import-memory.ts).
 */
export async function measureImport(work: string): Promise<Figure[]> {
  const source = join(work, 'import-source');
  await Promise.all(
    Array.from({ length: photoCount }, (_, i) =>
      makePhoto(source, { name: `p${i}.jpg`, width: 4000, height: 3000, noise: true, hue: i * 9 }),
    ),
  );
  const files = (await readdir(source)).map((name) => join(source, name));

  await timed(() => bareLoop(files)); // warm-up: page cache and libvips
  const loops: Run[] = [];
  const floors: Run[] = [];
  const imports: Run[] = [];
  const loopDelays: number[] = [];
  for (let round = 0; round < 2; round++) {
    loops.push(await timed(() => bareLoop(files)));
    floors.push(await timed(() => floorLoop(files, join(work, `import-floor-${round}`))));
    const { run, eventLoopP99 } = await importOnce(join(work, `import-library-${round}`), source);
    imports.push(run);
    loopDelays.push(eventLoopP99);
  }
  const loop = best(loops);
  const floor = best(floors);
  const imported = best(imports);
  // peer / (peer + what cannot be avoided), in CPU per photo: less skewed by a shared machine.
  const ceiling = round(loop.cpuPerPhoto / floor.cpuPerPhoto);
  const memory = await measureImportMemory(work);
  const loopCpu = {
    name: 'sharp.resize-loop CPU',
    value: round(loop.cpuPerPhoto, 1),
    unit: 'ms/photo',
  };
  return [
    {
      name: 'import.throughput-ratio',
      value: round(imported.rate / loop.rate),
      unit: 'ratio',
      what: `Import of ${photoCount} 12-MP JPEGs vs a bare sharp resize loop`,
      meaning: `ceiling ${ceiling} (import.ceiling-ratio)`,
      goal: '≥ 0.85',
      baseline: { name: 'sharp.resize-loop', value: round(loop.rate), unit: 'photos/s' },
    },
    {
      name: 'import.cpu-ratio',
      value: round(loop.cpuPerPhoto / imported.cpuPerPhoto),
      unit: 'ratio',
      what: 'The same in CPU time per photo (all threads), which a shared machine skews less',
      meaning: 'bare loop ÷ import',
      baseline: loopCpu,
    },
    {
      name: 'import.ceiling-ratio',
      value: ceiling,
      unit: 'ratio',
      what: 'Ceiling: the bare loop plus only reading once, SHA-256 and writing thumbnail and original durably',
      meaning: 'bare loop ÷ that, in CPU per photo',
      baseline: loopCpu,
    },
    {
      name: 'import.cpu-outside-decoding',
      value: round(imported.cpuPerPhoto - loop.cpuPerPhoto, 1),
      unit: 'ms/photo',
      what: 'CPU per photo the import spends besides what the bare loop spends',
      baseline: {
        name: 'unavoidable (ceiling loop)',
        value: round(floor.cpuPerPhoto - loop.cpuPerPhoto, 1),
        unit: 'ms/photo',
      },
    },
    {
      name: 'import.throughput',
      value: round(imported.rate),
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

interface Run {
  readonly rate: number;
  readonly cpuPerPhoto: number;
}

/** Photos per second (wall clock) and CPU milliseconds per photo (all threads) of one run. */
async function timed(run: () => Promise<unknown>): Promise<Run> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await run();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { rate: photoCount / seconds, cpuPerPhoto: (cpu.user + cpu.system) / 1000 / photoCount };
}

/** The fastest run's rate, and the least CPU per photo any run needed. */
function best(runs: readonly Run[]): Run {
  return {
    rate: Math.max(...runs.map((r) => r.rate)),
    cpuPerPhoto: Math.min(...runs.map((r) => r.cpuPerPhoto)),
  };
}

const thumbnail = (image: ReturnType<typeof sharp>) =>
  image
    .rotate()
    .resize(256, 256, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 78 })
    .toBuffer();

async function bareLoop(files: readonly string[]): Promise<void> {
  const limit = pLimit(2);
  await Promise.all(files.map((file) => limit(() => thumbnail(sharp(file)))));
}

/**
 * The bare loop plus what no import can skip, done with the importer's own helpers: one read
 * into a reused buffer with SHA-256, and the thumbnail and original written durably.
 */
async function floorLoop(files: readonly string[], folder: string): Promise<void> {
  const limit = pLimit(2);
  const buffers = new BufferPool(2, 64 * 1024 * 1024);
  await Promise.all(
    files.map((path) =>
      limit(async () => {
        const file = await readPhotoFile(path, buffers);
        try {
          const thumb = await thumbnail(sharp(file.bytes));
          const shard = join(folder, file.sha256.slice(0, 2));
          await writeContentAddressed(join(shard, `${file.sha256}.webp`), thumb);
          await writeContentAddressed(join(shard, `${file.sha256}.jpg`), file.bytes);
        } finally {
          file.release();
        }
      }),
    ),
  );
}

/**
 * One import of the source folder into a new library, timed from start to idle once the library
 * has opened: the start's own work (the catalog's check, the reconcile, the first backup after
 * its full check, on worker threads) is not the import's. It cost an import started at once
 * 1-3 ms of CPU a photo (45-133 ms in all) and two cores' time beside the decoders; the hosts
 * run it in the seconds after the library opens.
 */
async function importOnce(
  dataDir: string,
  source: string,
): Promise<{ run: Run; eventLoopP99: number }> {
  const services = createServices(
    { dataDir, version: 'bench', host: 'web' },
    { emit: () => undefined },
  );
  await startSettled(services);
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const run = await timed(async () => {
    services.importer.start([source]);
    await services.importer.whenIdle();
  });
  histogram.disable();
  const count = services.photos.count();
  await services.close();
  if (count !== photoCount) throw new Error(`bench import stored ${count} of ${photoCount} photos`);
  return { run, eventLoopP99: histogram.percentile(99) / 1e6 };
}

/** Resolves once the start's check, reconcile and first backup are done. */
async function startSettled(services: Services): Promise<void> {
  // The reconcile waits on an unref'd timer: keep the process alive meanwhile.
  const keepAlive = setInterval(() => undefined, 1000);
  try {
    await services.catalogChecked;
    await services.checkCatalog(); // after the start's backup, never beside it
    await services.reconciled;
  } finally {
    clearInterval(keepAlive);
  }
}
