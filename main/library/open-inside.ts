import { constants } from 'node:fs';
import { open, readFile, realpath, type FileHandle } from 'node:fs/promises';
import { isInside } from './library-paths';

/**
 * Opens a regular file for reading only if it really lies inside `root`: its real path (every
 * symlinked folder resolved) must stay inside the root's real path, and the file itself is
 * opened without following a link (O_NOFOLLOW where the OS has it). A symlink planted in the
 * library, or a file that is not a plain file, answers null, as a missing one does.
 */
export async function openInside(root: string, file: string): Promise<FileHandle | null> {
  let handle: FileHandle | null = null;
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
    if (!isInside(realRoot, realFile)) return null;
    // Windows has no O_NOFOLLOW (undefined there, whatever the types say).
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
    handle = await open(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    if (!(await handle.stat()).isFile()) {
      await handle.close();
      return null;
    }
    return handle;
  } catch {
    await handle?.close().catch(() => undefined);
    return null;
  }
}

/**
 * Reads a small file whole if its real path lies inside `root`; null otherwise. For the
 * renderer's own files, which a packaged app keeps inside its asar archive: Electron resolves
 * realpath and readFile there, but not every low-level open, so openInside cannot be used.
 */
export async function readInside(root: string, file: string): Promise<Buffer | null> {
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
    if (!isInside(realRoot, realFile)) return null;
    return await readFile(realFile);
  } catch {
    return null;
  }
}
