import { randomBytes } from 'node:crypto';
import type { OidcClient, RefreshState, UserProfile } from 'oidc-client-ts';
import type { AuthState, SignInProvider } from '../../contract/auth';
import type { ShoeboxConfig } from '../config/shoebox-config';
import { AuthError } from './auth-error';
import { classifyOidcError } from './classify-oidc-error';
import { cognitoEndpoints, type CognitoEndpoints } from '../config/cognito-endpoints';
import { keySetFor, verifyIdToken, type IdentityClaims } from './id-token';
import { clockToleranceSeconds, fetchServerTime, ServerClock } from './server-clock';
import {
  listenForLoopbackCallback,
  signedOutLanding,
  type PendingCallback,
} from './loopback-callback';
import { createOidcClient } from './oidc-client-factory';
import { loopbackSignOutUri, schemeRedirectUri } from '../config/redirect-uris';
import { awaitSchemeCallback, type SchemeCallback } from './scheme-callback';
import type { SecretStore } from './secret-store';
import type { Logger } from '../model/logger';
import { decodeSession, encodeSession } from './stored-session';

export interface AuthDeps {
  readonly config: ShoeboxConfig;
  readonly secrets: SecretStore;
  /** Opens the system browser (Electron) or asks the page to open a tab (browser host). */
  readonly openBrowser: (url: string) => Promise<void>;
  /** Told every time the state changes (the host sends it on as `auth.changed`). */
  readonly onChanged: (state: AuthState) => void;
  readonly now: () => number;
  readonly signInTimeoutMs?: number;
  /** Where sign-in redirects taken and ignored are noted (redacted: no code or token). */
  readonly log?: Logger;
}

interface LiveSession {
  refreshToken: string;
  idToken: string;
  claims: IdentityClaims;
}

const retryDelaysMs = [2_000, 5_000, 15_000, 30_000, 60_000, 120_000];

/** Only a definite refusal ends a session; anything that may pass is retried instead. */
function endsSession(failure: AuthError): boolean {
  return failure.code === 'session-expired' || failure.code === 'invalid-token';
}

/** When to refresh: 5 minutes before expiry for long-lived tokens, at 80 % for short ones. */
export function refreshDelayMs(untilExpiryMs: number): number {
  const delay = untilExpiryMs > 600_000 ? untilExpiryMs - 300_000 : untilExpiryMs * 0.8;
  return Math.max(30_000, delay);
}

/**
 * Cognito sign-in in main: authorization code + PKCE through the Hosted UI in the system browser,
 * the ID token validated here, the refresh token sealed by the SecretStore, tokens refreshed
 * before they expire, and a lost network answered by retrying rather than signing out.
 */
export class AuthService {
  private readonly endpoints: CognitoEndpoints;
  private readonly client: OidcClient;
  private current: AuthState;
  private session: LiveSession | null = null;
  private pending: PendingCallback | null = null;
  /** Set before the first await of a sign-in, so a second click cannot start another. */
  private signingIn = false;
  private signOutLanding: PendingCallback | null = null;
  private schemeCallback: SchemeCallback | null = null;
  private refreshing: Promise<LiveSession> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  /** Expiry is judged by the sign-in service's time, not only this machine's. */
  readonly clock: ServerClock;

  constructor(private readonly deps: AuthDeps) {
    this.clock = new ServerClock(deps.now);
    this.endpoints = cognitoEndpoints(deps.config);
    this.client = createOidcClient(deps.config, this.endpoints);
    this.current = this.signedOut(null);
  }

  state(): AuthState {
    return this.current;
  }

  /** At start: a saved session shows the user as signed in at once, then reconnects. */
  async restore(): Promise<void> {
    const stored = decodeSession(await this.deps.secrets.load());
    if (!stored) return;
    if (
      stored.issuer !== this.endpoints.issuer ||
      stored.clientId !== this.deps.config.userPoolClientId
    ) {
      await this.deps.secrets.clear(); // a session for another backend
      return;
    }
    this.session = {
      refreshToken: stored.refreshToken,
      idToken: '',
      claims: {
        sub: stored.sub,
        username: stored.sub,
        email: stored.email,
        nickname: stored.nickname,
        expiresAt: 0,
        issuedAt: null,
      },
    };
    this.setState(this.signedIn('connecting', null));
    await this.refreshQuietly();
  }

  /** Signs in and resolves when the browser has come back and the session is in place. */
  async signIn(provider: SignInProvider): Promise<void> {
    await (
      await this.startSignIn(provider)
    ).done;
  }

