import { makePrivateDataDir } from './private-data-dir';
import { CodedError } from '../model/coded-error';

/** The library folder cannot be used at all: read-only, not allowed, not a folder. */
export class LibraryFolderError extends CodedError<'library-folder-unusable'> {
  constructor(message: string, options?: ErrorOptions) {
    super('library-folder-unusable', message, options);
  }
}

/**
 * Words naming why the library folder cannot be written, instead of SQLite's "unable to open
 * database file" (docs/reliability.md). Answers null for errors that are about something else.
 */
export function explainFolderError(folder: string, error: unknown): LibraryFolderError | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const because: Record<string, string> = {
    EROFS: 'it is on a read-only disk',
    EACCES: 'this user is not allowed to write there (check its permissions)',
    EPERM: 'this user is not allowed to write there (check its permissions)',
    ENOTDIR: 'part of its path is a file, not a folder',
    ENAMETOOLONG: 'its path is longer than the system allows',
    ENOSPC: 'the disk holding it is full',
  };
  const reason = code ? because[code] : undefined;
  if (!reason) return null;
  return new LibraryFolderError(
    `Shoebox cannot use the library folder ${folder}: ${reason}. Nothing was changed; choose another folder or fix this one.`,
    { cause: error },
  );
}

/**
 * Creates the library folder if needed and makes it owner-only, naming the real cause when it
 * cannot be.
 */
export function ensureLibraryFolder(folder: string): void {
  try {
    makePrivateDataDir(folder);
  } catch (error) {
    throw explainFolderError(folder, error) ?? error;
  }
}
