import { appOrigin } from './app-protocol';

/** The pages Shoebox itself loads: the renderer on the app's own scheme, and nothing else. */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.origin === appOrigin || `${parsed.protocol}//${parsed.host}` === appOrigin;
}

/** The parts of Electron's WebFrameMain the check reads. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

/**
 * Only the app's own top-level page may call main: not a subframe, not a page it navigated to
 * (it cannot, but the check does not rely on that), not a destroyed frame (null).
 */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  return frame !== null && frame !== undefined && frame.parent === null && isAppUrl(frame.url);
}
