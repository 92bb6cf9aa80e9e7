/**
 * The Electron shell: wires the host-agnostic core (main/services.ts) to ipcMain, the
 * `shoebox://` protocol, dialogs and the window. Only this folder and preload/ import electron;
 * it cannot run where the Electron binary is missing, so it stays thin (docs/architecture.md).
 */
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  net,
  powerSaveBlocker,
  protocol,
  shell,
} from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EventName, EventPayloads } from '../../../contract/channels';
import { messageOf } from '../../../contract/result';
import { OriginalFetchError } from '../../sync/original-cache';
import { dispatch } from '../../ipc/dispatch';
import { createServices, type Services } from '../../services';
import { LibraryLockedError } from '../../library/library-lock';
import { eventChannel, invokeChannel } from '../../../contract/ipc-channels';
import { loadShoeboxConfigFile } from '../../config/shoebox-config';
import { hardenSession, hardenWindow, isTrustedSender } from './harden-window';
import { keychainSecretStore } from './safe-storage-secret-store';

protocol.registerSchemesAsPrivileged([
  {
    scheme: 'shoebox',
    privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
  },
]);

// A separate library for tests and portable use; the OS's app-data folder otherwise.
if (process.env.SHOEBOX_DATA_DIR) app.setPath('userData', process.env.SHOEBOX_DATA_DIR);

let window: BrowserWindow | null = null;
let services: Services | null = null;
const rendererFile = join(import.meta.dirname, '../renderer/index.html');
const rendererUrl = pathToFileURL(rendererFile).href;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Packaged builds receive the sign-in redirect as shoebox://auth/callback from the OS.
  if (app.isPackaged) app.setAsDefaultProtocolClient('shoebox');
  app.on('open-url', (event, url) => {
    event.preventDefault();
    services?.auth()?.handleRedirect(url);
  });
  app.on('second-instance', (_event, argv) => {
    const redirect = argv.find((arg) => arg.startsWith('shoebox://auth/'));
    if (redirect) services?.auth()?.handleRedirect(redirect);
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      // The single-instance lock is per app; the library's own lock also covers a second copy
      // of Shoebox (another build, the browser host) opening the same folder.
      if (error instanceof LibraryLockedError)
        dialog.showErrorBox('Shoebox is already open', error.message);
      else dialog.showErrorBox('Shoebox could not start', String(error));
      app.quit();
    });
}

async function start(): Promise<void> {
  hardenSession();
  const dataDir = app.getPath('userData');
  // The backend config: SHOEBOX_CONFIG, else shoebox-config.json in the library folder, else none.
  const configFile = process.env.SHOEBOX_CONFIG ?? join(dataDir, 'shoebox-config.json');
  const cloud = await loadShoeboxConfigFile(configFile).catch((error: unknown) => {
    if (process.env.SHOEBOX_CONFIG) dialog.showErrorBox('Shoebox config', messageOf(error));
    return null;
  });
  services = createServices(
    { dataDir, version: app.getVersion(), host: 'electron', cloud },
    {
      secrets: keychainSecretStore(join(dataDir, 'session.sealed')),
      openBrowser: (url) => shell.openExternal(url),
      // Uploads keep the app running with the screen allowed to sleep; released when idle.
      keepAwake: () => {
        const id = powerSaveBlocker.start('prevent-app-suspension');
        return () => powerSaveBlocker.stop(id);
      },
      emit: <E extends EventName>(event: E, payload: EventPayloads[E]) =>
        window?.webContents.send(eventChannel, { event, payload }),
      pickPaths: async (kind) => {
        const options: Electron.OpenDialogOptions = {
          properties:
            kind === 'folder'
              ? ['openDirectory', 'multiSelections']
              : ['openFile', 'multiSelections'],
        };
        const picked = window
          ? await dialog.showOpenDialog(window, options)
          : await dialog.showOpenDialog(options);
        return picked.canceled ? null : picked.filePaths;
      },
    },
  );
  const core = services;

  ipcMain.handle(invokeChannel, (event, channel: unknown, payload: unknown) => {
    if (!isTrustedSender(event.senderFrame, rendererUrl)) {
      return { ok: false, error: { code: 'invalid-request', message: 'Untrusted sender.' } };
    }
    return dispatch(core.handlers, channel, payload);
  });

  protocol.handle('shoebox', async (request) => {
    const url = new URL(request.url);
    try {
      const media = url.host === 'media' ? await core.resolveMedia(url.pathname.slice(1)) : null;
      if (!media) return new Response('Not found', { status: 404 });
      return await net.fetch(pathToFileURL(media.file).href);
    } catch (error) {
      // An original only in the cloud that cannot be fetched now (offline, signed out).
      if (!(error instanceof OriginalFetchError)) throw error;
      return new Response(error.message, { status: error.code === 'not-in-cloud' ? 404 : 503 });
    }
  });

  window = new BrowserWindow({
    width: 1200,
    height: 800,
    title: 'Shoebox',
    backgroundColor: '#17171a',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  hardenWindow(window, rendererUrl);
  window.on('closed', () => (window = null));
  await window.loadFile(rendererFile);
  void core.auth()?.restore();
}

app.on('window-all-closed', () => app.quit());
// Let running imports stop cleanly and the catalog close before the process goes.
app.on('will-quit', (event) => {
  const closing = services;
  if (!closing) return;
  services = null;
  event.preventDefault();
  void closing.close().finally(() => app.quit());
});
