import type WebSocket from 'ws';

/** Asks the browser host over its WebSocket, as the page does, and answers the reply's result. */
export function askHost(
  ws: WebSocket,
  id: number,
  channel: string,
  payload: unknown = {},
): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as { id?: number; result?: unknown };
      if (message.id !== id) return;
      ws.off('message', onMessage);
      resolve(message.result);
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, channel, payload }));
  });
}
