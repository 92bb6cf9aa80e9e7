import type { Transport, Unsubscribe } from '../../contract/bridge';
import type { EventName, EventPayloads } from '../../contract/channels';
import { fail, type Result } from '../../contract/result';

type Listener = (payload: never) => void;

/** The browser host's transport: requests and events over one WebSocket to the host. */
export function socketTransport(url: string, onClosed: () => void): Transport {
  const socket = new WebSocket(url);
  // Settles either way: true once open, false if the socket closed first.
  const opened = new Promise<boolean>((resolve) => {
    socket.addEventListener('open', () => resolve(true), { once: true });
    socket.addEventListener('close', () => resolve(false), { once: true });
  });
  const pending = new Map<number, (result: Result<never>) => void>();
  const listeners = new Map<EventName, Set<Listener>>();
  let nextId = 1;

  socket.addEventListener('message', (message: MessageEvent<string>) => {
    const data = JSON.parse(message.data) as
      | { id: number; result: Result<never> }
      | { event: EventName; payload: EventPayloads[EventName] };
    if ('id' in data) {
      pending.get(data.id)?.(data.result);
      pending.delete(data.id);
    } else {
      for (const listener of listeners.get(data.event) ?? [])
        (listener as (p: unknown) => void)(data.payload);
    }
  });
  socket.addEventListener('close', () => {
    for (const resolve of pending.values())
      resolve(fail('internal', 'The connection to Shoebox was lost.'));
    pending.clear();
    onClosed();
  });

  return {
    async invoke(channel, request) {
      if (!(await opened) || socket.readyState !== WebSocket.OPEN) {
        return fail('internal', 'The connection to Shoebox was lost.');
      }
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ id, channel, payload: request }));
      });
    },
    subscribe(event, listener): Unsubscribe {
      const set = listeners.get(event) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
}
