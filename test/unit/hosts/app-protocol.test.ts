import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  answerAppProtocol,
  rendererFileFor,
  type AppProtocolSources,
} from '../../../main/hosts/electron/app-protocol';
import { libraryPaths, thumbFile, voiceFile } from '../../../main/library/library-paths';
import { resolveMedia } from '../../../main/media/media-resolver';
import { tempDir } from '../../support/temp-dir';

// The Electron protocol handler run as plain Node against real files.
describe('the app protocol (shoebox://)', () => {
  let work: Awaited<ReturnType<typeof tempDir>>;
  let sources: AppProtocolSources;
  const real = 'a'.repeat(64);
  const linked = 'b'.repeat(64);
  const linkedDir = 'c'.repeat(64);
  const voiceLink = 'd'.repeat(64);

  beforeAll(async () => {
    work = await tempDir('protocol');
    const paths = libraryPaths(join(work.path, 'library'));
    const rendererDir = join(work.path, 'renderer');
    await mkdir(join(rendererDir, 'assets'), { recursive: true });
    await writeFile(join(rendererDir, 'index.html'), '<title>Shoebox</title>');
    await writeFile(join(rendererDir, 'assets', 'app.js'), 'ok()');
    const secret = join(work.path, 'secret.txt');
    await writeFile(secret, 'outside the library');
    const outsideDir = join(work.path, 'outside');
    await mkdir(outsideDir);
    await writeFile(join(outsideDir, `${linkedDir}.webp`), 'outside the library');
    await mkdir(dirname(thumbFile(paths, real)), { recursive: true });
    await writeFile(thumbFile(paths, real), 'thumb bytes');
    await mkdir(dirname(thumbFile(paths, linked)), { recursive: true });
    await symlink(secret, thumbFile(paths, linked));
    await symlink(outsideDir, dirname(thumbFile(paths, linkedDir)));
    await mkdir(paths.voice, { recursive: true });
    await symlink(secret, voiceFile(paths.voice, voiceLink));
    await symlink(secret, join(rendererDir, 'assets', 'leak.js'));
    sources = {
      rendererDir,
      libraryRoot: paths.root,
      resolveMedia: (mediaPath) =>
        resolveMedia({ paths, findPhoto: () => null, cloudOriginals: null }, mediaPath),
    };
  });
  afterAll(() => work.remove());

  const get = async (url: string) => {
    const response = await answerAppProtocol(sources, url);
    return { status: response.status, text: await response.text(), headers: response.headers };
  };

  it('serves the renderer and media inside the library, with the security headers', async () => {
    expect(await get('shoebox://app/')).toMatchObject({
      status: 200,
      text: '<title>Shoebox</title>',
    });
    expect((await get('shoebox://app/assets/app.js')).text).toBe('ok()');
    const thumb = await get(`shoebox://media/thumb/${real}`);
    expect(thumb).toMatchObject({ status: 200, text: 'thumb bytes' });
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    expect(thumb.headers.get('x-content-type-options')).toBe('nosniff');
    expect(thumb.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('never serves a file a symlink inside the library or renderer points out of it', async () => {
    for (const url of [
      `shoebox://media/thumb/${linked}`,
      `shoebox://media/thumb/${linkedDir}`,
      `shoebox://media/voice/${voiceLink}`,
      'shoebox://app/assets/leak.js',
    ]) {
      const answer = await get(url);
      expect(answer.status, url).toBe(404);
      expect(answer.text, url).not.toContain('outside the library');
    }
  });

  it('answers 404 for traversal, other hosts and other schemes', async () => {
    for (const url of [
      'shoebox://app/../secret.txt',
      'shoebox://app/%2e%2e/secret.txt',
      'shoebox://app/%2e%2e%2fsecret.txt',
      'shoebox://app/assets/%00.js',
      'shoebox://app/%E0%A4%A.js',
      'shoebox://media/thumb/../../secret.txt',
      'shoebox://media/thumb%2f..%2f..%2fsecret.txt',
      'shoebox://auth/callback?code=1',
      'file:///etc/passwd',
      'not a url',
    ]) {
      expect((await get(url)).status, url).toBe(404);
    }
  });

  it('resolves renderer paths only inside the renderer folder', () => {
    expect(rendererFileFor('/r', '/')).toEqual({
      file: '/r/index.html',
      contentType: 'text/html; charset=utf-8',
    });
    // A way up is clamped at the renderer folder, never out of it.
    expect(rendererFileFor('/r', '/..%2f..%2fetc/passwd.js')?.file).toBe('/r/etc/passwd.js');
    expect(rendererFileFor('/r', '/..foo.js')).toEqual({
      file: '/r/..foo.js',
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(rendererFileFor('/r', '/catalog.sqlite')).toBeNull();
  });
});
