import { fork, spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { RekognitionClient } from '@aws-sdk/client-rekognition';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import pLimit from 'p-limit';
import { s3SendingOptions, type CloudSession } from '../main/aws/cloud-session';
import { originalFile } from '../main/library/library-paths';
import { s3ClientConfig } from '../test/local-cloud/s3-server';
import {
  addRawPhoto,
  openLibrary,
  queueFor,
  type TestLibrary,
} from '../test/integration/cloud/upload-queue-fixture';
import { percentile, round, type Figure } from './figures';
import { endedChildrenCpuMs, processTreeCpuMs } from './process-cpu';

const MiB = 1024 * 1024;
const BUCKET = 'shoebox-uploads';
/** Rounds per workload; each round runs every uploader once, in turn, on fresh files. */
const rounds = Number(process.env.BENCH_UPLOAD_ROUNDS ?? 3);

/** The local S3 in its own process, with one identity's temporary credentials. */
interface BenchCloud {
  readonly endpoint: string;
  /** The S3 process (the gateway; s3rver runs under it), for its CPU time. */
  readonly pid: number;
  readonly identityId: string;
  readonly credentials: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken: string;
    readonly expiration: Date;
  };
  stop(): Promise<void>;
}

interface Workload {
  readonly count: number;
  readonly size: number;
}

/** Milliseconds per uploader for one workload, one entry per round. */
interface Timings {
  readonly shoebox: number[];
  readonly rclone: number[];
  readonly sdk: number[];
  /** Shoebox's own CPU time (this process: hashing, signing, catalog), per round. */
  readonly shoeboxCpu: number[];
  /** rclone's CPU time (its own process), per round. */
  readonly rcloneCpu: number[];
  /** The S3's CPU time (gateway and s3rver) while Shoebox, then rclone, ran, per round. */
  readonly serverCpu: { readonly shoebox: number[]; readonly rclone: number[] };
}

/**
 * Upload throughput to the local cloud's S3 (s3rver behind the SigV4-checking gateway, in a
 * process of its own) for 64 × 4 MB photos and for one 256 MB file, three uploaders in the same
 * run with the same temporary credentials: Shoebox's upload queue as the app runs it (catalog
 * jobs, part ledger, dedupe, integrity checks, thumbnail and metadata document beside each
 * original), rclone (Debian's package, default settings: 4 transfers, multipart above 200 MiB)
 * and four plain SDK PutObject streams. Rounds alternate the uploaders on fresh files; the median
 * round counts.
 */
export async function measureUpload(work: string): Promise<Figure[]> {
  await ensureRclone();
  const cloud = await startBenchCloud();
  try {
    const photos = await measureWorkload(cloud, join(work, 'upload-photos'), {
      count: 64,
      size: 4 * MiB,
    });
    const big = await measureWorkload(cloud, join(work, 'upload-big'), {
      count: 1,
      size: 256 * MiB,
    });
    return [
      ...figuresFor('photos', '64 × 4 MB photos', photos, 64 * 4 * MiB),
      ...figuresFor('big-file', 'one 256 MB file', big, 256 * MiB),
    ];
  } finally {
    await cloud.stop();
  }
}

