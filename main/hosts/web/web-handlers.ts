import { AppError } from '../../model/app-error';
import type { HandlerTable } from '../../ipc/handler-table';

/**
 * The handler table as the browser host serves it. A page cannot name files on this computer,
 * so its own page never asks `import.start`; it sends files, which land in incoming/ and are
 * imported from there. Whoever else asks for a host path over the socket is refused, so even
 * a stolen token cannot import (and upload) any file the user can read.
 */
export function webHandlers(handlers: HandlerTable): HandlerTable {
  return {
    ...handlers,
    'import.start': async () => {
      throw new AppError(
        'not-supported',
        'The browser host imports only files sent to it: drop them on the page or pick them.',
      );
    },
  };
}
