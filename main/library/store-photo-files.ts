import { mkdir, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';

/**
 * Writes a content-addressed file once: to a temporary name, flushed to the disk, then renamed
 * into place and the folder flushed, so neither a crash nor a power cut leaves a half-written
 * file under a final name, and the file is on the disk before the catalog row that names it
 * (docs/reliability.md, "Files before rows"). An existing file is kept.
 */
export async function writeContentAddressed(file: string, bytes: Uint8Array): Promise<void> {
  if (await exists(file)) return;
  const folder = dirname(file);
  const temporary = `${file}.${randomUUID()}.partial`;
  try {
    const handle = await openInFolder(temporary, folder);
    try {
      await writeAll(handle, bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    // A full disk, say: leave no partial file taking the space.
    await rm(temporary, { force: true });
    throw error;
  }
  await syncFolder(folder);
}

/**
 * Opens a new file for writing, making its folder only when it is missing: content-addressed
 * folders (256 of each kind) soon all exist, and asking for one costs calls for every file.
 */
async function openInFolder(file: string, folder: string): Promise<FileHandle> {
  try {
    return await open(file, 'w');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(folder, { recursive: true });
    return await open(file, 'w');
  }
}

/**
 * Writes all the bytes, in one call where the OS takes them at once: `FileHandle.writeFile`
 * writes 512 KiB at a time, a round trip through the thread pool each (a dozen for a 6 MB photo).
 */
async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < bytes.byteLength) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.byteLength - offset, offset);
    if (bytesWritten === 0) throw new Error('The disk accepted no bytes.');
    offset += bytesWritten;
  }
}

/** Makes a rename in `folder` durable; a no-op where folders cannot be opened (Windows). */
async function syncFolder(folder: string): Promise<void> {
  let handle;
  try {
    handle = await open(folder, 'r');
  } catch {
    return;
  }
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}

/** Whether anything is at `file` (an unreadable path counts as absent). */
export async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
