import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import type { BufferPool } from '../library/buffer-pool';
import { ImportFileError, openFailureMessage } from './import-failure';

/** Larger files are refused before they are read into memory. */
export const maxPhotoBytes = 512 * 1024 * 1024;

export interface PhotoFile {
  /** The file's bytes, in a pooled buffer: valid until `release()`. */
  readonly bytes: Buffer;
  readonly sha256: string;
  release(): void;
}

/**
 * Reads a file the walker found. Opened without following links (O_NOFOLLOW where the OS
 * has it), so a file swapped for a link after the walk is refused rather than followed.
 */
export async function readPhotoFile(path: string, pool: BufferPool): Promise<PhotoFile> {
  let handle;
  try {
    // Windows has no O_NOFOLLOW (undefined there, whatever the types say).
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
    handle = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    throw openError(error);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) {
      throw new ImportFileError('special-file', 'This is not a regular file.');
    }
    if (stats.size === 0) throw new ImportFileError('empty-file', 'This file is empty (0 bytes).');
    if (stats.size > maxPhotoBytes) {
      throw new ImportFileError(
        'too-large',
        `This file is ${formatMiB(stats.size)}; Shoebox imports photos up to ${formatMiB(maxPhotoBytes)}.`,
      );
    }
    const buffer = pool.acquire(stats.size);
    try {
      const bytes = await readFully(handle, buffer, stats.size);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      return { bytes, sha256, release: () => pool.release(buffer) };
    } catch (error) {
      pool.release(buffer);
      throw error;
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError(
      'unreadable',
      'This file could not be read (the disk reported an error).',
    );
  } finally {
    await handle.close();
  }
}

function openError(error: unknown): ImportFileError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new ImportFileError('not-found', 'This file no longer exists.');
  if (code === 'ELOOP') {
    return new ImportFileError(
      'link-outside-drop',
      'This file was replaced by a link; Shoebox does not follow it.',
    );
  }
  return new ImportFileError('unreadable', openFailureMessage(error, 'file'));
}

function formatMiB(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

async function readFully(handle: FileHandle, buffer: Buffer, size: number): Promise<Buffer> {
  let offset = 0;
  while (offset < size) {
    const { bytesRead } = await handle.read(buffer, offset, size - offset, offset);
    if (bytesRead === 0) {
      throw new ImportFileError('unreadable', 'This file got shorter while it was being read.');
    }
    offset += bytesRead;
  }
  return buffer.subarray(0, size);
}
