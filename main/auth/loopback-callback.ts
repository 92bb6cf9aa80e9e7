import type { IncomingMessage, ServerResponse } from 'node:http';
import { silentLogger, type Logger } from '../model/logger';
import { AuthError } from './auth-error';
import { listenOnLoopback, LoopbackBusyError, type LoopbackListener } from './loopback-listener';

export interface PendingCallback {
  /** The full callback URL the browser was sent to. */
  readonly url: Promise<string>;
  /**
   * The `state` of the sign-in request now open in the browser. Until it is set, and for any
   * other state, redirects are ignored (answered, not taken) and the wait goes on.
   */
  expectState(state: string): void;
  close(): void;
}

const page = (title: string, text: string) =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title>` +
  `<body style="font-family:system-ui;margin:4rem auto;max-width:32rem;text-align:center">` +
  `<h1>${title}</h1><p>${text}</p></body>`;

const signedInLanding = {
  title: 'Signed in to Shoebox',
  text: 'You can close this tab and return to Shoebox.',
};
export const signedOutLanding = { title: 'Signed out of Shoebox', text: 'You can close this tab.' };

/** True when a redirect carries the awaited state; a redirect without the check passes. */
export function carriesState(url: URL, expected: string | null, checked: boolean): boolean {
  if (!checked) return true;
  return expected !== null && url.searchParams.get('state') === expected;
}

export interface LoopbackCallbackOptions {
  /** The page the browser lands on. */
  readonly landing?: { title: string; text: string };
  /** Off only for the sign-out landing page, whose redirect carries no state. */
  readonly checkState?: boolean;
  /** Told of each redirect taken or ignored (its URL, code included, is redacted there). */
  readonly log?: Logger;
}

/**
 * Listens on both loopback addresses at the redirect URI's port for the one request to its path
 * that carries the awaited `state`, answers with a page that sends the person back to Shoebox,
 * and closes (docs/architecture.md, "Sign-in").
 */
export async function listenForLoopbackCallback(
  redirectUri: string,
  timeoutMs: number,
  {
    landing = signedInLanding,
    checkState = true,
    log = silentLogger,
  }: LoopbackCallbackOptions = {},
): Promise<PendingCallback> {
  const expected = new URL(redirectUri);
  let settle!: { resolve: (url: string) => void; reject: (error: AuthError) => void };
  const url = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  url.catch(() => undefined); // a sign-in that is abandoned before anyone awaits it is not an error
  let state: string | null = null;
  let closed = false;
  let listener: LoopbackListener | null = null;

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const received = new URL(request.url ?? '/', expected.origin);
    if (request.method !== 'GET' || received.pathname !== expected.pathname || closed) {
      response.writeHead(404).end();
      return;
    }
    const headers = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
    const seen = { url: request.url ?? '', address: request.socket.localAddress ?? null };
    if (!carriesState(received, state, checkState)) {
      log.warn('sign-in redirect ignored: not the state this sign-in sent', seen);
      // Someone else's redirect (or a stale tab): not this sign-in, which keeps waiting.
      response
        .writeHead(400, headers)
        .end(page('Not this sign-in', 'Shoebox is waiting for another sign-in; nothing changed.'));
      return;
    }
    log.info('sign-in redirect received', seen);
    const failed = received.searchParams.has('error');
    response
      .writeHead(200, headers)
      .end(
        failed
          ? page('Sign-in did not finish', 'Return to Shoebox to see why. You can close this tab.')
          : page(landing.title, landing.text),
      );
    settle.resolve(`${expected.origin}${request.url ?? ''}`);
    close();
  };

  const timer = setTimeout(() => {
    settle.reject(
      new AuthError('timeout', 'Sign-in took too long; the browser never came back to Shoebox.'),
    );
    close();
  }, timeoutMs);
  timer.unref();
  function close() {
    clearTimeout(timer);
    if (closed) return;
    closed = true;
    void listener?.close();
  }
  try {
    listener = await listenOnLoopback(handle, Number(expected.port));
  } catch (error) {
    clearTimeout(timer);
    closed = true;
    throw error instanceof LoopbackBusyError
      ? new AuthError(
          'port-busy',
          `Another program is using port ${expected.port} (on ${error.address}), which sign-in needs for its return address. Close it and try again.`,
        )
      : new AuthError(
          'network',
          `Sign-in could not listen for its return address (${(error as Error).message}).`,
        );
  }
  return {
    url,
    expectState: (awaited) => (state = awaited),
    close: () => {
      settle.reject(new AuthError('cancelled', 'Sign-in was cancelled.'));
      close();
    },
  };
}
