import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { EventName, EventPayloads } from '../../../contract/channels';
import type { ExportProgress } from '../../../contract/export';
import { createServices, type Ports, type Services } from '../../../main/services';

export const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export async function fileSha256(file: string): Promise<string> {
  return sha256Of(await readFile(file));
}

/**
 * Real services on `dataDir` whose exports go where the desktop's folder dialog answers
 * (`{ folder }`, null: closed), or are zips (`'zip'`, the browser host); every export.progress
 * is recorded and `onProgress` may act on it as it comes.
 */
export function exportingServices(
  dataDir: string,
  destination: { readonly folder: string | null } | 'zip',
  onProgress: (progress: ExportProgress, services: Services) => void = () => undefined,
): {
  services: Services;
  progress: ExportProgress[];
  finished(jobId: string): Promise<ExportProgress>;
} {
  const progress: ExportProgress[] = [];
  const waiting = new Map<string, (last: ExportProgress) => void>();
  let services: Services | null = null;
  const emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => {
    if (event !== 'export.progress') return;
    const update = payload as ExportProgress;
    progress.push(update);
    if (services) onProgress(update, services);
    if (update.state !== 'running') waiting.get(update.jobId)?.(update);
  };
  const desktop = destination !== 'zip';
  const ports: Ports = desktop
    ? { emit, pickExportFolder: async () => destination.folder }
    : { emit };
  services = createServices(
    { dataDir, version: 'test', host: desktop ? 'electron' : 'web' },
    ports,
  );
  return {
    services,
    progress,
    finished: (jobId) => {
      const done = progress.find((p) => p.jobId === jobId && p.state !== 'running');
      if (done) return Promise.resolve(done);
      return new Promise((resolve) => waiting.set(jobId, resolve));
    },
  };
}

/** Imports every photo under `folder` and answers them as the catalog has them. */
export async function importPhotos(services: Services, folder: string, expected: number) {
  services.importer.start([folder]);
  await services.importer.whenIdle();
  const page = services.photos.page({ sort: 'imported-desc', offset: 0, limit: 1000 });
  if (page.total !== expected) throw new Error(`imported ${page.total}, not ${expected}`);
  return page.items.map((item) => {
    const photo = services.photos.get(item.id);
    if (!photo) throw new Error(`photo ${item.id} vanished`);
    return photo;
  });
}
