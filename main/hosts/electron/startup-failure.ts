import { LibraryFolderError } from '../../library/library-folder';
import { LibraryLockedError } from '../../library/library-lock';

/** What the desktop app shows, and how it exits, when it cannot start. */
export interface StartupFailure {
  readonly title: string;
  readonly message: string;
  readonly exitCode: number;
}

/** The exit code the web host also uses for a library another process holds. */
export const libraryLockedExitCode = 3;

/**
 * Chooses the dialog for an error that stopped start-up: a library another process holds and a
 * folder that cannot be written are named in their own words (docs/reliability.md); anything
 * else is shown as it is, so the app never lingers without a window or a word.
 */
export function startupFailure(error: unknown): StartupFailure {
  if (error instanceof LibraryLockedError) {
    return {
      title: 'This library is already open',
      message: error.message,
      exitCode: libraryLockedExitCode,
    };
  }
  if (error instanceof LibraryFolderError) {
    return { title: 'Shoebox cannot use its library folder', message: error.message, exitCode: 1 };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { title: 'Shoebox could not start', message, exitCode: 1 };
}