  /**
   * Starts a sign-in: listens for the redirect, opens the Hosted UI through the host's
   * `openBrowser`, and answers its URL (it carries no secret: the PKCE verifier stays here).
   */
  async startSignIn(
    provider: SignInProvider,
  ): Promise<{ authorizeUrl: string; done: Promise<void> }> {
    if (this.signingIn)
      throw new AuthError('busy', 'A sign-in is already waiting for the browser.');
    if (this.session) throw new AuthError('busy', 'You are already signed in; sign out first.');
    if (!this.deps.config.identityProviders.includes(provider)) {
      throw new AuthError('idp-error', `${provider} sign-in is not set up for this backend.`);
    }
    this.signingIn = true;
    // A sign-out's landing page may still hold the loopback port; this sign-in needs it.
    this.signOutLanding?.close();
    this.setState(this.signedOut(null, 'signing-in'));
    let callback: PendingCallback | null = null;
    try {
      callback = await this.awaitRedirect();
      this.pending = callback;
      const nonce = randomBytes(16).toString('base64url');
      const request = await this.client.createSigninRequest({
        nonce,
        extraQueryParams:
          provider === 'LoginWithAmazon' ? { identity_provider: 'LoginWithAmazon' } : {},
      });
      callback.expectState(request.state.id);
      await this.deps.openBrowser(request.url);
      return { authorizeUrl: request.url, done: this.finishSignIn(callback, nonce) };
    } catch (error) {
      callback?.close();
      this.pending = null;
      this.signingIn = false;
      throw this.failSignIn(error);
    }
  }

  private async finishSignIn(callback: PendingCallback, nonce: string): Promise<void> {
    try {
      const response = await this.client.processSigninResponse(await callback.url);
      if (!response.id_token || !response.refresh_token) {
        throw new AuthError(
          'idp-error',
          'The sign-in service answered without an ID token or refresh token.',
        );
      }
      const claims = await this.verify(response.id_token, nonce);
      await this.adopt({
        refreshToken: response.refresh_token,
        idToken: response.id_token,
        claims,
      });
    } catch (error) {
      throw this.failSignIn(error);
    } finally {
      callback.close();
      this.pending = null;
      this.signingIn = false;
    }
  }

  private failSignIn(error: unknown): AuthError {
    const failure = classifyOidcError(error);
    this.setState(this.signedOut(failure.message));
    return failure;
  }

  /** Delivers a redirect the OS handed to a packaged app; answers whether a sign-in took it. */
  handleRedirect(url: string): boolean {
    return this.schemeCallback?.deliver(url) ?? false;
  }

  private async awaitRedirect(): Promise<PendingCallback> {
    const { redirectUri } = this.deps.config;
    const timeoutMs = this.deps.signInTimeoutMs ?? 300_000;
    const { log } = this.deps;
    if (redirectUri !== schemeRedirectUri)
      return listenForLoopbackCallback(redirectUri, timeoutMs, log ? { log } : {});
    this.schemeCallback = awaitSchemeCallback(redirectUri, timeoutMs, log);
    return this.schemeCallback;
  }

  cancelSignIn(): void {
    this.pending?.close();
  }

  /**
   * Revokes the refresh token and forgets the session. Ending the Hosted UI session too opens its
   * logout page (through `openBrowser`) and answers that URL; otherwise null.
   */
  async signOut(endHostedUiSession: boolean): Promise<string | null> {
    const session = this.session;
    this.stopTimer();
    this.session = null;
    await this.deps.secrets.clear();
    this.setState(this.signedOut(null));
    if (session) {
      await this.client.revokeToken(session.refreshToken, 'refresh_token').catch(() => undefined);
    }
    if (endHostedUiSession) {
      const url = new URL(this.endpoints.logout);
      url.searchParams.set('client_id', this.deps.config.userPoolClientId);
      url.searchParams.set('logout_uri', loopbackSignOutUri);
      this.signOutLanding = await listenForLoopbackCallback(loopbackSignOutUri, 60_000, {
        landing: signedOutLanding,
        checkState: false, // the logout redirect carries no state
      }).catch(() => null);
      await this.deps.openBrowser(url.href);
      return url.href;
    }
    return null;
  }

  /** A valid ID token for the identity pool, refreshed first when it is about to expire. */
  async idToken(): Promise<string> {
    const session = this.session;
    if (!session) throw new AuthError('session-expired', 'Sign in to use the cloud.');
    if (session.idToken && session.claims.expiresAt * 1000 - this.clock.now() > 60_000)
      return session.idToken;
    return (await this.refresh()).idToken;
  }

  /** Who is signed in, for keys and greetings; null when signed out. */
  identity(): IdentityClaims | null {
    return this.session?.claims ?? null;
  }

  dispose(): void {
    this.stopTimer();
    this.pending?.close();
    this.signOutLanding?.close();
    // Whatever refresh is still in flight belongs to no one now.
    this.session = null;
  }

