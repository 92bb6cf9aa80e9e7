/**
 * The Hosted UI stand-in's own routes: the sign-in interaction (`/login/<uid>`, username/password or
 * "Login with Amazon", with Cancel answering `error=access_denied`) and Cognito's `GET /logout`
 * (ends the Hosted UI session and redirects only to a registered sign-out URL, as Cognito does).
 * Not copied: Cognito's real `/login` query interface, sign-up, MFA, remembered devices, and the
 * `/logout?response_type=code` variant that sends the user straight back to sign-in.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { default as Provider, InteractionDetails } from 'oidc-provider';
import { amazonPage, errorPage, loginPage, wrongPasswordMessage } from './hosted-ui-pages';
import {
  amazonProviderName,
  checkPassword,
  type AmazonUserInput,
  type PoolUser,
} from './hosted-ui-users';

export interface InteractionRoutesOptions {
  readonly provider: Provider;
  readonly users: readonly PoolUser[];
  readonly amazonUsers: readonly AmazonUserInput[];
  readonly clientId: string;
  readonly clientName: string;
  readonly logoutUris: readonly string[];
}

export const interactionPathPrefix = '/login/';

/** Handles the routes oidc-provider does not own; answers false for everything else. */
export function interactionRoutes(
  options: InteractionRoutesOptions,
): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://hosted-ui.invalid');
    if (url.pathname === '/logout' && req.method === 'GET') {
      await logout(options, url, req, res);
      return true;
    }
    if (!url.pathname.startsWith(interactionPathPrefix)) return false;
    let details: InteractionDetails;
    try {
      details = await options.provider.interactionDetails(req, res);
    } catch {
      send(res, 400, errorPage('Error', 'Your sign-in session has expired. Start again.'));
      return true;
    }
    if (req.method === 'POST') await submit(options, details, await readForm(req), req, res);
    else showPage(options, details, url.pathname, res);
    return true;
  };
}

function identityProvider(details: InteractionDetails): string | undefined {
  const value = details.params.identity_provider;
  return typeof value === 'string' ? value : undefined;
}

function showPage(
  options: InteractionRoutesOptions,
  details: InteractionDetails,
  action: string,
  res: ServerResponse,
): void {
  const idp = identityProvider(details);
  if (idp === amazonProviderName) {
    send(res, 200, amazonPage({ action, users: options.amazonUsers }));
  } else if (idp === undefined || idp === 'COGNITO') {
    send(res, 200, loginPage({ action, clientName: options.clientName }));
  } else {
    send(res, 400, errorPage('Error', `Login option is not available: ${idp}`));
  }
}

async function submit(
  options: InteractionRoutesOptions,
  details: InteractionDetails,
  form: URLSearchParams,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const { provider } = options;
  if (form.get('action') === 'cancel') {
    await provider.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: 'User cancelled login' },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  const amazonUserId = form.get('amazonUserId');
  if (identityProvider(details) === amazonProviderName) {
    const user = options.users.find((candidate) => candidate.amazon?.amazonUserId === amazonUserId);
    if (!user) {
      send(res, 400, errorPage('Login with Amazon', 'Unknown Amazon account.'));
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: user.sub } });
    return;
  }
  const username = form.get('username') ?? '';
  const user = checkPassword(options.users, username, form.get('password') ?? '');
  if (!user) {
    const action = new URL(req.url ?? '/', 'http://hosted-ui.invalid').pathname;
    send(
      res,
      200,
      loginPage({ action, clientName: options.clientName, username, error: wrongPasswordMessage }),
    );
    return;
  }
  await provider.interactionFinished(req, res, { login: { accountId: user.sub } });
}

async function logout(
  options: InteractionRoutesOptions,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const clientId = url.searchParams.get('client_id');
  const logoutUri = url.searchParams.get('logout_uri');
  if (clientId !== options.clientId) {
    send(res, 400, errorPage('Error', 'invalid_request: unknown client_id'));
    return;
  }
  if (logoutUri === null || !options.logoutUris.includes(logoutUri)) {
    // Cognito refuses sign-out URLs that are not registered on the app client, exactly matched.
    send(res, 400, errorPage('Error', 'redirect_mismatch'));
    return;
  }
  const session = await options.provider.Session.get({ req, res });
  await session.destroy();
  const expired = 'Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax';
  const name = options.provider.cookieName('session');
  res.setHeader('Set-Cookie', [`${name}=; ${expired}`, `${name}.sig=; ${expired}`]);
  res.writeHead(302, { Location: logoutUri, 'Content-Length': '0' });
  res.end();
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 64 * 1024) throw new Error('form too large');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(html);
}
