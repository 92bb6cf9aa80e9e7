import type { Importer } from '../import/importer';
import { AppError } from '../model/app-error';
import type { HandlerTable } from './handler-table';

export interface ImportHandlerDeps {
  readonly importer: Pick<Importer, 'start' | 'cancel'>;
  /** Shows the OS file or folder picker; absent where the renderer picks by itself. */
  readonly pickPaths?: (kind: 'files' | 'folder') => Promise<string[] | null>;
}

/** Importing paths on this computer, from a drop or the OS picker. */
export function importHandlers(
  deps: ImportHandlerDeps,
): Pick<HandlerTable, 'import.start' | 'import.cancel' | 'import.pick' | 'import.received'> {
  return {
    'import.start': async ({ paths }) => ({ jobId: deps.importer.start(paths), rejected: [] }),
    'import.cancel': async ({ jobId }) => ({ cancelled: deps.importer.cancel(jobId) }),
    'import.pick': async ({ kind }) => {
      if (!deps.pickPaths)
        throw new AppError('not-supported', 'This host has no file picker in main.');
      const picked = await deps.pickPaths(kind);
      return picked && picked.length > 0
        ? { jobId: deps.importer.start(picked), rejected: [] }
        : null;
    },
    // Only the browser host receives files (it serves this channel itself: hosts/web/).
    'import.received': async () => {
      throw new AppError('not-supported', 'This host imports files where they are, not uploads.');
    },
  };
}