  private async refresh(): Promise<LiveSession> {
    this.refreshing ??= this.exchangeRefreshToken().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async exchangeRefreshToken(): Promise<LiveSession> {
    const session = this.session;
    if (!session) throw new AuthError('session-expired', 'Sign in to use the cloud.');
    // Sign-out or another backend while this refresh is in flight makes its outcome moot.
    const stillCurrent = () => this.session === session;
    try {
      // oidc-client-ts exports RefreshState as a type only (docs/platform-notes.md), so the state
      // is written as the plain object its constructor would make.
      // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
      const state: RefreshState = {
        refresh_token: session.refreshToken,
        session_state: null,
        profile: { sub: session.claims.sub } as UserProfile,
      };
      const response = await this.client.useRefreshToken({ state });
      if (!response.id_token) {
        throw new AuthError('idp-error', 'The token refresh returned no ID token.');
      }
      const claims = await this.verify(response.id_token);
      if (claims.sub !== session.claims.sub) {
        throw new AuthError('invalid-token', 'The refreshed token is for another user.');
      }
      const next = {
        refreshToken: response.refresh_token ?? session.refreshToken,
        idToken: response.id_token,
        claims,
      };
      if (!stillCurrent()) throw new AuthError('cancelled', 'Signed out during a token refresh.');
      await this.adopt(next);
      return next;
    } catch (error) {
      const failure = classifyOidcError(error);
      if (!stillCurrent()) throw failure;
      if (endsSession(failure)) {
        this.session = null;
        this.stopTimer();
        await this.deps.secrets.clear();
        this.setState(this.signedOut(failure.message));
      } else {
        // Offline, a 5xx, a captive portal, the key set unreachable: keep the session and retry.
        this.setState(this.signedIn('offline', failure.message));
        this.schedule(
          retryDelaysMs[Math.min(this.failures++, retryDelaysMs.length - 1)] ?? 120_000,
        );
      }
      throw failure;
    }
  }

  private async refreshQuietly(): Promise<void> {
    await this.refresh().catch(() => undefined);
  }

  private async verify(idToken: string, nonce?: string): Promise<IdentityClaims> {
    const check = () =>
      verifyIdToken(idToken, keySetFor(this.endpoints.jwksUri), {
        issuer: this.endpoints.issuer,
        clientId: this.deps.config.userPoolClientId,
        nonce,
        now: () => this.clock.now(),
      });
    try {
      const claims = await check();
      await this.noticeIssueTime(claims);
      return claims;
    } catch (error) {
      if (!(error instanceof AuthError) || error.code !== 'clock-skew') throw error;
      // Expired (or not yet valid) by our clock: ask the service what time it is.
      const serverTime = await fetchServerTime(this.endpoints.jwksUri);
      if (serverTime === null) {
        throw new AuthError(
          'clock-skew',
          "Your computer's clock looks wrong (a fresh sign-in token seems expired by it). Shoebox keeps you signed in and tries again; check the date and time settings.",
          { cause: error },
        );
      }
      const before = this.clock.offset();
      this.clock.learn(serverTime);
      // The clocks agree (or nothing changed): the token really is out of date.
      if (Math.abs(this.clock.offset() - before) * 2 < clockToleranceSeconds * 1000) {
        throw new AuthError('invalid-token', error.message, { cause: error });
      }
      return check().catch((again: unknown) => {
        throw again instanceof AuthError && again.code === 'clock-skew'
          ? new AuthError('invalid-token', again.message, { cause: again })
          : again;
      });
    }
  }

  /**
   * A token just issued says the service's time (iat). A local clock that is behind passes
   * validation yet would judge expiry late: learn the service's time then too.
   */
  private async noticeIssueTime(claims: IdentityClaims): Promise<void> {
    if (claims.issuedAt === null) return;
    const apart = claims.issuedAt * 1000 - this.clock.now();
    if (Math.abs(apart) <= clockToleranceSeconds * 1000) return;
    const serverTime = await fetchServerTime(this.endpoints.jwksUri);
    this.clock.learn(serverTime ?? claims.issuedAt * 1000);
  }

  private async adopt(session: LiveSession): Promise<void> {
    this.session = session;
    this.failures = 0;
    const { claims } = session;
    await this.deps.secrets.save(
      encodeSession({
        issuer: this.endpoints.issuer,
        clientId: this.deps.config.userPoolClientId,
        refreshToken: session.refreshToken,
        sub: claims.sub,
        nickname: claims.nickname,
        email: claims.email,
      }),
    );
    this.setState(this.signedIn('online', this.clock.warning()));
    // Refresh well before the ID token expires: never sign the user out for an expiry.
    const untilExpiry = claims.expiresAt * 1000 - this.clock.now();
    this.schedule(refreshDelayMs(untilExpiry));
  }

  private schedule(delayMs: number): void {
    this.stopTimer();
    this.timer = setTimeout(() => void this.refreshQuietly(), delayMs);
    this.timer.unref();
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private setState(state: AuthState): void {
    this.current = state;
    this.deps.onChanged(state);
  }

  private signedOut(
    message: string | null,
    status: 'signed-out' | 'signing-in' = 'signed-out',
  ): AuthState {
    const { persistence, caveat } = this.deps.secrets;
    return { status, providers: this.deps.config.identityProviders, message, persistence, caveat };
  }

  private signedIn(
    connection: 'connecting' | 'online' | 'offline',
    message: string | null,
  ): AuthState {
    const claims = this.session?.claims;
    const { persistence, caveat } = this.deps.secrets;
    return {
      status: 'signed-in',
      nickname: claims?.nickname ?? '',
      email: claims?.email ?? null,
      connection,
      message,
      persistence,
      caveat,
    };
  }
}
