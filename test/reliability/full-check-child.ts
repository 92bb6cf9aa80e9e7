/**
 * Opens a library and starts the catalog's full check, in its own process, for the quit test
 * (quit-during-full-check.test.ts forks it with `node --import tsx`). Sends `checking` once the
 * check was asked for; told `quit`, it closes as the browser host does (services.close, then
 * process.exit). Test code, never shipped.
 */
import { createServices } from '../../main/services';

const [dataDir] = process.argv.slice(2) as [string];
// The start's own step waits a minute: the check is the one asked for below.
const services = createServices(
  { dataDir, version: 'test', host: 'web', quietStartMs: 60_000 },
  { emit: () => undefined },
);
await services.catalogChecked;
void services.checkCatalog();
process.on('message', () => {
  void services.close().then(() => process.exit(0));
});
process.send?.({ type: 'checking' });
