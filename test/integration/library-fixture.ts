import type { EventName, EventPayloads } from '../../contract/channels';
import type { ImportFailure, ImportProgress } from '../../contract/import';
import { createServices, type Services } from '../../main/services';

export interface RecordedEvents {
  readonly progress: ImportProgress[];
  readonly changed: number[];
  failures(): ImportFailure[];
}

/** Real services on a data dir, with every event they emit recorded. */
export function servicesWithEvents(dataDir: string): {
  services: Services;
  events: RecordedEvents;
} {
  const progress: ImportProgress[] = [];
  const changed: number[] = [];
  const emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => {
    if (event === 'import.progress') progress.push(payload as ImportProgress);
    else changed.push((payload as EventPayloads['library.changed']).added);
  };
  const services = createServices({ dataDir, version: 'test', host: 'web' }, { emit });
  return {
    services,
    events: { progress, changed, failures: () => progress.flatMap((p) => p.newFailures) },
  };
}

/** Starts an import and waits for its last progress event. */
export async function importAndWait(services: Services, events: RecordedEvents, roots: string[]) {
  const jobId = services.importer.start(roots);
  await services.importer.whenIdle();
  const mine = events.progress.filter((p) => p.jobId === jobId);
  const last = mine[mine.length - 1];
  if (!last) throw new Error('the import emitted no progress');
  return {
    last,
    failures: mine.flatMap((p) => p.newFailures),
    duplicates: mine.flatMap((p) => p.newDuplicates),
  };
}
