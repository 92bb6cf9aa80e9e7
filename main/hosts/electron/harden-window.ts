import { app, session, type BrowserWindow, type WebFrameMain } from 'electron';

/** The pages Shoebox itself loads; anything else is refused as a sender or a destination. */
export function isAppUrl(url: string, rendererUrl: string): boolean {
  return url === rendererUrl || url.startsWith(rendererUrl.replace(/index\.html$/, ''));
}

export function isTrustedSender(frame: WebFrameMain | null, rendererUrl: string): boolean {
  return frame !== null && frame.parent === null && isAppUrl(frame.url, rendererUrl);
}

/** Navigation, new windows and permission requests are denied (Electron security checklist). */
export function hardenWindow(window: BrowserWindow, rendererUrl: string): void {
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, rendererUrl)) event.preventDefault();
  });
  // Main opens the browser itself when it must; the page never needs to.
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function hardenSession(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
