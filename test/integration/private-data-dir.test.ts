import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmod, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createServices } from '../../main/services';
import { tempDir } from '../support/temp-dir';

const mode = async (path: string) => (await stat(path)).mode & 0o777;

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
});
