import { describe, expect, it, vi } from 'vitest';
import { deepLinkIn, isAuthDeepLink } from '../../../main/hosts/electron/deep-link';
import { envPathsSwitch, libraryLocation } from '../../../main/hosts/electron/library-location';
import { quitSequence } from '../../../main/hosts/electron/quit-sequence';
import { isAppUrl, isTrustedSender } from '../../../main/hosts/electron/trusted-sender';
import {
  denyPermission,
  denyPermissionRequest,
  guardedNavigationEvents,
  mustBlockNavigation,
  windowOpenAnswer,
  windowWebPreferences,
} from '../../../main/hosts/electron/window-hardening';

// The Electron shell's decisions, as plain functions; electron-main.ts only wires them.
describe('the trusted-sender check', () => {
  it('trusts only the top-level app page on the app scheme', () => {
    expect(isTrustedSender({ url: 'shoebox://app/index.html', parent: null })).toBe(true);
    expect(isTrustedSender({ url: 'shoebox://app/', parent: null })).toBe(true);
    for (const frame of [
      null,
      undefined,
      { url: 'shoebox://app/index.html', parent: {} },
      { url: 'file:///opt/Shoebox/resources/app.asar/out/renderer/index.html', parent: null },
      { url: 'shoebox://media/thumb/aa', parent: null },
      { url: 'shoebox://app.evil.example/index.html', parent: null },
      { url: 'https://app/index.html', parent: null },
      { url: 'about:blank', parent: null },
      { url: 'not a url', parent: null },
    ]) {
      expect(isTrustedSender(frame), JSON.stringify(frame)).toBe(false);
    }
  });

  it('treats every other URL as outside the app', () => {
    expect(isAppUrl('shoebox://app/assets/x.js')).toBe(true);
    expect(isAppUrl('http://localhost:17823/callback')).toBe(false);
  });
});

describe('window hardening', () => {
  it('isolates and sandboxes the page with no Node', () => {
    expect(windowWebPreferences('/p.cjs')).toMatchObject({
      preload: '/p.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
  });

  it('guards navigations, redirects and frame navigations alike', () => {
    expect(guardedNavigationEvents).toEqual([
      'will-navigate',
      'will-redirect',
      'will-frame-navigate',
    ]);
    expect(mustBlockNavigation('shoebox://app/index.html')).toBe(false);
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'shoebox://media/x',
      undefined,
    ])
      expect(mustBlockNavigation(url), String(url)).toBe(true);
  });

  it('refuses new windows and every permission', () => {
    expect(windowOpenAnswer).toEqual({ action: 'deny' });
    expect(denyPermission()).toBe(false);
    const callback = vi.fn();
    denyPermissionRequest(null, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
  });
});

describe('deep links', () => {
  it('finds the sign-in link in a second instance command line, and nothing else', () => {
    const link = 'shoebox://auth/callback?code=c&state=s';
    expect(deepLinkIn(['/opt/Shoebox/shoebox', '--flag', link])).toBe(link);
    expect(deepLinkIn(['/opt/Shoebox/shoebox', 'shoebox://app/index.html'])).toBeNull();
    expect(deepLinkIn(['shoebox://auth/' + 'x'.repeat(10_000)])).toBeNull();
    expect(deepLinkIn([])).toBeNull();
    expect(isAuthDeepLink('shoebox://media/thumb/x')).toBe(false);
    expect(isAuthDeepLink('shoebox://auth/callback?code=1')).toBe(true);
  });
});

describe('where the library lives', () => {
  const env = { SHOEBOX_DATA_DIR: '/elsewhere', SHOEBOX_CONFIG: '/evil/config.json' };

  it('follows the environment in development', () => {
    const location = libraryLocation(false, env, []);
    expect(location.dataDir).toBe('/elsewhere');
    expect(location.configFile('/data')).toBe('/evil/config.json');
    expect(location.configNamed).toBe(true);
  });

  it('ignores SHOEBOX_DATA_DIR and SHOEBOX_CONFIG in a packaged build without the switch', () => {
    const location = libraryLocation(true, env, ['/opt/Shoebox/shoebox']);
    expect(location.dataDir).toBeNull();
    expect(location.configFile('/data')).toBe('/data/shoebox-config.json');
    expect(location.configNamed).toBe(false);
    expect(libraryLocation(true, env, ['/opt/Shoebox/shoebox', envPathsSwitch]).dataDir).toBe(
      '/elsewhere',
    );
  });
});

describe('the quit sequence', () => {
  it('holds the first quit until the core has closed, then lets the next one through', async () => {
    let finishClose!: () => void;
    const close = vi.fn(() => new Promise<void>((resolve) => (finishClose = resolve)));
    const quit = vi.fn();
    const onWillQuit = quitSequence(close, quit);
    const first = { preventDefault: vi.fn() };
    onWillQuit(first);
    const again = { preventDefault: vi.fn() };
    onWillQuit(again); // a second quit while closing waits too, and closes nothing twice
    expect(first.preventDefault).toHaveBeenCalled();
    expect(again.preventDefault).toHaveBeenCalled();
    expect(close).toHaveBeenCalledTimes(1);
    expect(quit).not.toHaveBeenCalled();
    finishClose();
    await vi.waitFor(() => expect(quit).toHaveBeenCalledTimes(1));
    const last = { preventDefault: vi.fn() };
    onWillQuit(last);
    expect(last.preventDefault).not.toHaveBeenCalled();
  });

  it('still quits when closing fails', async () => {
    const quit = vi.fn();
    quitSequence(() => Promise.reject(new Error('disk gone')), quit)({ preventDefault() {} });
    await vi.waitFor(() => expect(quit).toHaveBeenCalled());
  });

  it('quits anyway when closing hangs past the deadline, and only once', async () => {
    const quit = vi.fn();
    let finishClose!: () => void;
    const close = () => new Promise<void>((resolve) => (finishClose = resolve));
    quitSequence(close, quit, 20)({ preventDefault() {} });
    await vi.waitFor(() => expect(quit).toHaveBeenCalledTimes(1));
    finishClose();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(quit).toHaveBeenCalledTimes(1);
  });
});
