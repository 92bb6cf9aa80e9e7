import { silentLogger, type Logger } from '../model/logger';
import { AuthError } from './auth-error';
import { carriesState, type PendingCallback } from './loopback-callback';

export interface SchemeCallback extends PendingCallback {
  /** Hands over a `shoebox://auth/callback?...` URL the OS gave the app; false if none was awaited. */
  deliver(url: string): boolean;
}

/**
 * Packaged builds get the redirect as a `shoebox://auth/callback` URL through the OS (open-url on
 * macOS, a second instance's argv elsewhere); the Electron shell delivers it here.
 */
export function awaitSchemeCallback(
  redirectUri: string,
  timeoutMs: number,
  log: Logger = silentLogger,
): SchemeCallback {
  let settle!: { resolve: (url: string) => void; reject: (error: AuthError) => void };
  const url = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  url.catch(() => undefined);
  let open = true;
  let state: string | null = null;
  const timer = setTimeout(() => {
    open = false;
    settle.reject(
      new AuthError('timeout', 'Sign-in took too long; the browser never came back to Shoebox.'),
    );
  }, timeoutMs);
  timer.unref();
  return {
    url,
    deliver(received) {
      if (!open || !received.startsWith(`${redirectUri}?`)) return false;
      let parsed: URL;
      try {
        parsed = new URL(received);
      } catch {
        return false;
      }
      // A deep link for another sign-in (or a forged one) is ignored; this one keeps waiting.
      if (!carriesState(parsed, state, true)) {
        log.warn('sign-in deep link ignored: not the state this sign-in sent', { url: received });
        return false;
      }
      log.info('sign-in deep link received', { url: received });
      open = false;
      clearTimeout(timer);
      settle.resolve(received);
      return true;
    },
    expectState(awaited) {
      state = awaited;
    },
    close() {
      if (!open) return;
      open = false;
      clearTimeout(timer);
      settle.reject(new AuthError('cancelled', 'Sign-in was cancelled.'));
    },
  };
}
