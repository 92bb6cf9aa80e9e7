import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import WebSocket from 'ws';
import { requestSchemas } from '../../contract/channels';
import { tempDir } from '../support/temp-dir';
import { startWebHost, type RunningHost } from '../support/start-web-host';
import { openAppSession, type AppSession } from './app-session';

// Hostile payloads through the real WebSocket of the built browser host (a child process, so a
// crash is seen as an exit): nothing ends it, every message is answered, and a refused request
// changes nothing.
const channels = Object.keys(requestSchemas);

const deepArray = (depth: number): unknown => JSON.parse('['.repeat(depth) + ']'.repeat(depth));
const hostileValue = fc.oneof(
  fc.anything({ maxDepth: 4 }),
  fc.constantFrom(
    deepArray(4000),
    { __proto__: { polluted: true } },
    JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}'),
    'x'.repeat(200_000),
    -0,
    Number.MAX_SAFE_INTEGER,
    [],
    null,
  ),
);
const payload = fc.oneof(
  hostileValue,
  fc.dictionary(fc.string({ maxLength: 12 }), hostileValue, { maxKeys: 5 }),
);
const channel = fc.oneof(
  fc.constantFrom(...channels),
  fc.constantFrom('toString', '__proto__', 'constructor', 'hasOwnProperty'),
  hostileValue,
);

describe('the IPC channels under fuzzing, through the real WebSocket', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let host: RunningHost;
  let session: AppSession;

  beforeAll(async () => {
    dir = await tempDir('fuzz');
    host = await startWebHost(['--data-dir', dir.path, '--port', '0']);
    session = await openAppSession(host.url);
  });
  afterAll(async () => {
    await host.stop();
    await dir.remove();
  });

  async function socket(): Promise<WebSocket> {
    const ws = new WebSocket(session.wsUrl, { headers: session.headers });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    return ws;
  }

  /** Sends one raw frame; resolves with the answer, or 'closed' if the host closed the socket. */
  function exchange(
    ws: WebSocket,
    frame: string | Buffer,
    id: number | null = null,
  ): Promise<unknown> {
    return new Promise((resolve) => {
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(data.toString()) as { id?: unknown; event?: string };
        if (message.event || message.id !== id) return; // pushed events, others' answers
        ws.off('message', onMessage);
        resolve(message);
      };
      ws.on('message', onMessage);
      ws.once('close', () => resolve('closed'));
      ws.send(frame, { binary: Buffer.isBuffer(frame) });
    });
  }

  const stateNow = async (ws: WebSocket) =>
    JSON.stringify(
      await Promise.all(
        ['app.info', 'library.page', 'settings.get', 'cloud.status', 'auth.state'].map((name, i) =>
          exchange(
            ws,
            JSON.stringify({
              id: 1_000_000 + i,
              channel: name,
              payload: name === 'library.page' ? { sort: 'taken-desc', offset: 0, limit: 10 } : {},
            }),
            1_000_000 + i,
          ),
        ),
      ),
    );

  it('answers every random request (or closes that socket), never ends, and refused requests change nothing', async () => {
    const ws = await socket();
    const before = await stateNow(ws);
    let id = 0;
    await fc.assert(
      fc.asyncProperty(channel, payload, async (name, body) => {
        id += 1;
        let frame: string;
        try {
          frame = JSON.stringify({ id, channel: name, payload: body });
        } catch {
          return; // not representable as JSON (a cycle): nothing a page could send
        }
        const answer = (await exchange(ws, frame, id)) as { id: unknown; result: { ok: boolean } };
        expect(answer).not.toBe('closed');
        expect(answer.id).toBe(id);
        expect(host.process.exitCode).toBeNull();
      }),
      { numRuns: 300, seed: 11 },
    );
    // Random payloads are almost all invalid; the few valid read-only ones change nothing either.
    expect(await stateNow(ws)).toBe(before);
    ws.close();
  });

  it('survives garbage frames: not JSON, binary, no id, huge and deep', async () => {
    const frames: (string | Buffer)[] = [
      'not json',
      Buffer.from([0xff, 0x00, 0x13]),
      JSON.stringify({ channel: 'app.info' }),
      JSON.stringify({ id: 1, channel: deepArray(4000), payload: {} }),
      JSON.stringify({ id: 2, channel: 'cloud.pause', payload: { ID: 3 } }),
      JSON.stringify({ id: 3, channel: 'x'.repeat(900_000) }),
    ];
    for (const [index, frame] of frames.entries()) {
      const ws = await socket();
      const answer = await exchange(ws, frame, index < 3 ? null : index - 2);
      expect(answer === 'closed' || typeof answer === 'object').toBe(true);
      if (answer !== 'closed') expect(answer).toMatchObject({ result: { ok: false } });
      // A channel that is not a name (the 4,000-deep array) is a malformed request.
      if (index === 3)
        expect(answer).toMatchObject({ result: { error: { code: 'invalid-request' } } });
      ws.close();
    }
    const oversized = await socket();
    expect(await exchange(oversized, 'x'.repeat(2 * 1024 * 1024))).toBe('closed');
    const after = await socket();
    expect(
      await exchange(after, JSON.stringify({ id: 7, channel: 'app.info', payload: {} }), 7),
    ).toMatchObject({ id: 7, result: { ok: true } });
    after.close();
    expect(host.process.exitCode).toBeNull();
  });
});
