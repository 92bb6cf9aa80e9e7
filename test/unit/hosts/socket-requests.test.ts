import { afterEach, describe, expect, it } from 'vitest';
import { once } from 'node:events';
import { connect, type AddressInfo, type Socket } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { fail, ok, type Result } from '../../../contract/result';
import { serveRequests, type AnswerRequest } from '../../../main/hosts/web/socket-requests';

// A real WebSocket server and client around serveRequests, with answers the test controls.
let server: WebSocketServer | null = null;

afterEach(async () => {
  for (const client of server?.clients ?? []) client.terminate();
  await new Promise((resolve) => server?.close(resolve));
  server = null;
});

async function serve(
  answer: AnswerRequest,
  maxInFlight = 4,
  maxBufferedBytes = 1024 * 1024,
): Promise<WebSocket> {
  server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await once(server, 'listening');
  server.on('connection', (ws) => serveRequests(ws, answer, { maxInFlight, maxBufferedBytes }));
  return connectClient();
}

function port(): number {
  return (server!.address() as AddressInfo).port;
}

async function connectClient(): Promise<WebSocket> {
  const client = new WebSocket(`ws://127.0.0.1:${port()}`);
  await once(client, 'open');
  return client;
}

/** The host's side of the socket most recently opened. */
function hostSide(): WebSocket {
  return [...server!.clients].at(-1)!;
}

/**
 * A client that speaks just enough WebSocket to send, and never reads a byte of what it is sent:
 * a hostile page (or process) flooding the host while its receive buffer fills.
 */
async function neverReadingClient(): Promise<Socket> {
  const socket = connect(port(), '127.0.0.1');
  await once(socket, 'connect');
  socket.write(
    'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
  );
  const [head] = (await once(socket, 'data')) as [Buffer];
  expect(head.toString()).toMatch(/^HTTP\/1\.1 101/);
  await new Promise((resolve) => setImmediate(resolve)); // the host's 'connection' has run
  socket.pause(); // from here on, nothing is read
  return socket;
}

/** `count` masked (zero mask) text frames of `x`: not JSON, each answered with a refusal. */
function garbageFrames(count: number): Buffer {
  const frame = Buffer.from([0x81, 0x81, 0, 0, 0, 0, 0x78]);
  return Buffer.concat(Array.from({ length: count }, () => frame));
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

function answers(
  client: WebSocket,
  count: number,
): Promise<{ id: unknown; result: Result<unknown> }[]> {
  const received: { id: unknown; result: Result<unknown> }[] = [];
  return new Promise((resolve) =>
    client.on('message', (data) => {
      received.push(JSON.parse(data.toString()) as { id: unknown; result: Result<unknown> });
      if (received.length === count) resolve(received);
    }),
  );
}

describe('serveRequests', () => {
  it('answers every kind of garbage with invalid-request instead of dropping or crashing', async () => {
    const client = await serve(async () => ok('fine'));
    const garbage: (string | Buffer)[] = [
      'not json',
      '42',
      'null',
      '[1,2]',
      '{"channel":"app.info"}',
      '{"id":"1","channel":"app.info"}',
      '{"id":1.5,"channel":"app.info"}',
      Buffer.from([0, 1, 2, 3]),
    ];
    const all = answers(client, garbage.length);
    for (const message of garbage) client.send(message, { binary: Buffer.isBuffer(message) });
    for (const { id, result } of await all) {
      expect(id).toBeNull();
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    }
  });

  it('answers a handler that throws or rejects as internal, and keeps serving', async () => {
    const client = await serve(async (channel) => {
      if (channel === 'reject') throw new Error('boom');
      return ok(channel);
    });
    const all = answers(client, 2);
    client.send(JSON.stringify({ id: 1, channel: 'reject' }));
    client.send(JSON.stringify({ id: 2, channel: 'after' }));
    const byId = new Map((await all).map((a) => [a.id, a.result]));
    expect(byId.get(1)).toEqual(fail('internal', expect.any(String) as unknown as string));
    expect(byId.get(2)).toEqual(ok('after'));
  });

  it('runs at most maxInFlight requests of one socket at once, then answers them all', async () => {
    let running = 0;
    let mostAtOnce = 0;
    const gates: (() => void)[] = [];
    const client = await serve(async (channel) => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise<void>((release) => gates.push(release));
      running -= 1;
      return ok(channel);
    }, 4);
    const all = answers(client, 50);
    for (let id = 0; id < 50; id++) client.send(JSON.stringify({ id, channel: id }));
    // Release whatever is waiting until everything has been answered.
    const releaser = setInterval(() => gates.splice(0).forEach((release) => release()), 5);
    const received = await all;
    clearInterval(releaser);
    expect(received.map((a) => a.id).sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: 50 }, (_, i) => i),
    );
    expect(mostAtOnce).toBeLessThanOrEqual(4);
  });

  it('stops reading a client that floods garbage and never reads, keeping its unread answers bounded', async () => {
    const limit = 64 * 1024;
    await serve(async () => ok('fine'), 4, limit);
    const flooder = await neverReadingClient();
    const host = hostSide();
    const batch = garbageFrames(5_000);
    // Send until the host pauses the flooder or its unread answers pass 16 times the limit
    // (what happened when refusals skipped flow control: every frame was read and answered).
    for (let sent = 0; sent < 2_000_000 && !host.isPaused && host.bufferedAmount < 16 * limit;) {
      flooder.write(batch);
      sent += 5_000;
      while (flooder.writableLength > 0 && !host.isPaused) await turn();
      await turn();
    }
    expect(host.isPaused).toBe(true);
    // At most the requests in flight when it paused (4 answers of ~100 bytes) past the limit.
    expect(host.bufferedAmount).toBeLessThan(limit + 4 * 200);
    flooder.destroy();
  }, 60_000);

  it('answers a second client while the first floods and never reads', async () => {
    await serve(async (channel) => ok(channel), 4, 64 * 1024);
    const flooder = await neverReadingClient();
    const flooderSide = hostSide();
    let flooderFramesRead = 0;
    flooderSide.on('message', () => (flooderFramesRead += 1));
    const flood = 400_000;
    flooder.write(garbageFrames(flood));
    while (!flooderSide.isPaused && flooderFramesRead < flood) await turn();

    const second = await connectClient();
    const answer = answers(second, 1);
    second.send(JSON.stringify({ id: 1, channel: 'app.info' }));
    expect(await answer).toEqual([{ id: 1, result: ok('app.info') }]);
    // Answered while most of the flood was still unread, not after the host had worked it off.
    expect(flooderFramesRead).toBeLessThan(flood);
    flooder.destroy();
  }, 60_000);
});
