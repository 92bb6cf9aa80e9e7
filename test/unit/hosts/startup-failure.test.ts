import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  libraryLockedExitCode,
  startupFailure,
} from '../../../main/hosts/electron/startup-failure';
import { ensureLibraryFolder } from '../../../main/library/library-folder';
import { lockLibrary } from '../../../main/library/library-lock';
import { tempDir } from '../../support/temp-dir';

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

// The desktop app's start-up catch: electron-main.ts shows this and exits with its code.
describe('what the desktop app shows when it cannot start (issue 16 #1, #7)', () => {
  it('a library another process holds: its own title, the holder named, exit code 3', async () => {
    const dir = await tempDir('startup-locked');
    const held = lockLibrary(dir.path);
    try {
      const failure = startupFailure(thrownBy(() => lockLibrary(dir.path)));
      expect(failure.title).toBe('This library is already open');
      expect(failure.message).toContain(`process ${process.pid}`);
      expect(failure.message).toContain('nothing was changed');
      expect(failure.exitCode).toBe(libraryLockedExitCode);
      expect(libraryLockedExitCode).toBe(3); // the web host's code for the same refusal
    } finally {
      held.release();
      await dir.remove();
    }
  });

  it('a folder that cannot be used: the real cause in words, a failing exit code', async () => {
    const dir = await tempDir('startup-folder');
    const file = join(dir.path, 'a-file');
    await writeFile(file, 'not a folder');
    const failure = startupFailure(thrownBy(() => ensureLibraryFolder(join(file, 'library'))));
    expect(failure.title).toBe('Shoebox cannot use its library folder');
    expect(failure.message).toContain('part of its path is a file, not a folder');
    expect(failure.exitCode).toBe(1);
    await dir.remove();
  });

  it.skipIf(process.getuid?.() === 0)('a read-only folder is named as such', async () => {
    const dir = await tempDir('startup-readonly');
    const library = join(dir.path, 'library');
    await mkdir(library);
    await chmod(library, 0o500);
    try {
      const failure = startupFailure(thrownBy(() => lockLibrary(library)));
      expect(failure.title).toBe('Shoebox cannot use its library folder');
      expect(failure.message).toContain(library);
      expect(failure.exitCode).toBe(1);
    } finally {
      await chmod(library, 0o700);
      await dir.remove();
    }
  });

  it('anything else is still shown, never swallowed', () => {
    expect(startupFailure(new Error('disk on fire'))).toEqual({
      title: 'Shoebox could not start',
      message: 'disk on fire',
      exitCode: 1,
    });
    expect(startupFailure('a string').message).toBe('a string');
  });
});

// electron-main.ts cannot run here (no Electron binary); its wiring is read instead.
describe('the desktop shell wires the start-up catch', () => {
  it('a rejected start() shows the dialog and exits with the chosen code', async () => {
    const source = await readFile(
      join(import.meta.dirname, '../../../main/hosts/electron/electron-main.ts'),
      'utf8',
    );
    expect(source).toMatch(/\.then\(start\)\s*\.catch\(/);
    expect(source).toContain('const failure = startupFailure(error);');
    expect(source).toContain('dialog.showErrorBox(failure.title, failure.message);');
    expect(source).toContain('app.exit(failure.exitCode);');
  });
});
