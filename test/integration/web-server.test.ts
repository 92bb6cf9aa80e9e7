import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { ImportProgress } from '../../contract/import';
import { startWebServer, type WebServer } from '../../main/hosts/web/web-server';
import { dispatch } from '../../main/ipc/dispatch';
import type { Services } from '../../main/services';
import { askHost } from '../support/ask-host';
import { makePhoto } from '../support/make-photos';
import { tempDir } from '../support/temp-dir';
import { http } from './http-client';
import { servicesWithEvents } from './library-fixture';

describe('the browser host server', () => {
  let work: Awaited<ReturnType<typeof tempDir>>;
  let services: Services;
  let server: WebServer;
  let port: number;
  let token: string;
  let cookie: string;
  let origin: string;
  let appHost: string;
  let trusted: Record<string, string>;

  beforeAll(async () => {
    work = await tempDir('web');
    const rendererDir = join(work.path, 'renderer');
    await mkdir(join(rendererDir, 'assets'), { recursive: true });
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Shoebox</title>');
    await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    ({ services } = servicesWithEvents(join(work.path, 'library')));
    token = 'test-token-0123456789';
    server = await startWebServer({ services, rendererDir, token, port: 0 });
    port = Number(new URL(server.url).port);
    appHost = new URL(server.url).host;
    origin = `http://${appHost}`;
    cookie = `shoebox_token=${token}`;
    trusted = { cookie, origin, host: appHost };
  });
  afterAll(async () => {
    await server.close();
    await services.close();
    await work.remove();
  });

  it('prints a URL on a random per-run .localhost name, carrying its token', () => {
    expect(server.url).toMatch(
      new RegExp(`^http://[0-9a-f]{24}\\.localhost:${port}/\\?token=${token}$`),
    );
  });

  // Sent to this host under the name it printed, as the browser does.
  function web(
    path: string,
    options: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {},
  ) {
    return http(port, path, { ...options, headers: { host: appHost, ...options.headers } });
  }

  it('serves the app only with the token, then remembers it in an HttpOnly cookie', async () => {
    expect((await web('/')).status).toBe(401);
    expect((await web('/?token=wrong')).status).toBe(401);
    const page = await web(`/?token=${token}`);
    expect(page.status).toBe(200);
    expect(String(page.headers['set-cookie'])).toMatch(
      /^shoebox_token=.*HttpOnly.*SameSite=Strict/,
    );
    expect((await web('/assets/app.js')).status).toBe(401);
    expect((await web('/assets/app.js', { headers: { cookie } })).body.toString()).toBe(
      'console.log(1)',
    );
  });

  it('sends headers that stop other pages framing the app or embedding its media', async () => {
    for (const [path, headers] of [
      [`/?token=${token}`, {}],
      ['/assets/app.js', { cookie }],
      [`/media/thumb/${'0'.repeat(64)}`, { cookie }],
      ['/assets/app.js', {}],
    ] as const) {
      const answer = await web(path, { headers });
      expect(answer.headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
      expect(answer.headers['x-frame-options'], path).toBe('DENY');
      expect(answer.headers['x-content-type-options'], path).toBe('nosniff');
      expect(answer.headers['cross-origin-resource-policy'], path).toBe('same-origin');
      expect(answer.headers['referrer-policy'], path).toBe('no-referrer');
    }
  });

  it('refuses requests for another host name, even with the token (DNS rebinding)', async () => {
    const answer = await web('/assets/app.js', {
      headers: { cookie, host: `evil.example:${port}` },
    });
    expect(answer.status).toBe(403);
  });

  it('answers only under its printed name: no cookie for 127.0.0.1 or localhost, where every local server would get it', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `other.localhost:${port}`]) {
      const answer = await http(port, `/?token=${token}`, { headers: { host } });
      expect(answer.status, host).toBe(403);
      expect(answer.headers['set-cookie'], host).toBeUndefined();
    }
  });

  it('listens on [::1] as well, so no other program can take that address at its port', async () => {
    const answer = await http(port, `/?token=${token}`, {
      host: '::1',
      headers: { host: appHost },
    });
    expect(answer.status).toBe(200);
  });

  it('refuses import.start over the socket: the browser host imports only what it received', async () => {
    const ws = await connect({ cookie, origin });
    const before = services.photos.count();
    const drop = join(work.path, 'host-folder');
    await makePhoto(drop, { name: 'private.jpg', hue: 200 });
    const answer = await askHost(ws, 9, 'import.start', { paths: [drop] });
    expect(answer).toMatchObject({ ok: false, error: { code: 'not-supported' } });
    await services.importer.whenIdle();
    expect(services.photos.count()).toBe(before);
    ws.close();
  });

  it('serves thumbnails and originals by content hash and nothing else', async () => {
    const drop = join(work.path, 'drop');
    const file = await makePhoto(drop, { name: 'served.jpg' });
    services.importer.start([drop]);
    await services.importer.whenIdle();
    const [photo] = services.photos.page({ sort: 'taken-desc', offset: 0, limit: 1 }).items;
    const thumb = await web(`/media/thumb/${photo!.sha256}`, { headers: { cookie } });
    expect(thumb.status).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    const original = await web(`/media/original/${photo!.sha256}`, { headers: { cookie } });
    expect(original.headers['content-type']).toBe('image/jpeg');
    expect(original.body.equals(await readFile(file))).toBe(true);
    const preview = await web(`/media/preview/${photo!.sha256}`, { headers: { cookie } });
    expect([preview.status, preview.headers['content-type']]).toEqual([200, 'image/webp']);
    for (const path of [
      '/media/thumb/../../catalog.sqlite',
      '/media/thumb/%2e%2e%2fcatalog.sqlite',
      `/media/thumb/${'0'.repeat(64)}`,
      `/media/poster/${photo!.sha256}`,
      `/media/preview/${'0'.repeat(64)}`,
      '/../library/catalog.sqlite',
      '/%2e%2e/library/catalog.sqlite',
      '/%E0%A4%A.js',
    ]) {
      expect((await web(path, { headers: { cookie } })).status, path).toBe(404);
    }
    expect((await web(`/media/thumb/${photo!.sha256}`)).status).toBe(401);
  });

  it('never serves a file that a symlink inside the library points out of it', async () => {
    const secret = join(work.path, 'secret.txt');
    await writeFile(secret, 'outside the library');
    const linkedFile = 'e'.repeat(64);
    const linkedDir = 'f'.repeat(64);
    await mkdir(join(services.paths.thumbs, 'ee'), { recursive: true });
    await symlink(secret, join(services.paths.thumbs, 'ee', `${linkedFile}.webp`));
    await mkdir(join(work.path, 'outside'));
    await writeFile(join(work.path, 'outside', `${linkedDir}.webp`), 'outside the library');
    await symlink(join(work.path, 'outside'), join(services.paths.thumbs, 'ff'));
    await mkdir(services.paths.voice, { recursive: true });
    await symlink(secret, join(services.paths.voice, `${linkedFile}.mp3`));
    for (const path of [
      `/media/thumb/${linkedFile}`,
      `/media/thumb/${linkedDir}`,
      `/media/voice/${linkedFile}`,
    ]) {
      const answer = await web(path, { headers: { cookie } });
      expect(answer.status, path).toBe(404);
      expect(answer.body.toString(), path).not.toContain('outside the library');
    }
  });

  it('answers the handler table over a WebSocket, and refuses sockets without token or origin', async () => {
    await expect(connect({ origin })).rejects.toThrow(/403/);
    await expect(connect({ cookie, origin: 'http://evil.example' })).rejects.toThrow(/403/);
    const ws = await connect({ cookie, origin });
    const info = await askHost(ws, 1, 'app.info', {});
    expect(info).toMatchObject({
      ok: true,
      value: { host: 'web', photoCount: services.photos.count() },
    });
    const bad = await askHost(ws, 2, 'library.page', {
      sort: 'taken-desc',
      offset: 0,
      limit: 5000,
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    ws.close();
  });

  it('survives a frame over the size limit, closing only that socket', async () => {
    const ws = await connect({ cookie, origin });
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    ws.send('x'.repeat(2 * 1024 * 1024));
    expect(await closed).not.toBe(1000);
    const other = await connect({ cookie, origin });
    expect(await askHost(other, 3, 'app.info', {})).toMatchObject({ ok: true });
    other.close();
  });

  it('answers a channel nested 4,000 deep with invalid-request and keeps serving', async () => {
    const ws = await connect({ cookie, origin });
    const channel = JSON.parse('['.repeat(4000) + ']'.repeat(4000)) as unknown;
    expect(await askHost(ws, 4, channel as string, {})).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(await askHost(ws, 5, 'app.info', {})).toMatchObject({ ok: true });
    ws.close();
  });

  it('pushes events to connected pages', async () => {
    const ws = await connect({ cookie, origin });
    const progress = new Promise<ImportProgress>((resolve) =>
      ws.on('message', (data) => {
        const message = JSON.parse(data.toString()) as { event?: string; payload: ImportProgress };
        if (message.event === 'import.progress' && message.payload.state === 'finished')
          resolve(message.payload);
      }),
    );
    server.broadcast('import.progress', {
      jobId: 'j',
      state: 'finished',
      total: 0,
      done: 0,
      imported: 0,
      duplicates: 0,
      failed: 0,
      photosPerSecond: 0,
      newFailures: [],
      newDuplicates: [],
    });
    expect((await progress).jobId).toBe('j');
    ws.close();
  });

  it('receives uploads into a staging folder, imports them, then clears the staging folder', async () => {
    const batch = 'batch-0001';
    const bytes = await readFile(
      await makePhoto(join(work.path, 'up'), { name: 'sent.jpg', hue: 123 }),
    );
    const sent = await web(`/upload/${batch}?path=${encodeURIComponent('Trip/sent.jpg')}`, {
      method: 'POST',
      headers: trusted,
      body: bytes,
    });
    expect(sent.status).toBe(204);
    const ws = await connect({ cookie, origin });
    const started = await askHost(ws, 20, 'import.received', { batch });
    ws.close();
    expect(started).toMatchObject({ ok: true, value: { jobId: expect.any(String) } });
    await services.importer.whenIdle();
    const names = services.photos
      .page({ sort: 'imported-desc', offset: 0, limit: 10 })
      .items.map((p) => p.filename);
    expect(names).toContain('sent.jpg');
    expect(await readdir(services.paths.incoming)).toEqual([]);
  });

  it('imports a drop only through the contract: the old POST route is gone, a bad batch id is refused', async () => {
    const sent = await web('/upload/batch-0004?path=a.jpg', {
      method: 'POST',
      headers: trusted,
      body: 'x',
    });
    expect(sent.status).toBe(204);
    expect(
      (await web('/upload/batch-0004/import', { method: 'POST', headers: trusted })).status,
    ).toBe(404);
    const ws = await connect({ cookie, origin });
    expect(await askHost(ws, 21, 'import.received', { batch: '../..' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(
      await askHost(ws, 22, 'import.received', { batch: 'batch-0004', path: '/' }),
    ).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    ws.close();
    // The desktop host's table has no uploads to import.
    expect(
      await dispatch(services.handlers, 'import.received', { batch: 'batch-0004' }, services.log),
    ).toMatchObject({ ok: false, error: { code: 'not-supported' } });
  });

  it('refuses uploads that escape their folder or come from another origin', async () => {
    const cases: [string, Record<string, string>, number][] = [
      [`/upload/batch-0002?path=${encodeURIComponent('../escape.jpg')}`, trusted, 400],
      [`/upload/batch-0002?path=${encodeURIComponent('a/../../escape.jpg')}`, trusted, 400],
      [`/upload/batch-0002?path=`, trusted, 400],
      ['/upload/..%2f..?path=x.jpg', trusted, 400],
      ['/upload/batch-0002?path=x.jpg', { cookie, host: appHost }, 403],
      ['/upload/batch-0002?path=x.jpg', { ...trusted, host: `127.0.0.1:${port}` }, 403],
      ['/upload/batch-0002?path=x.jpg', { ...trusted, origin: 'http://evil.example' }, 403],
    ];
    for (const [path, headers, status] of cases) {
      const answer = await web(path, { method: 'POST', headers, body: 'x' });
      expect(answer.status, path).toBe(status);
    }
  });

  it('answers 400 with words for a name too long for the disk and for a file/folder clash', async () => {
    const send = (path: string) =>
      web(`/upload/batch-0003?path=${encodeURIComponent(path)}`, {
        method: 'POST',
        headers: trusted,
        body: 'x',
      });
    const long = await send(`${'n'.repeat(256)}.jpg`);
    expect(long.status).toBe(400);
    expect(long.body.toString()).toMatch(/longer than a file name may be/);
    expect((await send('Trip/a.jpg')).status).toBe(204);
    for (const clash of ['Trip', 'Trip/a.jpg/b.jpg']) {
      const answer = await send(clash);
      expect(answer.status, clash).toBe(400);
      expect(answer.body.toString(), clash).toMatch(/clashes with another file or folder/);
    }
  });

  function connect(headers: Record<string, string>): Promise<WebSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, {
        headers: { host: appHost, ...headers },
      });
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) =>
        reject(new Error(`refused with ${res.statusCode}`)),
      );
    });
  }
});
