import type { ExportJobs } from '../export/export-jobs';
import { AppError } from '../model/app-error';
import { resolveTargets, type ViewIds } from '../photos/photo-targets';
import type { HandlerTable } from './handler-table';

export interface ExportHandlerDeps {
  readonly jobs: Pick<ExportJobs, 'startFolder' | 'prepareDownload' | 'cancel' | 'reveal'>;
  readonly viewIds: ViewIds;
  /** The desktop's folder dialog; absent where exports are downloads (browser host). */
  readonly pickFolder?: () => Promise<string | null>;
}

/**
 * Exporting originals: into a chosen folder on the desktop; in a browser, a download of the
 * original itself for one photo, a zip for more.
 */
export function exportHandlers(
  deps: ExportHandlerDeps,
): Pick<HandlerTable, 'export.start' | 'export.cancel' | 'export.reveal'> {
  return {
    'export.start': async ({ targets }) => {
      const ids = resolveTargets(targets, deps.viewIds);
      if (ids.length === 0) throw new AppError('invalid-request', 'No photos to export.');
      if (!deps.pickFolder) return deps.jobs.prepareDownload(ids);
      const folder = await deps.pickFolder();
      return folder === null ? null : deps.jobs.startFolder(ids, folder);
    },
    'export.cancel': async ({ jobId }) => ({ cancelled: deps.jobs.cancel(jobId) }),
    'export.reveal': async ({ jobId }) => ({ revealed: deps.jobs.reveal(jobId) }),
  };
}
