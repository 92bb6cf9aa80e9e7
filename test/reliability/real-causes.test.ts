import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../contract/import';
import { LibraryFolderError } from '../../main/library/library-folder';
import { createServices, type Services } from '../../main/services';
import { cannotMountMessage, mountScratch, type ScratchMount } from '../support/scratch-mount';
import { tempDir } from '../support/temp-dir';

// docs/reliability.md, "Real causes in words".
describe('the real cause, in words (issue 16 #7)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>> | null = null;
  let mount: ScratchMount | null = null;
  let services: Services | null = null;
  afterEach(async () => {
    await services?.close();
    services = null;
    mount?.unmount();
    mount = null;
    // GNU rm walks a tree deeper than PATH_MAX; fs.rm cannot name its bottom.
    if (dir) spawnSync('rm', ['-rf', dir.path]);
    dir = null;
  });

  it('a library on a read-only disk says so, and nothing is changed', async (context) => {
    dir = await tempDir('read-only');
    const disk = join(dir.path, 'disk');
    mount = mountScratch(disk, 8 * 1024 * 1024);
    if (!mount) return context.skip(cannotMountMessage);
    const library = join(disk, 'library');
    await createServices(
      { dataDir: library, version: 'test', host: 'web' },
      { emit: () => undefined },
    ).close();
    mount.readOnly();

    const open = () =>
      createServices({ dataDir: library, version: 'test', host: 'web' }, { emit: () => undefined });

    expect(open).toThrow(LibraryFolderError);
    expect(open).toThrow(
      `Shoebox cannot use the library folder ${library}: it is on a read-only disk`,
    );
    expect(existsSync(join(library, 'library.lock'))).toBe(false);
  });

  it('a folder whose path is longer than the system allows is named as such, not as permissions', async () => {
    dir = await tempDir('long-path');
    const source = join(dir.path, 'source');
    // Built one short hop at a time (each mkdir relative to the last): the whole path is
    // longer than PATH_MAX, which no single call may name.
    const segment = 'd'.repeat(200);
    const made = spawnSync('bash', [
      '-c',
      `mkdir -p "$1" && cd "$1" && for i in $(seq 1 25); do mkdir ${segment} && cd ${segment}; done`,
      '_',
      source,
    ]);
    expect(made.status).toBe(0);
    const progress: ImportProgress[] = [];
    services = createServices(
      { dataDir: join(dir.path, 'library'), version: 'test', host: 'web' },
      {
        emit: (event, payload) => {
          if (event === 'import.progress') progress.push(payload as ImportProgress);
        },
      },
    );
    services.importer.start([source]);
    await services.importer.whenIdle();

    const failures = progress.flatMap((p) => p.newFailures);
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.map((f) => f.message)).toContain(
      "This folder's path is longer than the system allows; move it to a folder with a shorter path and import it from there.",
    );
    expect(failures.some((f) => f.message.includes('permissions'))).toBe(false);
  });
});
