/**
 * The browser host's entry (`npm run start:web`): Node's compile cache is turned on before the
 * host's modules load (static imports would load them first), then the host starts
 * (web-host-main.ts).
 */
import { useCompileCache } from './compile-cache';

useCompileCache();
const { startBrowserHost } = await import('./web-host-main');
startBrowserHost(import.meta.url);
