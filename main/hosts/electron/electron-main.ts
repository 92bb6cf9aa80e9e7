/**
 * The Electron shell: wiring only. It connects the host-agnostic core (main/services.ts) to
 * ipcMain, the `shoebox://` protocol, dialogs and the window. Every decision (who may call
 * main, what the protocol serves, which navigations and permissions are refused, where the
 * library lives, how quitting waits) is a plain, unit-tested module beside this file; what is
 * left here is the Electron API calls, which cannot run where the Electron binary is missing.
 */
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  powerSaveBlocker,
  protocol,
  session,
  shell,
  utilityProcess,
} from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventName, EventPayloads } from '../../../contract/channels';
import { eventChannel, invokeChannel } from '../../../contract/ipc-channels';
import { fail } from '../../../contract/result';
import { loadShoeboxConfigFile } from '../../config/shoebox-config';
import { dispatch } from '../../ipc/dispatch';
import { privateUmask } from '../../library/private-data-dir';
import { messageOf } from '../../../contract/result';
import { createServices, hostQuietStartMs, type Services } from '../../services';
import { answerAppProtocol, appScheme, rendererUrl } from './app-protocol';
import { deepLinkIn, isAuthDeepLink } from './deep-link';
import { libraryLocation } from './library-location';
import { quitSequence } from './quit-sequence';
import { startupFailure } from './startup-failure';
import { keychainSecretStore } from './safe-storage-secret-store';
import { isTrustedSender } from './trusted-sender';
import { utilityCheckProcess } from './utility-check-process';
import {
  denyPermission,
  denyPermissionRequest,
  guardedNavigationEvents,
  mustBlockNavigation,
  windowOpenAnswer,
  windowWebPreferences,
} from './window-hardening';

process.umask(privateUmask); // the library is for this user only (docs/security.md)

protocol.registerSchemesAsPrivileged([
  {
    scheme: appScheme,
    privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
  },
]);

const location = libraryLocation(app.isPackaged, process.env, process.argv);
if (location.dataDir) app.setPath('userData', location.dataDir);

let window: BrowserWindow | null = null;
let services: Services | null = null;
const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Packaged builds receive the sign-in redirect as shoebox://auth/callback from the OS.
  if (app.isPackaged) app.setAsDefaultProtocolClient(appScheme);
  app.on('open-url', (event, url) => {
    event.preventDefault();
    if (isAuthDeepLink(url)) services?.auth()?.handleRedirect(url);
  });
  app.on('second-instance', (_event, argv) => {
    const redirect = deepLinkIn(argv);
    if (redirect) services?.auth()?.handleRedirect(redirect);
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      const failure = startupFailure(error);
      dialog.showErrorBox(failure.title, failure.message);
      app.exit(failure.exitCode);
    });
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  for (const name of guardedNavigationEvents) {
    contents.on(name as 'will-navigate', (event, url?: string) => {
      if (mustBlockNavigation(url ?? (event as { url?: string }).url)) event.preventDefault();
    });
  }
  contents.setWindowOpenHandler(() => windowOpenAnswer);
});

async function start(): Promise<void> {
  session.defaultSession.setPermissionRequestHandler(denyPermissionRequest);
  session.defaultSession.setPermissionCheckHandler(denyPermission);
  session.defaultSession.setDevicePermissionHandler(denyPermission);
  const dataDir = app.getPath('userData');
  const cloud = await loadShoeboxConfigFile(location.configFile(dataDir)).catch(
    (error: unknown) => {
      if (location.configNamed) dialog.showErrorBox('Shoebox config', (error as Error).message);
      return null;
    },
  );
  services = createServices(
    { dataDir, version: app.getVersion(), host: 'electron', cloud, quietStartMs: hostQuietStartMs },
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
      pickExportFolder: async () => {
        const options: Electron.OpenDialogOptions = {
          title: 'Export originals to…',
          buttonLabel: 'Export here',
          properties: ['openDirectory', 'createDirectory'],
        };
        const picked = window
          ? await dialog.showOpenDialog(window, options)
          : await dialog.showOpenDialog(options);
        return picked.canceled ? null : (picked.filePaths[0] ?? null);
      },
      revealFile: (file) => shell.showItemInFolder(file),
      // The full check runs where quitting can end it at once (utility-check-process.ts).
      startCheckProcess: (args) =>
        utilityCheckProcess(
          utilityProcess.fork(join(import.meta.dirname, 'catalog-check-process.js'), [...args], {
            stdio: 'pipe',
            serviceName: 'Shoebox catalog check',
          }),
        ),
    },
  );
  const core = services;

  ipcMain.handle(invokeChannel, (event, channel: unknown, payload: unknown) => {
    if (!isTrustedSender(event.senderFrame)) return fail('invalid-request', 'Untrusted sender.');
    return dispatch(core.handlers, channel, payload, core.log);
  });
  protocol.handle(appScheme, (request) =>
    answerAppProtocol(
      {
        rendererDir,
        libraryRoot: core.paths.root,
        resolveMedia: (mediaPath) => core.resolveMedia(mediaPath),
      },
      request.url,
    ),
  );

  window = new BrowserWindow({
    width: 1200,
    height: 800,
    title: 'Shoebox',
    backgroundColor: '#17171a',
    webPreferences: windowWebPreferences(join(import.meta.dirname, '../preload/preload.cjs')),
  });
  window.on('closed', () => (window = null));
  await window.loadURL(rendererUrl);
  // The catalog's check runs while the window loads; the window asks for its words (app.catalogNotice).
  void core.catalogChecked.catch((error: unknown) => {
    dialog.showErrorBox('Shoebox could not repair its catalog', messageOf(error));
    app.quit();
  });
  void core.auth()?.restore();
}

app.on('window-all-closed', () => app.quit());
// Let running imports stop cleanly and the catalog close before the process goes.
app.on(
  'will-quit',
  quitSequence(
    async () => {
      const closing = services;
      services = null;
      await closing?.close();
    },
    () => app.quit(),
  ),
);
