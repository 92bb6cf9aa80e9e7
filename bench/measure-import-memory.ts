import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pLimit from 'p-limit';
import sharp from 'sharp';
import { WebSocket } from 'ws';
import { openAppSession } from '../test/security/app-session';
import { startWebHost, type RunningHost } from '../test/support/start-web-host';
import { round, type Figure } from './figures';

const photoCount = Number(process.env.BENCH_MEMORY_IMPORT ?? 5_000);

/**
 * The browser host's resident memory after importing 5,000 small JPEGs dropped into the page:
 * each sent as the page sends it (POST /upload/<drop>), then imported as one drop (the page's
 * `import.received` over the WebSocket).
 */
export async function measureImportMemory(work: string): Promise<Figure> {
  const source = join(work, 'memory-source');
  const names = await makeSmallJpegs(source, photoCount);
  const dataDir = join(work, 'memory-library');
  const host = await startWebHost(['--data-dir', dataDir, '--port', '0']);
  try {
    const drop = randomUUID();
    const send = pLimit(4);
    await Promise.all(
      names.map((name) =>
        send(async () =>
          post(
            host,
            `/upload/${drop}?path=${encodeURIComponent(name)}`,
            await readFile(join(source, name)),
          ),
        ),
      ),
    );
    await importReceived(host, drop);
    await imported(join(dataDir, 'catalog.sqlite'), photoCount);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const rss = await residentBytes(host);
    return {
      name: 'memory.host-rss-after-import-5k',
      value: round(rss / 1024 / 1024, 1),
      unit: 'MiB',
      what: `The host's resident memory after importing ${photoCount.toLocaleString('en')} small JPEGs dropped into the page`,
    };
  } finally {
    await host.stop();
  }
}

/** 320 × 240 JPEGs, each its own colour and EXIF description, so none repeats another's bytes. */
async function makeSmallJpegs(folder: string, count: number): Promise<string[]> {
  await mkdir(folder, { recursive: true });
  const limit = pLimit(2);
  const names = Array.from({ length: count }, (_, n) => `small-${n}.jpg`);
  await Promise.all(
    names.map((name, n) =>
      limit(async () => {
        const background = { r: n % 256, g: Math.floor(n / 256) % 256, b: (n * 37) % 256 };
        const bytes = await sharp({ create: { width: 320, height: 240, channels: 3, background } })
          .withExif({ IFD0: { ImageDescription: `bench photo ${n}` } })
          .jpeg({ quality: 80 })
          .toBuffer();
        await writeFile(join(folder, name), bytes);
      }),
    ),
  );
  return names;
}

/** POSTs as the page does: to 127.0.0.1 with the host's name, its origin and the token cookie. */
function post(host: RunningHost, path: string, body: Buffer): Promise<void> {
  const url = new URL(host.url);
  const token = url.searchParams.get('token') ?? '';
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: url.port,
        path,
        method: 'POST',
        headers: {
          host: url.host,
          origin: url.origin,
          cookie: `shoebox_token=${token}`,
          'content-length': body.length,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode && res.statusCode < 300
            ? resolve()
            : reject(new Error(`POST ${path} answered ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Asks the host to import the drop, as the page does, and waits for its answer. */
async function importReceived(host: RunningHost, batch: string): Promise<void> {
  const session = await openAppSession(host.url);
  const ws = new WebSocket(session.wsUrl, { headers: session.headers });
  try {
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const answer = await new Promise<{ ok: boolean }>((resolve) => {
      ws.on('message', (data: Buffer) => {
        const message = JSON.parse(data.toString()) as { id?: number; result?: { ok: boolean } };
        if (message.id === 1 && message.result) resolve(message.result);
      });
      ws.send(JSON.stringify({ id: 1, channel: 'import.received', payload: { batch } }));
    });
    if (!answer.ok) throw new Error(`import.received refused: ${JSON.stringify(answer)}`);
  } finally {
    ws.close();
  }
}

/** Waits until the catalog holds `count` photos (rows come last, after every file). */
async function imported(catalog: string, count: number): Promise<void> {
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    const db = new DatabaseSync(catalog, { readOnly: true });
    const row = db.prepare('SELECT count(*) AS n FROM photos').get() as { n: number };
    db.close();
    if (row.n >= count) return;
    if (Date.now() > deadline) throw new Error(`only ${row.n} of ${count} photos were imported`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function residentBytes(host: RunningHost): Promise<number> {
  const status = await readFile(`/proc/${host.process.pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
  return Number(kb ?? Number.NaN) * 1024;
}
