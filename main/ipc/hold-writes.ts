import type { Channel } from '../../contract/channels';
import type { HandlerTable } from './handler-table';

/**
 * The requests that only read the catalog (or nothing of it): what the first screen asks for,
 * served while the catalog's start-up check runs. Any other request may write and waits.
 */
const readsOnly: ReadonlySet<Channel> = new Set<Channel>([
  'app.info',
  'library.page',
  'library.photo',
  'library.ids',
  'library.days',
  'library.prepareSearch',
  'library.info',
  'auth.state',
  'voice.list',
  'albums.list',
  'labels.list',
  'labels.failures',
  'settings.get',
  'cloud.status',
]);

/**
 * The handler table with every request that may write held until `writable` resolves (the
 * catalog's start-up check, docs/architecture.md "Start-up"), then run in the order it came.
 */
export function holdWritesUntil(writable: Promise<unknown>, handlers: HandlerTable): HandlerTable {
  const held = { ...handlers } as Record<Channel, (request: never) => Promise<unknown>>;
  for (const channel of Object.keys(handlers) as Channel[]) {
    if (readsOnly.has(channel)) continue;
    const handler = handlers[channel] as (request: never) => Promise<unknown>;
    held[channel] = async (request) => {
      await writable;
      return handler(request);
    };
  }
  return held as unknown as HandlerTable;
}
