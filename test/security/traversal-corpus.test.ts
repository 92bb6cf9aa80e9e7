import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerAppProtocol, type AppProtocolSources } from '../../main/hosts/electron/app-protocol';
import { startWebServer, type WebServer } from '../../main/hosts/web/web-server';
import { originalFile, thumbFile, voiceFile } from '../../main/library/library-paths';
import type { Services } from '../../main/services';
import { http } from '../integration/http-client';
import { servicesWithEvents } from '../integration/library-fixture';
import { makePhoto } from '../support/make-photos';
import { tempDir } from '../support/temp-dir';

const marker = 'SECRET-OUTSIDE-THE-LIBRARY';

/**
 * One corpus of hostile paths, sent to both hosts' media and renderer paths (the browser host
 * over real HTTP, the Electron protocol resolver as plain Node), against a library with symlinks
 * planted inside it. Zero files outside the library may be served. docs/security.md, "Media".
 */
describe('the traversal corpus against both hosts (issue 11)', () => {
  let work: Awaited<ReturnType<typeof tempDir>>;
  let services: Services;
  let server: WebServer;
  let sources: AppProtocolSources;
  let web: (path: string) => Promise<{ status: number; body: Buffer }>;
  let good = '';
  let linkedOriginal = '';
  const linkedThumb = 'e'.repeat(64);
  const linkedDir = 'f'.repeat(64);
  let outsideImage: Buffer;

  beforeAll(async () => {
    work = await tempDir('traversal');
    const rendererDir = join(work.path, 'renderer');
    await mkdir(join(rendererDir, 'assets'), { recursive: true });
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Shoebox</title>');
    await writeFile(join(rendererDir, 'assets', 'app.js'), 'ok()');
    const secret = join(work.path, 'secret.txt');
    await writeFile(secret, marker);
    const outside = join(work.path, 'outside');
    await mkdir(outside);
    await writeFile(join(outside, `${linkedDir}.webp`), marker);
    outsideImage = await readFile(await makePhoto(outside, { name: 'private.jpg', hue: 300 }));

    ({ services } = servicesWithEvents(join(work.path, 'library')));
    const drop = join(work.path, 'drop');
    await makePhoto(drop, { name: 'good.jpg', hue: 10 });
    await makePhoto(drop, { name: 'linked.jpg', hue: 200 });
    services.importer.start([drop]);
    await services.importer.whenIdle();
    const items = services.photos.page({ sort: 'imported-desc', offset: 0, limit: 10 }).items;
    good = items.find((photo) => photo.filename === 'good.jpg')?.sha256 ?? '';
    linkedOriginal = items.find((photo) => photo.filename === 'linked.jpg')?.sha256 ?? '';
    const paths = services.paths;

    // Planted links: an original, a thumbnail, a thumbnail folder, a voice file, a renderer file.
    const original = originalFile(paths, linkedOriginal, 'jpg');
    await rm(original);
    await symlink(join(outside, 'private.jpg'), original);
    await mkdir(join(paths.thumbs, 'ee'), { recursive: true });
    await symlink(secret, thumbFile(paths, linkedThumb));
    await symlink(outside, join(paths.thumbs, 'ff'));
    await mkdir(paths.voice, { recursive: true });
    await symlink(secret, voiceFile(paths.voice, linkedThumb));
    await symlink(secret, join(rendererDir, 'assets', 'leak.js'));

    server = await startWebServer({
      services,
      rendererDir,
      token: 'corpus-token-0123456789',
      port: 0,
    });
    const appHost = new URL(server.url).host;
    const port = Number(new URL(server.url).port);
    web = (path) =>
      http(port, path, {
        headers: { host: appHost, cookie: 'shoebox_token=corpus-token-0123456789' },
      });
    sources = {
      rendererDir,
      libraryRoot: paths.root,
      resolveMedia: (mediaPath) => services.resolveMedia(mediaPath),
    };
  });
  afterAll(async () => {
    await server.close();
    await services.close();
    await work.remove();
  });

  // Each entry is a path under the media (or renderer) root, already URL-encoded.
  const mediaCorpus = () => [
    `thumb/${linkedThumb}`,
    `thumb/${linkedDir}`,
    `voice/${linkedThumb}`,
    `original/${linkedOriginal}`,
    `view/${linkedOriginal}`,
    `preview/${linkedOriginal}`,
    'thumb/../../../secret.txt',
    'thumb/..%2f..%2f..%2fsecret.txt',
    '%2e%2e/%2e%2e/secret.txt',
    'thumb/%252e%252e%252f%252e%252e%252fsecret.txt',
    'thumb/..%5c..%5c..%5csecret.txt',
    `thumb/${good}%00.webp`,
    `thumb/${good}/../../../../secret.txt`,
    `original/${good}/..%2f..%2f..%2fsecret.txt`,
    'thumb/%c0%ae%c0%ae/%c0%ae%c0%ae/secret.txt',
    'thumb/%e2%80%a5/secret.txt',
    `thumb//${join(work.path, 'secret.txt')}`,
    `thumb/${good.toUpperCase()}`,
    `thumb/${'a'.repeat(8_000)}`,
    `voice/%2e%2e%2f%2e%2e%2f${linkedThumb}`,
    'catalog.sqlite',
    '../catalog.sqlite',
  ];
  const rendererCorpus = () => [
    'assets/leak.js',
    '../secret.txt',
    'assets/../../secret.txt',
    '%2e%2e/secret.txt',
    'assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'assets/..%5c..%5csecret.txt',
    '..%2f..%2flibrary%2fcatalog.sqlite',
    `%2e%2e%2f%2e%2e%2f${'..%2f'.repeat(30)}etc%2fpasswd`,
  ];

  function neverLeaks(where: string, status: number, body: Buffer) {
    expect(status, where).not.toBe(200);
    expect(body.includes(marker), where).toBe(false);
    expect(body.includes(outsideImage.subarray(0, 4096)), where).toBe(false);
  }

  it('the controls are served, so the corpus is tried against a working server', async () => {
    expect((await web(`/media/thumb/${good}`)).status).toBe(200);
    expect((await web(`/media/preview/${good}`)).status).toBe(200);
    expect((await answerAppProtocol(sources, `shoebox://media/thumb/${good}`)).status).toBe(200);
    expect((await answerAppProtocol(sources, 'shoebox://app/assets/app.js')).status).toBe(200);
  });

  it('the browser host serves nothing outside the library or the renderer', async () => {
    for (const path of mediaCorpus()) {
      const answer = await web(`/media/${path}`);
      neverLeaks(`/media/${path.slice(0, 100)}`, answer.status, answer.body);
    }
    for (const path of rendererCorpus()) {
      const answer = await web(`/${path}`);
      neverLeaks(`/${path.slice(0, 100)}`, answer.status, answer.body);
    }
  });

  it('the Electron protocol serves nothing outside the library or the renderer', async () => {
    const ask = async (url: string) => {
      const response = await answerAppProtocol(sources, url);
      return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
    };
    for (const path of mediaCorpus()) {
      const answer = await ask(`shoebox://media/${path}`);
      neverLeaks(`shoebox://media/${path.slice(0, 100)}`, answer.status, answer.body);
    }
    for (const path of rendererCorpus()) {
      const answer = await ask(`shoebox://app/${path}`);
      neverLeaks(`shoebox://app/${path.slice(0, 100)}`, answer.status, answer.body);
    }
  });
});
