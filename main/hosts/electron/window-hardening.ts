import { isAppUrl } from './trusted-sender';

/**
 * The window's web preferences (Electron's security checklist): an isolated, sandboxed page
 * with no Node, no webviews, no insecure content, and nothing dropped on it navigating away.
 */
export function windowWebPreferences(preload: string) {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
  } as const;
}

/** The navigation events a page can cause; each is refused unless it stays in the app. */
export const guardedNavigationEvents = [
  'will-navigate',
  'will-redirect',
  'will-frame-navigate',
] as const;

/**
 * Whether a navigation (of the page, a redirect, or any frame) must be stopped. Events carry
 * the URL either as an argument or on the event's `url` (will-frame-navigate); both are read.
 */
export function mustBlockNavigation(url: string | undefined): boolean {
  return url === undefined || !isAppUrl(url);
}

/** New windows are never opened: main opens the system browser itself when it must. */
export const windowOpenAnswer = { action: 'deny' } as const;

/** Every permission (camera, notifications, clipboard, …) is refused, asked or checked. */
export const denyPermission = (): false => false;
export const denyPermissionRequest = (
  _contents: unknown,
  _permission: string,
  callback: (granted: boolean) => void,
): void => callback(false);
