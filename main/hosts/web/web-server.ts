import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { listenOnLoopback, LoopbackBusyError } from '../../auth/loopback-listener';
import { join } from 'node:path';
import type { WebSocket, WebSocketServer } from 'ws';
import type { EventName, EventPayloads } from '../../../contract/channels';
import { dispatch } from '../../ipc/dispatch';
import { mediaCacheControl, openMedia } from '../../media/open-media';
import type { Services } from '../../services';
import { securityHeaders } from '../../media/security-headers';
import { receiveUpload } from './upload-receiver';
import { UploadRefusal } from './upload-refusal';
import { StagingArea, type StagingLimits } from './staging-area';
import { sendHandle, serveStatic } from './static-files';
import { openInside } from '../../library/open-inside';
import { serveRequests } from './socket-requests';
import { appHostName, cookieToken, isTrustedOrigin, tokenCookie, tokenMatches } from './web-auth';
import { webHandlers } from './web-handlers';

export interface WebServerOptions {
  readonly services: Services;
  readonly rendererDir: string;
  readonly token: string;
  readonly port: number;
  /** This run's `<random>.localhost` name (appHostName); tests may fix it. */
  readonly hostName?: string;
  /** Quotas and idle expiry of upload staging (defaultStagingLimits); tests make them small. */
  readonly staging?: StagingLimits;
}

export interface WebServer {
  readonly url: string;
  broadcast<E extends EventName>(event: E, payload: EventPayloads[E]): void;
  close(): Promise<void>;
}

const maxMessageBytes = 1024 * 1024;

