// Drives the Hosted UI stand-in without a browser: plain HTTP with a cookie jar, following
// redirects by hand until they leave the Hosted UI (the app's callback is never fetched).
import {
  InMemoryWebStorage,
  OidcClient,
  WebStorageStateStore,
  type RefreshState,
  type SigninResponse,
} from 'oidc-client-ts';
import { loopbackRedirectUri } from '../../../main/config/redirect-uris';
import type { HostedUi } from '../../local-cloud/hosted-ui';

export interface Answer {
  readonly status: number;
  readonly location: string | undefined;
  readonly html: string;
  readonly url: string;
}

/** A cookie-keeping HTTP client that stops at redirects leaving `origin`. */
export class FormSession {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly origin: string) {}

  async get(url: string): Promise<Answer> {
    return this.follow(url, { method: 'GET' });
  }

  async post(url: string, form: Record<string, string>): Promise<Answer> {
    return this.follow(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  }

  private async follow(url: string, init: RequestInit): Promise<Answer> {
    let current = url;
    let request = init;
    for (let hops = 0; hops < 10; hops += 1) {
      const response = await fetch(current, {
        ...request,
        redirect: 'manual',
        headers: { ...(request.headers as Record<string, string>), cookie: this.cookieHeader() },
        signal: AbortSignal.timeout(5000),
      });
      this.remember(response.headers.getSetCookie());
      const location = response.headers.get('location') ?? undefined;
      const html = await response.text();
      const next = location ? new URL(location, current).href : undefined;
      if (!next || !next.startsWith(this.origin)) {
        return { status: response.status, location: next, html, url: current };
      }
      current = next;
      request = { method: 'GET' };
    }
    throw new Error(`too many redirects from ${url}`);
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private remember(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

export function oidcClient(hostedUi: HostedUi, redirectUri = loopbackRedirectUri): OidcClient {
  return new OidcClient({
    authority: hostedUi.baseUrl,
    client_id: hostedUi.clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid email profile',
    stateStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    // oidc-provider answers revocation with an empty text/plain body.
    revokeTokenAdditionalContentTypes: ['text/plain'],
    loadUserInfo: false,
  });
}

/** Starts a sign-in and returns the Hosted UI's first page (the login form) and its URL. */
export async function openAuthorize(
  client: OidcClient,
  session: FormSession,
  extraQueryParams: Record<string, string> = {},
): Promise<Answer> {
  const request = await client.createSigninRequest({ extraQueryParams });
  return session.get(request.url);
}

/** Signs in with a username and password and returns where the Hosted UI sent the browser. */
export async function signInWithPassword(
  hostedUi: HostedUi,
  client: OidcClient,
  username = 'alice',
  password = 'correct horse',
): Promise<{ session: FormSession; callbackUrl: string }> {
  const session = new FormSession(hostedUi.baseUrl);
  const page = await openAuthorize(client, session);
  const done = await session.post(page.url, { username, password, action: 'signin' });
  if (!done.location) throw new Error(`sign-in did not redirect (${done.status}): ${done.html}`);
  return { session, callbackUrl: done.location };
}

export async function signIn(hostedUi: HostedUi, client: OidcClient): Promise<SigninResponse> {
  const { callbackUrl } = await signInWithPassword(hostedUi, client);
  return client.processSigninResponse(callbackUrl);
}

/** `RefreshState` is typed but not exported at runtime by oidc-client-ts 3.5 (docs/platform-notes.md). */
export function refreshState(signin: SigninResponse): RefreshState {
  return {
    refresh_token: signin.refresh_token ?? '',
    id_token: signin.id_token,
    session_state: null,
    scope: signin.scope,
    profile: signin.profile,
    data: undefined,
  };
}
