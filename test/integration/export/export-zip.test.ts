import { rm } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { originalFile } from '../../../main/library/library-paths';
import type { Services } from '../../../main/services';
import { makePhoto } from '../../support/make-photos';
import { tempDir } from '../../support/temp-dir';
import { exportingServices, importPhotos, sha256Of } from './export-fixture';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Collects what is written, as an HTTP response body would arrive. */
function collector(): { stream: Writable; bytes(): Uint8Array } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { stream, bytes: () => new Uint8Array(Buffer.concat(chunks)) };
}

async function zipLibrary() {
  const source = await tempDir('zip-src');
  const data = await tempDir('zip-lib');
  const made = exportingServices(data.path, 'zip');
  cleanups.push(data.remove, () => made.services.close(), source.remove);
  await makePhoto(`${source.path}/one`, { name: 'beach.jpg', hue: 40 });
  await makePhoto(`${source.path}/two`, { name: 'BEACH.JPG', hue: 90 });
  await makePhoto(source.path, { name: 'con.png', hue: 300, format: 'png' });
  return { ...made, photos: await importPhotos(made.services, source.path, 3) };
}

async function startZip(services: Services, ids: readonly number[]) {
  const started = await services.handlers['export.start']({ targets: { ids: [...ids] } });
  if (!started?.download) throw new Error('the browser host exports as a download');
  return started;
}

describe('export as a zip (browser host)', () => {
  it('streams every original byte for byte, with safe names unique without case', async () => {
    const { services, photos, finished } = await zipLibrary();
    const started = await startZip(
      services,
      photos.map((p) => p.id),
    );
    expect(started.download).toBe(`/export/${started.jobId}.zip`);
    const body = collector();

    expect(services.exports.streamDownload(started.jobId, body.stream)).toBe(true);
    const last = await finished(started.jobId);

    expect(last).toMatchObject({ kind: 'zip', state: 'done', exported: 3, failures: [] });
    const entries = unzipSync(body.bytes());
    // The second "beach" is numbered whichever came first: extracted on Windows or macOS, the
    // two would otherwise be one file.
    expect(
      Object.keys(entries)
        .map((name) => name.toLowerCase())
        .sort(),
    ).toEqual(['_con.png', 'beach (2).jpg', 'beach.jpg']);
    expect(Object.values(entries).map(sha256Of).sort()).toEqual(photos.map((p) => p.sha256).sort());
    // One download per export.
    expect(services.exports.streamDownload(started.jobId, collector().stream)).toBe(false);
  });

  it('leaves a missing original out, names it, and keeps the zip whole', async () => {
    const { services, photos, finished } = await zipLibrary();
    const [gone, ...rest] = photos as [(typeof photos)[number], ...typeof photos];
    await rm(originalFile(services.paths, gone.sha256, gone.format));
    const started = await startZip(
      services,
      photos.map((p) => p.id),
    );
    const body = collector();
    services.exports.streamDownload(started.jobId, body.stream);
    const last = await finished(started.jobId);

    expect(last.failures).toEqual([
      expect.objectContaining({ photoId: gone.id, filename: gone.filename, code: 'missing' }),
    ]);
    const entries = unzipSync(body.bytes());
    expect(Object.values(entries).map(sha256Of).sort()).toEqual(rest.map((p) => p.sha256).sort());
  });

  it('cancels when the download is dropped', async () => {
    const { services, photos, finished } = await zipLibrary();
    const started = await startZip(
      services,
      photos.map((p) => p.id),
    );
    const body = collector();
    services.exports.streamDownload(started.jobId, body.stream);
    body.stream.destroy();

    expect((await finished(started.jobId)).state).toBe('cancelled');
  });

  it('cancels a zip nobody fetched', async () => {
    const { services, photos, finished } = await zipLibrary();
    const started = await startZip(services, [photos[0]!.id]);

    expect(await services.handlers['export.cancel']({ jobId: started.jobId })).toEqual({
      cancelled: true,
    });
    expect((await finished(started.jobId)).state).toBe('cancelled');
    expect(services.exports.streamDownload(started.jobId, collector().stream)).toBe(false);
  });
});
