import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebServer } from '../../../main/hosts/web/web-server';
import { originalFile } from '../../../main/library/library-paths';
import { makePhoto } from '../../support/make-photos';
import { tempDir } from '../../support/temp-dir';
import { http } from '../http-client';
import { exportingServices, fileSha256, importPhotos, sha256Of } from './export-fixture';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The browser host over real services, with photos `names` imported; fetches as the browser does. */
async function hostWith(names: readonly string[]) {
  const work = await tempDir('export-one');
  cleanups.push(work.remove);
  const source = join(work.path, 'source');
  const files = [];
  for (const [n, name] of names.entries()) {
    files.push(await makePhoto(join(source, String(n)), { name, hue: 40 + 90 * n }));
  }
  const made = exportingServices(join(work.path, 'library'), 'zip');
  cleanups.push(() => made.services.close());
  const rendererDir = join(work.path, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Shoebox</title>');
  const token = 'test-token-0123456789';
  const server = await startWebServer({ services: made.services, rendererDir, token, port: 0 });
  cleanups.push(() => server.close());
  const { host, port } = new URL(server.url);
  const fetchAsBrowser = (path: string) =>
    http(Number(port), path, { headers: { host, cookie: `shoebox_token=${token}` } });
  const photos = await importPhotos(made.services, source, names.length);
  return { ...made, files, photos, fetchAsBrowser };
}

describe('exporting one photo from the browser host', () => {
  it('downloads the original itself, under its own name, byte for byte', async () => {
    const { services, files, photos, finished, fetchAsBrowser } = await hostWith([
      'Été à Nice.jpg',
    ]);
    const [photo] = photos;
    const started = await services.handlers['export.start']({ targets: { ids: [photo!.id] } });

    expect(started).toMatchObject({
      kind: 'file',
      total: 1,
      download: `/export/${started?.jobId}`,
    });
    const answer = await fetchAsBrowser(started!.download!);

    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('image/jpeg');
    expect(answer.headers['content-disposition']).toBe(
      `attachment; filename="_t_ _ Nice.jpg"; filename*=UTF-8''%C3%89t%C3%A9%20%C3%A0%20Nice.jpg`,
    );
    expect(sha256Of(answer.body)).toBe(await fileSha256(files[0]!));
    expect(sha256Of(answer.body)).toBe(photo!.sha256);
    expect(await finished(started!.jobId)).toMatchObject({
      kind: 'file',
      state: 'done',
      exported: 1,
      failures: [],
    });
    // One download per export.
    expect((await fetchAsBrowser(started!.download!)).status).toBe(410);
  });

  it('still zips two photos', async () => {
    const { services, photos, fetchAsBrowser } = await hostWith(['a.jpg', 'b.jpg']);
    const started = await services.handlers['export.start']({
      targets: { ids: photos.map((p) => p.id) },
    });

    expect(started).toMatchObject({ kind: 'zip', download: `/export/${started?.jobId}.zip` });
    const answer = await fetchAsBrowser(started!.download!);
    expect(answer.headers['content-type']).toBe('application/zip');
    expect(answer.body.subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04', 'latin1'));
  });

  it('fails the download, rather than saving an empty file, when the original is gone', async () => {
    const { services, photos, finished, fetchAsBrowser } = await hostWith(['gone.jpg']);
    const [photo] = photos;
    await rm(originalFile(services.paths, photo!.sha256, photo!.format));
    const started = await services.handlers['export.start']({ targets: { ids: [photo!.id] } });

    await expect(fetchAsBrowser(started!.download!)).rejects.toThrow();
    expect((await finished(started!.jobId)).failures).toEqual([
      expect.objectContaining({ photoId: photo!.id, code: 'missing' }),
    ]);
  });
});
