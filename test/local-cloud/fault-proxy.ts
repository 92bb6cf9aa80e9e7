/**
 * A fault-injecting HTTP proxy on loopback (test code, never shipped): put it in front of any
 * local-cloud endpoint (usually the S3 gateway) to copy what flaky networks and a busy S3 do —
 * connections that die mid-transfer, 500 InternalError / 503 SlowDown answers, and requests that
 * are accepted, read to the end and never answered (a stalled middlebox or a hung server).
 * The Host header is passed through unchanged, so SigV4 signatures made for the proxy's address
 * still verify behind it. Faults are faked here; the target never sees refused requests.
 */
import { request as httpRequest } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Countdown, listenOnLoopback } from './http-util';
import { s3FaultFor, sendS3Error } from './s3-error';

export type DropDirection = 'request' | 'response';

export interface FaultProxyCounters {
  /** Every request that reached the proxy. */
  requests: number;
  /** Requests passed to the target. */
  forwarded: number;
  /** Requests answered with an injected status. */
  failed: number;
  /** Connections actually cut. */
  dropped: number;
  /** Requests read and then never answered. */
  stalled: number;
  bytesToTarget: number;
  bytesFromTarget: number;
}

export interface FaultProxyKnobs {
  /** Cut the connection of each of the next `count` requests once `bytes` bytes have flowed in
   * `direction` (response body by default; 0 = before any answer). */
  dropConnectionsAfterBytes(bytes: number, count?: number, direction?: DropDirection): void;
  /** Answer the next `count` requests with `status` (503 → SlowDown, 500 → InternalError). */
  failNext(status: number, count?: number): void;
  /** Read each of the next `count` requests that `matches` (all, by default) to the end and never
   * answer it; the connection stays open until the client gives up or the proxy stops. */
  stallNext(count?: number, matches?: (method: string, path: string) => boolean): void;
  /** Clears pending faults (counters stay). */
  reset(): void;
}

export interface RunningFaultProxy {
  readonly endpoint: string;
  readonly knobs: FaultProxyKnobs;
  readonly counters: FaultProxyCounters;
  stop(): Promise<void>;
}

/** A request that went through the proxy, as the client saw it. */
export interface ProxiedRequest {
  readonly method: string;
  readonly url: string;
}

/** Watches traffic in pass-through mode (e.g. to count the parts a client sends). */
export interface ProxyObserver {
  /** A request arrived, before any fault is chosen for it. */
  onRequest?(request: ProxiedRequest): void;
  /** The target's whole answer was handed to the client. */
  onAnswered?(request: ProxiedRequest, status: number): void;
}

/** Starts a proxy forwarding to `target` (e.g. `http://127.0.0.1:4568`). */
export async function startFaultProxy(options: {
  target: string;
  port?: number;
  observer?: ProxyObserver;
}): Promise<RunningFaultProxy> {
  const target = new URL(options.target);
  const counters: FaultProxyCounters = {
    requests: 0,
    forwarded: 0,
    failed: 0,
    dropped: 0,
    stalled: 0,
    bytesToTarget: 0,
    bytesFromTarget: 0,
  };
  const failing = new Countdown();
  let failStatus = 503;
  const dropping = new Countdown();
  let drop = { bytes: 0, direction: 'response' as DropDirection };
  const stalling = new Countdown();
  let stallMatches = (_method: string, _path: string) => true;

  const cut = (req: IncomingMessage, res: ServerResponse): void => {
    counters.dropped += 1;
    req.socket.destroy();
    res.destroy();
  };

  function relay(
    req: IncomingMessage,
    res: ServerResponse,
    dropAt: { bytes: number; direction: DropDirection } | undefined,
  ): void {
    counters.forwarded += 1;
    let sent = 0;
    let received = 0;
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        if (dropAt?.direction === 'response' && dropAt.bytes === 0) {
          answer.resume();
          cut(req, res);
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        res.flushHeaders();
        answer.on('data', (chunk: Buffer) => {
          if (res.destroyed) return;
          counters.bytesFromTarget += chunk.length;
          if (dropAt?.direction === 'response' && received + chunk.length >= dropAt.bytes) {
            res.write(chunk.subarray(0, dropAt.bytes - received));
            received = dropAt.bytes;
            upstream.destroy();
            cut(req, res);
            return;
          }
          received += chunk.length;
          res.write(chunk);
        });
        answer.on('end', () => {
          if (res.destroyed) return;
          res.end(() =>
            options.observer?.onAnswered?.(
              { method: req.method ?? '', url: req.url ?? '' },
              answer.statusCode ?? 502,
            ),
          );
        });
      },
    );
    upstream.on('error', () => res.destroy());
    req.on('data', (chunk: Buffer) => {
      if (upstream.destroyed) return;
      if (dropAt?.direction === 'request' && sent + chunk.length >= dropAt.bytes) {
        upstream.destroy();
        cut(req, res);
        return;
      }
      sent += chunk.length;
      counters.bytesToTarget += chunk.length;
      upstream.write(chunk);
    });
    req.on('end', () => upstream.end());
  }

  const server = await listenOnLoopback((req, res) => {
    counters.requests += 1;
    options.observer?.onRequest?.({ method: req.method ?? '', url: req.url ?? '' });
    if (stallMatches(req.method ?? '', req.url ?? '') && stalling.take()) {
      counters.stalled += 1;
      req.resume(); // read every byte sent, answer none
      return;
    }
    if (failing.take()) {
      counters.failed += 1;
      req.resume();
      req.on('end', () => {
        const { code, message } = s3FaultFor(failStatus);
        sendS3Error(res, failStatus, code, message);
      });
      return;
    }
    relay(req, res, dropping.take() ? { ...drop } : undefined);
  }, options.port ?? 0);

  return {
    endpoint: server.endpoint,
    counters,
    knobs: {
      dropConnectionsAfterBytes(bytes, count = 1, direction = 'response') {
        drop = { bytes: Math.max(0, bytes), direction };
        dropping.set(count);
      },
      failNext(status, count = 1) {
        failStatus = status;
        failing.set(count);
      },
      stallNext(count = 1, matches = () => true) {
        stallMatches = matches;
        stalling.set(count);
      },
      reset() {
        failing.set(0);
        dropping.set(0);
        stalling.set(0);
      },
    },
    stop: () => server.stop(),
  };
}
