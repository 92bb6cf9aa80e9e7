/**
 * Imports a folder into a library in its own process, for the kill -9 test
 * (kill-during-import.test.ts forks it with `node --import tsx` and SIGKILLs it at some point).
 * Sends `started` once the import runs, `progress` (photos done so far) as it goes, and `done`
 * when it ends. Test code, never shipped.
 */
import { createServices } from '../../main/services';

const [dataDir, source] = process.argv.slice(2) as [string, string];
const services = createServices(
  { dataDir, version: 'test', host: 'web' },
  {
    emit: (event, payload) => {
      if (event === 'import.progress') {
        process.send?.({ type: 'progress', done: (payload as { done: number }).done });
      }
    },
  },
);
await services.reconciled;
await services.importer.whenIdle();
services.importer.start([source]);
process.send?.({ type: 'started' });
await services.importer.whenIdle();
await services.close();
process.send?.({ type: 'done' });
