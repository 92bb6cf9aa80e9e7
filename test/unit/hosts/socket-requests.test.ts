import { afterEach, describe, expect, it } from 'vitest';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
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

async function serve(answer: AnswerRequest, maxInFlight = 4): Promise<WebSocket> {
  server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await once(server, 'listening');
  server.on('connection', (ws) =>
    serveRequests(ws, answer, { maxInFlight, maxBufferedBytes: 1024 * 1024 }),
  );
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
  await once(client, 'open');
  return client;
}

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
});
