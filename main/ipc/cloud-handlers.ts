import type { CloudWork } from '../coordinator/cloud-work';
import type { HandlerTable } from './handler-table';

/** The upload queue's controls and sync on demand (the window gaining focus). */
export function cloudHandlers(
  work: CloudWork,
): Pick<
  HandlerTable,
  'cloud.status' | 'cloud.pause' | 'cloud.resume' | 'cloud.cancel' | 'cloud.sync'
> {
  return {
    'cloud.status': async () => work.status(),
    'cloud.pause': async ({ id }) => work.uploads.pause(id),
    'cloud.resume': async ({ id }) => work.uploads.resume(id),
    'cloud.cancel': async ({ id }) => work.uploads.cancel(id),
    'cloud.sync': async () => {
      if (!work.isSignedIn()) return { started: false };
      void work.sync.run();
      return { started: true };
    },
  };
}
