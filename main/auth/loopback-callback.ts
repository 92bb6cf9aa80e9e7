import { createServer } from 'node:http';
import { AuthError } from './auth-error';

export interface PendingCallback {
  /** The full callback URL the browser was sent to. */
  readonly url: Promise<string>;
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

/**
 * Listens on 127.0.0.1 at the redirect URI's port for exactly one request to its path, answers
 * with a page that sends the person back to Shoebox, and closes (docs/architecture.md, "Sign-in").
 */
export async function listenForLoopbackCallback(
  redirectUri: string,
  timeoutMs: number,
  landing: { title: string; text: string } = signedInLanding,
): Promise<PendingCallback> {
  const expected = new URL(redirectUri);
  let settle!: { resolve: (url: string) => void; reject: (error: AuthError) => void };
  const url = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  url.catch(() => undefined); // a sign-in that is abandoned before anyone awaits it is not an error
  let closed = false;
  const server = createServer((request, response) => {
    const received = new URL(request.url ?? '/', expected.origin);
    if (request.method !== 'GET' || received.pathname !== expected.pathname) {
      response.writeHead(404).end();
      return;
    }
    const failed = received.searchParams.has('error');
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
      .end(
        failed
          ? page('Sign-in did not finish', 'Return to Shoebox to see why. You can close this tab.')
          : page(landing.title, landing.text),
      );
    settle.resolve(`${expected.origin}${request.url ?? ''}`);
    close();
  });
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
    server.close();
    server.closeAllConnections();
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        error.code === 'EADDRINUSE'
          ? new AuthError(
              'port-busy',
              `Another program is using port ${expected.port}, which sign-in needs for its return address. Close it and try again.`,
            )
          : new AuthError(
              'network',
              `Sign-in could not listen for its return address (${error.message}).`,
            ),
      );
    });
    server.listen(Number(expected.port), '127.0.0.1', () => resolve());
  });
  return {
    url,
    close: () => {
      settle.reject(new AuthError('cancelled', 'Sign-in was cancelled.'));
      close();
    },
  };
}
