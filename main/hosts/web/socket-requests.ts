import type { RawData, WebSocket } from 'ws';
import { fail, type Result } from '../../../contract/result';

/** Answers one request; may reject, which is answered as `internal`, never thrown. */
export type AnswerRequest = (channel: unknown, payload: unknown) => Promise<Result<unknown>>;

export interface SocketLimits {
  /** Requests one socket may have running at once; reading from it waits beyond that. */
  readonly maxInFlight: number;
  /** Answers queued for a slow reader, in bytes, before reading from it waits. */
  readonly maxBufferedBytes: number;
}

export const defaultSocketLimits: SocketLimits = {
  maxInFlight: 32,
  maxBufferedBytes: 4 * 1024 * 1024,
};

interface Request {
  readonly id: number;
  readonly channel: unknown;
  readonly payload: unknown;
}

/**
 * Serves the request protocol (`{ id, channel, payload }` → `{ id, result }`) on one socket.
 * Whatever arrives is answered: a message that is not a request gets `invalid-request` with
 * `id: null`, a handler that fails gets `internal`. Nothing a page sends can end the host.
 * Flow control: a socket with too many requests running, or too many answers it has not read,
 * is paused (no more frames are read from it) so one flooding page cannot starve the others.
 * Every answer, a refusal included, is under that accounting.
 */
export function serveRequests(
  ws: WebSocket,
  answer: AnswerRequest,
  limits: SocketLimits = defaultSocketLimits,
): void {
  let inFlight = 0;
  // Frames already read from the connection when it was paused wait here, in order.
  const waiting: ReadRequest[] = [];

  const hasRoom = () =>
    inFlight < limits.maxInFlight && ws.bufferedAmount < limits.maxBufferedBytes;

  const drain = () => {
    while (hasRoom()) {
      const next = waiting.shift();
      if (!next) break;
      start(next);
    }
    if (ws.readyState === ws.OPEN && ws.isPaused && waiting.length === 0 && hasRoom()) ws.resume();
  };

  const reply = (id: number | null, result: Result<unknown>) => {
    if (ws.readyState !== ws.OPEN) return;
    let text: string;
    try {
      text = JSON.stringify({ id, result });
    } catch {
      text = JSON.stringify({ id, result: fail('internal', 'The answer could not be sent.') });
    }
    ws.send(text, () => drain());
  };

  // Refusals count as requests too: a page that sends garbage and never reads the answers
  // must be paused like any other, or its unread refusals grow the send buffer without bound.
  const start = (request: ReadRequest) => {
    inFlight += 1;
    const answered =
      'refusal' in request
        ? Promise.resolve(request.refusal)
        : answer(request.channel, request.payload).catch(() =>
            fail('internal', 'Something went wrong inside Shoebox; the details are in its log.'),
          );
    void answered
      .then((result) => reply(request.id, result))
      // The socket closed under the answer: there is no one left to tell.
      .catch(() => undefined)
      .finally(() => {
        inFlight -= 1;
        drain();
      });
  };

  ws.on('message', (data: RawData, isBinary: boolean) => {
    const request = readRequest(data, isBinary);
    if (hasRoom() && waiting.length === 0) return start(request);
    waiting.push(request);
    ws.pause(); // stop reading this socket until its requests have room
  });
}

type ReadRequest = Request | { readonly id: number | null; readonly refusal: Result<never> };

function readRequest(data: RawData, isBinary: boolean): ReadRequest {
  const refuse = (message: string) => ({ id: null, refusal: fail('invalid-request', message) });
  if (isBinary) return refuse('Shoebox reads text messages only.');
  let message: unknown;
  try {
    message = JSON.parse(rawText(data));
  } catch {
    return refuse('The message is not JSON.');
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message))
    return refuse('A request is an object with id, channel and payload.');
  const { id, channel, payload } = message as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id))
    return refuse('A request needs a whole-number id.');
  return { id, channel, payload };
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}