function figuresFor(name: string, what: string, t: Timings, bytes: number): Figure[] {
  const mbps = (ms: number) => round(bytes / MiB / (ms / 1000), 1);
  const shoebox = percentile(t.shoebox, 50);
  const rclone = percentile(t.rclone, 50);
  const sdk = percentile(t.sdk, 50);
  const spread = (values: number[]) =>
    `${mbps(Math.max(...values))}–${mbps(Math.min(...values))} MiB/s over ${values.length} rounds`;
  const seconds = (values: number[]) =>
    `${round(Math.min(...values) / 1000, 1)}–${round(Math.max(...values) / 1000, 1)} s`;
  return [
    {
      name: `upload.${name}-vs-rclone`,
      value: round(rclone / shoebox, 2),
      unit: '×',
      what: `Upload of ${what} to the local S3 (with thumbnails, metadata documents and checks), Shoebox ${mbps(shoebox)} MiB/s (${spread(t.shoebox)}); rclone ${spread(t.rclone)}`,
      meaning: 'Shoebox throughput ÷ rclone throughput; above 1 is faster than rclone',
      goal: '≥ 1.0',
      baseline: { name: 'rclone', value: mbps(rclone), unit: 'MiB/s' },
    },
    {
      name: `upload.${name}-vs-sdk`,
      value: round(sdk / shoebox, 2),
      unit: '×',
      what: `Upload of ${what}, Shoebox vs four plain SDK PutObject streams of the originals alone`,
      meaning: 'Shoebox throughput ÷ raw PutObject throughput (what the SDK and server allow)',
      baseline: { name: 'sdk-4-streams', value: mbps(sdk), unit: 'MiB/s' },
    },
    {
      name: `upload.${name}-server-cpu`,
      value: round(percentile(t.serverCpu.shoebox, 50) / 1000, 1),
      unit: 's',
      what: `CPU time of the local S3 (gateway and s3rver) while Shoebox uploaded ${what}, ${seconds(t.serverCpu.shoebox)}; while rclone did, ${seconds(t.serverCpu.rclone)} (steady under load)`,
      baseline: {
        name: 'rclone',
        value: round(percentile(t.serverCpu.rclone, 50) / 1000, 1),
        unit: 's',
      },
    },
    {
      name: `upload.${name}-cpu`,
      value: round(percentile(t.shoeboxCpu, 50) / (bytes / MiB), 2),
      unit: 'ms CPU/MiB',
      what: `Shoebox's own CPU time per MiB sent, ${what} (steady under load)`,
      baseline: {
        name: 'rclone',
        value: round(percentile(t.rcloneCpu, 50) / (bytes / MiB), 2),
        unit: 'ms CPU/MiB',
      },
    },
  ];
}

async function measureWorkload(cloud: BenchCloud, root: string, load: Workload): Promise<Timings> {
  const timings: Timings = {
    shoebox: [],
    rclone: [],
    sdk: [],
    shoeboxCpu: [],
    rcloneCpu: [],
    serverCpu: { shoebox: [], rclone: [] },
  };
  const serverCpuOf = async (run: () => Promise<number>, into: number[]) => {
    const before = processTreeCpuMs(cloud.pid);
    const ms = await run();
    into.push(processTreeCpuMs(cloud.pid) - before);
    return ms;
  };
  for (let round = 0; round < rounds; round++) {
    const library = openLibrary(join(root, `round-${round}`));
    const session = sessionFor(cloud);
    try {
      const added: string[] = [];
      for (let i = 0; i < load.count; i++) {
        added.push((await addRawPhoto(library, load.size, `p${i}.jpg`)).sha256);
      }
      const files = added.map((sha256) => originalFile(library.paths, sha256, 'jpg'));
      // Rotated so no uploader always goes first (or last) on a warming machine.
      const runs: (() => Promise<void>)[] = [
        async () => {
          const cpu = process.cpuUsage();
          timings.shoebox.push(
            await serverCpuOf(
              () => timed(() => uploadWithQueue(library, session, load.count)),
              timings.serverCpu.shoebox,
            ),
          );
          const used = process.cpuUsage(cpu);
          timings.shoeboxCpu.push((used.user + used.system) / 1000);
        },
        async () => {
          const cpu = endedChildrenCpuMs();
          timings.rclone.push(
            await serverCpuOf(
              () => timed(() => rcloneCopy(cloud, library.paths.originals, `rclone-${round}`)),
              timings.serverCpu.rclone,
            ),
          );
          timings.rcloneCpu.push(endedChildrenCpuMs() - cpu);
        },
        async () => {
          timings.sdk.push(await timed(() => putStreams(session.s3, files, `sdk-${round}`)));
        },
      ];
      for (let i = 0; i < runs.length; i++) await runs[(i + round) % runs.length]?.();
    } finally {
      await library.close();
      session.dispose();
    }
  }
  return timings;
}

