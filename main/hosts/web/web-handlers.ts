import { AppError } from '../../model/app-error';
import type { Importer } from '../../import/importer';
import type { HandlerTable } from '../../ipc/handler-table';
import type { StagingArea } from './staging-area';
import { batchFolder } from './upload-refusal';

export interface WebHandlerDeps {
  /** Where uploads are staged, one folder per batch (LibraryPaths.incoming). */
  readonly incoming: string;
  readonly staging: Pick<StagingArea, 'has' | 'handOff'>;
  readonly importer: Pick<Importer, 'start'>;
}

/**
 * The handler table as the browser host serves it. A page cannot name files on this computer,
 * so its own page never asks `import.start`; it sends files, which land in incoming/, and asks
 * `import.received` to import them from there. Whoever else asks for a host path over the socket
 * is refused, so even a stolen token cannot import (and upload) any file the user can read.
 */
export function webHandlers(handlers: HandlerTable, deps: WebHandlerDeps): HandlerTable {
  return {
    ...handlers,
    'import.start': async () => {
      throw new AppError(
        'not-supported',
        'The browser host imports only files sent to it: drop them on the page or pick them.',
      );
    },
    'import.received': async ({ batch }) => {
      const folder = batchFolder(deps.incoming, batch);
      if (!deps.staging.has(batch)) {
        throw new AppError(
          'not-found',
          'Nothing waits to be imported for this drop: it was never sent, or it sat unimported too long and was deleted. Drop the photos again.',
        );
      }
      // The importer removes the batch's files once read: they no longer count as staged.
      deps.staging.handOff(batch);
      return {
        jobId: deps.importer.start([folder], { removeRootsAfter: true, labelRelativeTo: folder }),
      };
    },
  };
}
