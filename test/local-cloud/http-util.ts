// Small HTTP plumbing shared by the local-cloud stand-ins (test code, never shipped).
import { createServer } from 'node:http';
import type {
  IncomingMessage,
  OutgoingHttpHeaders,
  RequestListener,
  ServerResponse,
} from 'node:http';
import { Http2ServerResponse, createServer as createH2cServer } from 'node:http2';
import type { Http2ServerRequest } from 'node:http2';
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { randomUUID } from 'node:crypto';

export type StandInRequest = IncomingMessage | Http2ServerRequest;
export type StandInResponse = ServerResponse | Http2ServerResponse;
export type StandInHandler = (req: StandInRequest, res: StandInResponse) => void;

/** A listening loopback server and how to stop it. */
export interface RunningServer {
  readonly endpoint: string;
  readonly port: number;
  stop(): Promise<void>;
}

const H2_PREFACE = 'PRI * HTTP/2.0';

/** Listens on 127.0.0.1 (port 0 picks a free one), HTTP/1.1 only; `stop` closes every connection. */
export function listenOnLoopback(handler: RequestListener, port = 0): Promise<RunningServer> {
  return listen(handler, undefined, port);
}

/**
 * Like listenOnLoopback, but also speaks cleartext HTTP/2 with prior knowledge (told apart by the
 * connection preface): PollyClient uses an HTTP/2 request handler by default.
 */
export function listenOnLoopbackWithH2c(handler: StandInHandler, port = 0): Promise<RunningServer> {
  return listen(handler, handler, port);
}

async function listen(
  handler1: RequestListener,
  handler2: StandInHandler | undefined,
  port: number,
): Promise<RunningServer> {
  const http1 = createServer(handler1);
  const http2 = handler2 ? createH2cServer(handler2) : undefined;
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.once('data', (first: Buffer) => {
      socket.pause();
      socket.unshift(first);
      const isH2 =
        http2 !== undefined &&
        first.subarray(0, H2_PREFACE.length).toString('latin1') === H2_PREFACE;
      (isH2 ? http2 : http1).emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    port: actual,
    endpoint: `http://127.0.0.1:${actual}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

/** writeHead for either protocol (their overloads do not unify). */
export function writeHead(
  res: StandInResponse,
  status: number,
  headers: OutgoingHttpHeaders,
): void {
  if (res instanceof Http2ServerResponse) res.writeHead(status, headers);
  else res.writeHead(status, headers);
}

/** Thrown by `readBody` when a request body is larger than the caller accepts. */
export class BodyTooLargeError extends Error {
  readonly code = 'BodyTooLarge' as const;
}

/** Buffers a request body, refusing more than `limit` bytes. */
export async function readBody(req: StandInRequest, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLargeError(`request body over ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The error body shape AWS JSON services send; `protocol` decides where the type goes. */
export function sendJsonError(
  res: StandInResponse,
  status: number,
  type: string,
  message: string,
  protocol: 'json-1.1' | 'rest-json',
): void {
  const body =
    protocol === 'json-1.1' ? { __type: type, Message: message } : { message, Message: message };
  writeHead(res, status, {
    'content-type': protocol === 'json-1.1' ? 'application/x-amz-json-1.1' : 'application/json',
    'x-amzn-errortype': type,
    'x-amzn-requestid': randomUUID(),
  });
  res.end(JSON.stringify(body));
}

/** A JSON success answer with a request id, as AWS sends. */
export function sendJson(res: StandInResponse, value: unknown, contentType: string): void {
  writeHead(res, 200, { 'content-type': contentType, 'x-amzn-requestid': randomUUID() });
  res.end(JSON.stringify(value));
}

/** Counts down "the next n requests" knobs. */
export class Countdown {
  private remaining = 0;
  set(count: number): void {
    this.remaining = Math.max(0, Math.floor(count));
  }
  /** True (and decrements) while requests are still owed. */
  take(): boolean {
    if (this.remaining <= 0) return false;
    this.remaining -= 1;
    return true;
  }
  get pending(): number {
    return this.remaining;
  }
}
