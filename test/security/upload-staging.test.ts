import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../main/hosts/web/web-server';
import type { StagingLimits } from '../../main/hosts/web/staging-area';
import type { Services } from '../../main/services';
import { http } from '../integration/http-client';
import { servicesWithEvents } from '../integration/library-fixture';
import { cannotMountMessage, mountScratch, type ScratchMount } from '../support/scratch-mount';
import { socketRequest } from '../support/socket-request';
import { tempDir } from '../support/temp-dir';

const mb = 1024 * 1024;

// docs/security.md, "Upload staging": a sender with the page's cookie tries to fill the disk.
describe('the browser host upload staging (issue 11 #7)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>> | null = null;
  let services: Services | null = null;
  let server: WebServer | null = null;
  let mount: ScratchMount | null = null;
  afterEach(async () => {
    await server?.close();
    await services?.close();
    mount?.unmount();
    await dir?.remove();
    [server, services, mount, dir] = [null, null, null, null];
  });

  async function host(limits: StagingLimits, libraryOn?: (root: string) => Promise<string | null>) {
    dir = await tempDir('staging');
    const rendererDir = join(dir.path, 'renderer');
    await mkdir(rendererDir, { recursive: true });
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Shoebox</title>');
    const dataDir = (await libraryOn?.(dir.path)) ?? join(dir.path, 'library');
    ({ services } = servicesWithEvents(dataDir));
    const token = 'staging-token-0123456789';
    server = await startWebServer({ services, rendererDir, token, port: 0, staging: limits });
    const appHost = new URL(server.url).host;
    const port = Number(new URL(server.url).port);
    const headers = {
      host: appHost,
      origin: `http://${appHost}`,
      cookie: `shoebox_token=${token}`,
    };
    const send = (batch: string, name: string, bytes: number) =>
      http(port, `/upload/${batch}?path=${encodeURIComponent(name)}`, {
        method: 'POST',
        headers,
        body: Buffer.alloc(bytes, 7),
      });
    return { send, port, headers, incoming: services.paths.incoming };
  }

  const roomy: StagingLimits = { batchBytes: 3 * mb, totalBytes: 5 * mb, idleMs: 60_000 };

  it('refuses a file that would take its drop past the per-batch quota, in words, writing nothing', async () => {
    const { send, incoming } = await host(roomy);
    for (const n of [1, 2, 3]) expect((await send('batch-aaaa1', `${n}.jpg`, mb)).status).toBe(204);
    const over = await send('batch-aaaa1', '4.jpg', mb);
    expect(over.status).toBe(413);
    expect(over.body.toString()).toMatch(/larger than the .* GB the browser host takes at once/);
    expect((await readdir(join(incoming, 'batch-aaaa1'))).sort()).toEqual([
      '1.jpg',
      '2.jpg',
      '3.jpg',
    ]);
  });

  it('refuses a drop once all drops together hold the total quota; a refused file counts for nothing', async () => {
    const { send } = await host(roomy);
    expect((await send('batch-bbbb1', 'a.jpg', 3 * mb)).status).toBe(204);
    expect((await send('batch-bbbb2', 'b.jpg', 2 * mb)).status).toBe(204);
    const over = await send('batch-bbbb3', 'c.jpg', 1);
    expect(over.status).toBe(413);
    expect(over.body.toString()).toMatch(/already holding .* of uploads waiting to be imported/);
    // Many senders side by side: the quota holds for all of them at once.
    const side = await Promise.all(
      Array.from({ length: 8 }, (_, n) => send(`batch-cccc${n}`, 'x.jpg', mb)),
    );
    expect(side.every((answer) => answer.status === 413)).toBe(true);
  });

  it('refuses an upload that does not say its size before sending it', async () => {
    const { port, headers } = await host(roomy);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/upload/batch-dddd1?path=x.jpg',
          headers: { ...headers, 'transfer-encoding': 'chunked' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write(Buffer.alloc(1024));
      req.end();
    });
    expect(status).toBe(411);
  });

  it('deletes a drop left unimported past the idle limit, and its import then says so', async () => {
    const { send, port, headers, incoming } = await host({ ...roomy, idleMs: 200 });
    expect((await send('batch-eeee1', 'a.jpg', mb)).status).toBe(204);
    await expect
      .poll(async () => readdir(incoming), { timeout: 5_000, interval: 50 })
      .not.toContain('batch-eeee1');
    const late = await socketRequest(port, headers, 'import.received', { batch: 'batch-eeee1' });
    expect(late).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: expect.stringMatching(/Drop the photos again/) },
    });
    // Its room is given back: a new drop of the whole quota fits.
    expect((await send('batch-eeee2', 'b.jpg', 3 * mb)).status).toBe(204);
  });

  it('refuses a file the disk has no room to stage and import, naming how much is missing', async (context) => {
    const { send, incoming } = await host(
      { batchBytes: 64 * mb, totalBytes: 64 * mb, idleMs: 60_000 },
      async (root) => {
        mount = mountScratch(join(root, 'disk'), 12 * mb);
        return mount ? join(root, 'disk', 'library') : null;
      },
    );
    if (!mount) return context.skip(cannotMountMessage);
    expect((await send('batch-ffff1', 'fits.jpg', 2 * mb)).status).toBe(204);
    const big = await send('batch-ffff1', 'big.jpg', 6 * mb);
    expect(big.status).toBe(507);
    expect(big.body.toString()).toMatch(
      /The disk holding your library is full \(needs \d+ MB more\)/,
    );
    expect(await readdir(join(incoming, 'batch-ffff1'))).toEqual(['fits.jpg']);
  });
});