async function uploadWithQueue(library: TestLibrary, session: CloudSession, count: number) {
  const queue = queueFor(library, session);
  queue.enqueueAllLocal();
  await queue.whenIdle();
  const status = queue.status();
  if (status.uploaded !== count) {
    throw new Error(`bench uploaded ${status.uploaded} of ${count} (${status.message ?? ''})`);
  }
}

/** The SDK peer: four PutObject streams at a time, each original streamed from disk. */
async function putStreams(client: S3Client, files: readonly string[], prefix: string) {
  const limit = pLimit(4);
  await Promise.all(
    files.map((file, i) =>
      limit(async () => {
        const { size } = await stat(file);
        await client.send(
          new PutObjectCommand({
            Bucket: BUCKET,
            Key: `${prefix}/${i}`,
            Body: createReadStream(file),
            ContentLength: size,
          }),
        );
      }),
    ),
  );
}

/** rclone with its default settings, configured only through its environment. */
async function rcloneCopy(cloud: BenchCloud, from: string, prefix: string): Promise<void> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    RCLONE_CONFIG_BENCH_TYPE: 's3',
    RCLONE_CONFIG_BENCH_PROVIDER: 'Other',
    RCLONE_CONFIG_BENCH_ENDPOINT: cloud.endpoint,
    RCLONE_CONFIG_BENCH_REGION: 'us-east-1',
    RCLONE_CONFIG_BENCH_ACCESS_KEY_ID: cloud.credentials.accessKeyId,
    RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY: cloud.credentials.secretAccessKey,
    RCLONE_CONFIG_BENCH_SESSION_TOKEN: cloud.credentials.sessionToken,
    RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE: 'true',
  };
  // rclone refuses to start with AWS_CA_BUNDLE set (LoadCustomCABundleError).
  delete env.AWS_CA_BUNDLE;
  await run('rclone', ['copy', '--s3-no-check-bucket', from, `bench:${BUCKET}/${prefix}`], env);
}

async function ensureRclone(): Promise<void> {
  const found = await run('rclone', ['version'], process.env).then(
    () => true,
    () => false,
  );
  if (found) return;
  console.log('  installing rclone (apt-get)…');
  await run('apt-get', ['install', '-y', 'rclone'], {
    ...process.env,
    DEBIAN_FRONTEND: 'noninteractive',
  });
}

/** Runs a program to its end (async, so nothing in this process waits on it). */
function run(program: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${program} exited with ${code}: ${stderr}`)),
    );
  });
}

async function startBenchCloud(): Promise<BenchCloud> {
  const child = fork(join(import.meta.dirname, 'upload-cloud-child.ts'), [BUCKET], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error("the bench's S3 did not start");
  const answer = await new Promise<{
    endpoint: string;
    identityId: string;
    credentials: BenchCloud['credentials'] & { expiration: string };
  }>((resolve, reject) => {
    child.once('message', resolve as (message: unknown) => void);
    child.once('exit', (code) => reject(new Error(`the bench's S3 exited with ${code}`)));
  });
  return {
    endpoint: answer.endpoint,
    pid,
    identityId: answer.identityId,
    credentials: { ...answer.credentials, expiration: new Date(answer.credentials.expiration) },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.disconnect();
      await exited;
    },
  };
}

/** A session as the app's (its client sends as the app's does), over the bench's S3. */
function sessionFor(cloud: BenchCloud): CloudSession & { s3: S3Client } {
  const s3 = new S3Client({
    ...s3ClientConfig(cloud.endpoint),
    ...s3SendingOptions,
    credentials: cloud.credentials,
  });
  const rekognition = new RekognitionClient({ region: 'us-east-1' });
  return {
    bucket: BUCKET,
    s3,
    rekognition,
    identityId: () => Promise.resolve(cloud.identityId),
    dispose() {
      s3.destroy();
      rekognition.destroy();
    },
  };
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}