/** The browser host's server: the renderer, media, uploads and the handler table over a WebSocket. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { services, rendererDir, token } = options;
  const hostName = options.hostName ?? appHostName();
  const staging = new StagingArea(services.paths.incoming, services.paths.root, options.staging);
  const handlers = webHandlers(services.handlers, {
    incoming: services.paths.incoming,
    staging,
    importer: services.importer,
  });
  const sockets = new Set<WebSocket>();
  // ws loads once the page's script has been sent, while the browser runs it: the page's socket
  // comes later (docs/architecture.md, "Start-up"). Loading it sooner held the page and its
  // script back by the time the load took.
  let loadingWs: Promise<WebSocketServer> | null = null;
  const webSockets = () =>
    (loadingWs ??= import('ws').then(
      ({ WebSocketServer }) => new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes }),
    ));
  const sweeper = setInterval(() => {
    staging.expireIdle().catch((error: unknown) => {
      console.error('[shoebox] could not delete idle uploads:', error);
    });
  }, staging.sweepEveryMs);
  sweeper.unref();
  // Set once listening; `<name>.localhost:<port>` is the only Host this server answers.
  let appHost = '';

  const onRequest = (request: IncomingMessage, response: ServerResponse) => {
    handleHttp(request, response).catch((error: unknown) => {
      services.log.error('request failed', { error, path: request.url?.split('?')[0] ?? '' });
      if (!response.headersSent) response.writeHead(500).end('Internal error');
    });
  };

  async function handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(securityHeaders)) response.setHeader(name, value);
    const url = new URL(request.url ?? '/', 'http://host');
    const isPost = request.method === 'POST';
    if (!isTrustedOrigin(request, appHost, isPost)) {
      deny(response, 403, 'Untrusted host or origin: open the address the host printed.');
      return;
    }
    const queryToken = url.searchParams.get('token');
    if (request.method === 'GET' && url.pathname === '/' && tokenMatches(token, queryToken)) {
      response.setHeader(
        'set-cookie',
        `${tokenCookie}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      );
      const page = await openInside(rendererDir, join(rendererDir, 'index.html'));
      if (!page) {
        deny(response, 404, 'The renderer is not built (npm run build).');
        return;
      }
      await sendHandle(response, page, 'text/html; charset=utf-8', 'no-store');
      return;
    }
    if (!tokenMatches(token, cookieToken(request))) {
      deny(response, 401, 'Open Shoebox with the address the browser host printed (SHOEBOX_URL).');
      return;
    }
    if (request.method === 'GET') return handleGet(url.pathname, response);
    if (isPost && url.pathname.startsWith('/upload/')) return handleUpload(url, request, response);
    deny(response, 405, 'Method not allowed.');
  }

  async function handleGet(pathname: string, response: ServerResponse): Promise<void> {
    if (pathname.startsWith('/media/')) {
      const media = await openMedia(
        (mediaPath) => services.resolveMedia(mediaPath),
        services.paths.root,
        pathname.slice('/media/'.length),
      );
      if (media.status !== 200) {
        deny(response, media.status, media.message);
        return;
      }
      await sendHandle(response, media.handle, media.contentType, mediaCacheControl);
      return;
    }
    if (pathname.startsWith('/export/')) {
      handleExport(pathname, response);
      return;
    }
    const path = pathname === '/' ? '/index.html' : pathname;
    if (!(await serveStatic(rendererDir, path, response))) deny(response, 404, 'Not found.');
    else if (path.endsWith('.js')) void webSockets().catch(() => undefined);
  }

  /**
   * An export's download, streamed as it is made (ExportJobs.streamDownload): one photo's
   * original under its own name, or a zip. Each can be fetched once.
   */
  function handleExport(pathname: string, response: ServerResponse): void {
    const jobId = /^\/export\/([0-9a-f-]{36})(?:\.zip)?$/.exec(pathname)?.[1];
    if (!jobId) {
      deny(response, 404, 'Not found.');
      return;
    }
    const download = services.exports.downloadOf(jobId);
    if (!download) {
      deny(response, 410, 'This export has already been downloaded or was cancelled.');
      return;
    }
    const file =
      download.kind === 'zip'
        ? { name: exportZipName(new Date()), contentType: 'application/zip' }
        : download;
    response.setHeader('content-type', file.contentType);
    response.setHeader('content-disposition', attachment(file.name));
    response.setHeader('cache-control', 'no-store');
    services.exports.streamDownload(jobId, response);
  }

  /** One file of a drop, `POST /upload/<batch>?path=<relative path>`; `import.received` imports the batch. */
  async function handleUpload(
    url: URL,
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> {
    const [, , batchId = '', ...rest] = url.pathname.split('/');
    if (rest.length > 0) {
      deny(response, 404, 'Not found.');
      return;
    }
    try {
      await receiveUpload(
        services.paths.incoming,
        staging,
        batchId,
        url.searchParams.get('path') ?? '',
        request,
      );
      response.writeHead(204).end();
    } catch (error) {
      if (error instanceof UploadRefusal) {
        deny(response, error.status, error.message);
        return;
      }
      throw error;
    }
  }

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://host');
    const trusted =
      isTrustedOrigin(request, appHost, true) && tokenMatches(token, cookieToken(request));
    if (url.pathname !== '/ws' || !trusted) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    webSockets()
      .then((wss) =>
        wss.handleUpgrade(request, socket, head, (ws) => {
          sockets.add(ws);
          ws.on('close', () => sockets.delete(ws));
          // An oversized or malformed frame is that socket's problem, never the host's.
          ws.on('error', () => ws.terminate());
          serveRequests(ws, (channel, payload) =>
            dispatch(handlers, channel, payload, services.log),
          );
        }),
      )
      .catch((error: unknown) => {
        services.log.error('WebSocket upgrade failed', { error });
        socket.destroy();
      });
  };

  // Both loopback addresses: the browser tries ::1 first for `*.localhost`, and a program
  // squatting [::1] at this port would otherwise receive the token cookie.
  const listener = await listenOnLoopback(onRequest, options.port).catch((error: unknown) => {
    if (!(error instanceof LoopbackBusyError)) throw error;
    throw new Error(`${error.message} Choose another --port, or 0 for a free one.`);
  });
  for (const server of listener.servers) server.on('upgrade', onUpgrade);
  appHost = `${hostName}:${listener.port}`;

  return {
    url: `http://${appHost}/?token=${token}`,
    broadcast(event, payload) {
      const text = JSON.stringify({ event, payload });
      for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text);
    },
    async close() {
      clearInterval(sweeper);
      for (const ws of sockets) ws.terminate();
      (await loadingWs?.catch(() => null))?.close();
      await listener.close(); // closes idle keep-alive connections too
    },
  };
}

/** "Shoebox export 2026-12-04 0415.zip", in local time, safe in a header. */
export function exportZipName(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  return `Shoebox export ${day} ${pad(at.getHours())}${pad(at.getMinutes())}.zip`;
}

/**
 * A Content-Disposition for saving as `name`: an ASCII stand-in for old clients, and the name
 * itself percent-encoded as UTF-8 (RFC 6266 and 8187), which every current browser prefers.
 */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

function deny(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(message);
}
