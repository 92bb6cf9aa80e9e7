import { statfs, stat } from 'node:fs/promises';
import { CodedError } from '../model/coded-error';

/** The disk holding the library has no room for what is being written. */
export class DiskFullError extends CodedError<'disk-full'> {
  constructor(message: string, options?: ErrorOptions) {
    super('disk-full', message, options);
  }
}

/** Kept free beyond what a write needs: the catalog and its WAL grow too. */
export const diskMarginBytes = 2 * 1024 * 1024;

/** Bytes free to this process on the disk holding `folder`; null where it cannot be told. */
export async function freeBytes(folder: string): Promise<number | null> {
  try {
    const info = await statfs(folder);
    return info.bavail * info.bsize;
  } catch {
    return null;
  }
}

/** Whether an error says the disk is full: the system's ENOSPC/EDQUOT, or SQLite's SQLITE_FULL. */
export function isDiskFull(error: unknown): boolean {
  const { code, errcode, message } = (error ?? {}) as {
    code?: unknown;
    errcode?: unknown;
    message?: unknown;
  };
  if (code === 'ENOSPC' || code === 'EDQUOT') return true;
  // node:sqlite reports SQLite's result code in errcode (13 = SQLITE_FULL).
  return (
    errcode === 13 || (typeof message === 'string' && /database or disk is full/.test(message))
  );
}

/** "the disk holding your library is full (needs 12 MB more)", for `short` bytes short. */
export function diskFullMessage(shortBytes: number): string {
  const mb = Math.max(1, Math.ceil(shortBytes / (1024 * 1024)));
  return `The disk holding your library is full (needs ${mb} MB more).`;
}

/** The total size of `files` (those that can be stat'ed). */
export async function totalSize(files: readonly string[]): Promise<number> {
  const sizes = await Promise.all(
    files.map((file) =>
      stat(file).then(
        (s) => s.size,
        () => 0,
      ),
    ),
  );
  return sizes.reduce((sum, size) => sum + size, 0);
}
