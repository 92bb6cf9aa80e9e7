import type { ShoeboxBridge } from '../../contract/bridge';

declare global {
  interface Window {
    /** Set by the Electron preload, or by the web bridge in the browser host. */
    shoebox?: ShoeboxBridge;
  }
}

/** The bridge to main. Only store actions call it; components go through the stores. */
export function shoebox(): ShoeboxBridge {
  const bridge = window.shoebox;
  if (!bridge)
    throw new Error('window.shoebox is missing: the renderer was opened outside a Shoebox host.');
  return bridge;
}
