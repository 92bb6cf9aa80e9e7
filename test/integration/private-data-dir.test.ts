import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmod, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import WebSocket from 'ws';
import { FileSecretStore } from '../../main/auth/secret-store';
import { createServices } from '../../main/services';
import { openAppSession } from '../security/app-session';
import { askHost } from '../support/ask-host';
import { makePhoto } from '../support/make-photos';
import { startWebHost } from '../support/start-web-host';
import { tempDir } from '../support/temp-dir';
import { http } from './http-client';

const mode = async (path: string) => (await stat(path)).mode & 0o777;

/** Every folder and file under `root` (itself included), with its permission bits. */
async function modesUnder(root: string): Promise<{ path: string; dir: boolean; mode: number }[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const all = [
    { path: '.', dir: true, mode: await mode(root) },
    ...(await Promise.all(
      entries.map(async (entry) => {
        const path = join(entry.parentPath, entry.name);
        return { path: relative(root, path), dir: entry.isDirectory(), mode: await mode(path) };
      }),
    )),
  ];
  return all.sort((a, b) => a.path.localeCompare(b.path));
}

// Another user of the computer must not read photos or the catalog (issue 11, #11).
describe.skipIf(process.platform === 'win32')('the data folder', () => {
  let work: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => (work = await tempDir('private')));
  afterAll(() => work.remove());

  it('is created owner-only, with the catalog readable by its owner alone', async () => {
    const dataDir = join(work.path, 'fresh');
    const services = createServices({ dataDir, version: 't', host: 'web' }, { emit: () => {} });
    try {
      expect(await mode(dataDir)).toBe(0o700);
      expect(await mode(services.paths.catalog)).toBe(0o600);
    } finally {
      await services.close();
    }
  });

  it('is made owner-only again when an older version left it open to everyone', async () => {
    const dataDir = join(work.path, 'old');
    await mkdir(dataDir);
    await chmod(dataDir, 0o755);
    const first = createServices({ dataDir, version: 't', host: 'web' }, { emit: () => {} });
    await first.close();
    await chmod(dataDir, 0o755);
    await chmod(first.paths.catalog, 0o644);
    const services = createServices({ dataDir, version: 't', host: 'web' }, { emit: () => {} });
    try {
      expect(await mode(dataDir)).toBe(0o700);
      expect(await mode(services.paths.catalog)).toBe(0o600);
    } finally {
      await services.close();
    }
  });

  // The built browser host (`npm run build` first), so the umask is the one its start sets.
  it('holds only owner-only folders (0700) and files (0600) after the host imports a photo: thumbnails, originals, logs, catalog', async () => {
    const dataDir = join(work.path, 'hosted');
    const host = await startWebHost(['--data-dir', dataDir, '--port', '0']);
    try {
      const session = await openAppSession(host.url);
      const photo = await readFile(await makePhoto(join(work.path, 'source'), { name: 'a.jpg' }));
      // The page's own import path: the file is sent into incoming/<drop>, then that drop imported
      // (import.received over the socket).
      const upload = (path: string, body?: Buffer) =>
        http(session.port, path, {
          method: 'POST',
          headers: session.headers,
          ...(body ? { body } : {}),
        });
      expect((await upload('/upload/drop-0001?path=a.jpg', photo)).status).toBe(204);
      const ws = new WebSocket(session.wsUrl, { headers: session.headers });
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      let id = 0;
      const started = (await askHost(ws, ++id, 'import.received', { batch: 'drop-0001' })) as {
        ok: boolean;
      };
      expect(started.ok).toBe(true);
      for (;;) {
        const info = (await askHost(ws, ++id, 'app.info')) as { value: { photoCount: number } };
        if (info.value.photoCount === 1) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      ws.close();
    } finally {
      await host.stop();
    }
    const modes = await modesUnder(dataDir);
    // What the import and the host's start made is all there, so the check below covers it.
    const made = modes.map((entry) => entry.path);
    for (const expected of ['thumbs', 'originals', 'logs', 'catalog.sqlite'])
      expect(made, expected).toContain(expected);
    for (const folder of ['thumbs/', 'originals/', 'logs/'])
      expect(
        made.some((path) => path.startsWith(folder) && !modes.find((m) => m.path === path)!.dir),
        folder,
      ).toBe(true);
    expect(
      modes.filter((entry) => entry.mode !== (entry.dir ? 0o700 : 0o600)),
      'entries not owner-only',
    ).toEqual([]);
  });

  it('keeps the session file 0600 whatever the umask', async () => {
    const file = join(work.path, 'session', 'session.secret');
    const previous = process.umask(0); // the most open umask there is
    try {
      await new FileSecretStore(file).save('a refresh token');
    } finally {
      process.umask(previous);
    }
    expect(await mode(file)).toBe(0o600);
  });
});
