/**
 * The Electron preload: exposes `window.shoebox` (contract/bridge.ts) and nothing else.
 * Runs sandboxed, so it is bundled to one CommonJS file with only `electron` required.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { buildBridge, type Transport } from '../contract/bridge';
import type { EventName } from '../contract/channels';
import { ok } from '../contract/result';
import { eventChannel, invokeChannel } from '../contract/ipc-channels';

const transport: Transport = {
  invoke: (channel, request) => ipcRenderer.invoke(invokeChannel, channel, request),
  subscribe(event, listener) {
    const handler = (_: IpcRendererEvent, message: { event: EventName; payload: never }) => {
      if (message.event === event) listener(message.payload);
    };
    ipcRenderer.on(eventChannel, handler);
    return () => ipcRenderer.removeListener(eventChannel, handler);
  },
};

/** What the page hands over from a drop; Electron finds each file's path itself. */
interface DroppedFile {
  readonly file: File | null;
}

const bridge = buildBridge<DroppedFile>(transport, {
  host: 'electron',
  mediaBase: 'shoebox://media/',
  async importDropped(items) {
    // Electron knows where dropped files and folders live; main walks the folders itself.
    const paths = items.flatMap((item) => (item.file ? [webUtils.getPathForFile(item.file)] : []));
    const nonEmpty = paths.filter((path) => path.length > 0);
    return nonEmpty.length > 0 ? transport.invoke('import.start', { paths: nonEmpty }) : ok(null);
  },
  pick: (kind) => transport.invoke('import.pick', { kind }),
  // Main opens the system browser itself, so there is never a URL for the page to open.
  openHostedUi: () => undefined,
  // Main writes desktop exports into the chosen folder itself; there is never a download.
  download: () => undefined,
});

contextBridge.exposeInMainWorld('shoebox', bridge);
