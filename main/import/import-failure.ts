import type { ImportFailure, ImportFailureReason } from '../../contract/import';
import { CodedError } from '../model/coded-error';

/** A file that cannot be imported, with a reason a person can read. */
export class ImportFileError extends CodedError<ImportFailureReason> {
  toFailure(path: string): ImportFailure {
    return { path, reason: this.code, message: this.message };
  }
}

/**
 * The words for a file or folder the system would not open, naming the real cause: a path
 * longer than the system allows is not a permissions problem (docs/reliability.md).
 */
export function openFailureMessage(error: unknown, what: 'file' | 'folder'): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENAMETOOLONG':
      return `This ${what}'s path is longer than the system allows; move it to a folder with a shorter path and import it from there.`;
    case 'EACCES':
    case 'EPERM':
      return `Shoebox is not allowed to read this ${what} (check its permissions).`;
    case 'ENOENT':
      return `This ${what} no longer exists.`;
    case 'EMFILE':
    case 'ENFILE':
      return `Too many files are open at once to read this ${what}; try again.`;
    case 'EIO':
      return `This ${what} could not be read (the disk reported an error).`;
    default:
      return `This ${what} could not be opened (${code ?? 'unknown error'}).`;
  }
}
