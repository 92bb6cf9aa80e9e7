import type { Backend } from '../coordinator/backend';
import type { CloudWork } from '../coordinator/cloud-work';
import type { HandlerTable } from './handler-table';

/** The upload queue's controls, sync on demand (the window gaining focus), the backend config. */
export function cloudHandlers(
  work: CloudWork,
  backend: Pick<Backend, 'replace'>,
): Pick<
  HandlerTable,
  | 'cloud.status'
  | 'cloud.pause'
  | 'cloud.resume'
  | 'cloud.cancel'
  | 'cloud.sync'
  | 'cloud.setConfig'
> {
  return {
    'cloud.status': async () => work.status(),
    'cloud.pause': async ({ id }) => work.pauseUploads(id),
    'cloud.resume': async ({ id }) => work.resumeUploads(id),
    'cloud.cancel': async ({ id }) => work.cancelUploads(id),
    'cloud.sync': async () => {
      if (!work.isSignedIn()) return { started: false };
      void work.syncNow();
      return { started: true };
    },
    'cloud.setConfig': async ({ text }) => backend.replace(text),
  };
}
