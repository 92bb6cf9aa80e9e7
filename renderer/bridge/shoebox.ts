import type { RendererBridge } from './renderer-bridge';

declare global {
  interface Window {
    /** Set by the Electron preload, or by the web bridge in the browser host. */
    shoebox?: RendererBridge;
  }
}

/** The bridge to main. Only store actions call it; components go through the stores. */
export function shoebox(): RendererBridge {
  const bridge = window.shoebox;
  if (!bridge)
    throw new Error('window.shoebox is missing: the renderer was opened outside a Shoebox host.');
  return bridge;
}
