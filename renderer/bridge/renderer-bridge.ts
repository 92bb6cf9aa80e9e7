import type { HostSpecifics, ShoeboxBridge } from '../../contract/bridge';

/** A dropped file or folder, captured while the drop event is live. */
export interface DroppedItem {
  readonly file: File | null;
  readonly entry: FileSystemEntry | null;
}

/** `window.shoebox` as the renderer sees it: drops hand over DOM files and entries. */
export type RendererBridge = ShoeboxBridge<DroppedItem>;
export type RendererHostSpecifics = HostSpecifics<DroppedItem>;
