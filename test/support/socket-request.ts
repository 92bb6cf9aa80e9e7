import WebSocket from 'ws';

/**
 * Sends one request over the browser host's socket (`/ws`) with the given headers (host, origin,
 * cookie) and answers its result, as the page's web bridge would; the socket is then closed.
 */
export function socketRequest(
  port: number,
  headers: Record<string, string>,
  channel: string,
  payload: unknown,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers });
    ws.once('error', reject);
    ws.once('open', () => ws.send(JSON.stringify({ id: 1, channel, payload })));
    ws.on('message', (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as { id?: number; result: unknown };
      if (message.id !== 1) return;
      ws.close();
      resolve(message.result);
    });
  });
}
