import type * as Http from 'node:http';
import type { RequestListener, Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { CodedError } from '../model/coded-error';

// Required, not imported: an ES import of node:http reads every export to build its module
// namespace, and reading WebSocket (Node 22) loads all of undici first, which costs tens of
// milliseconds of the browser host's start-up (docs/architecture.md, "Start-up").
const { createServer } = createRequire(import.meta.url)('node:http') as typeof Http;

/** Both loopback addresses: browsers resolve `localhost` (and `*.localhost`) to ::1 first. */
export const loopbackAddresses = ['127.0.0.1', '::1'] as const;

export class LoopbackBusyError extends CodedError<'loopback-busy'> {
  constructor(
    readonly address: string,
    readonly port: number,
  ) {
    super('loopback-busy', `Another program is listening on ${address} port ${port}.`);
  }
}

export interface LoopbackListener {
  readonly port: number;
  /** The servers, one per loopback address (for `upgrade` listeners and the like). */
  readonly servers: readonly Server[];
  close(): Promise<void>;
}

/**
 * Serves `handler` on 127.0.0.1 and [::1] at the same port. If another program holds either
 * address at that port this refuses (LoopbackBusyError) rather than let it receive what the
 * browser sends to `localhost`. Port 0 picks a port free on both. A machine without IPv6 gets
 * 127.0.0.1 alone, which is then the only address `localhost` can reach.
 */
export async function listenOnLoopback(
  handler: RequestListener,
  port: number,
): Promise<LoopbackListener> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await listenOnBoth(handler, port);
    } catch (error) {
      // A free IPv4 port may be taken on IPv6: pick another when the caller let us choose.
      if (!(error instanceof LoopbackBusyError) || port !== 0 || attempt >= 10) throw error;
    }
  }
}

async function listenOnBoth(handler: RequestListener, port: number): Promise<LoopbackListener> {
  const servers: Server[] = [];
  const close = async () => {
    await Promise.all(
      servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      ),
    );
  };
  let chosen = port;
  for (const address of loopbackAddresses) {
    const server = createServer(handler);
    try {
      await listen(server, chosen, address);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (address === '::1' && (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT')) continue;
      await close();
      if (code === 'EADDRINUSE' || code === 'EACCES') throw new LoopbackBusyError(address, chosen);
      throw error;
    }
    servers.push(server);
    chosen = (server.address() as AddressInfo).port;
  }
  return { port: chosen, servers, close };
}

function listen(server: Server, port: number, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host: address, ipv6Only: address === '::1' }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
