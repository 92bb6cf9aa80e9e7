import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { ErrorResponse } from 'oidc-client-ts';
import { loopbackSignOutUri } from '../../../main/config/redirect-uris';
import { startHostedUi, type HostedUi } from '../../local-cloud/hosted-ui';
import {
  FormSession,
  oidcClient,
  openAuthorize,
  refreshState,
  signIn,
  signInWithPassword,
} from './hosted-ui-driver';

describe('the Cognito Hosted UI stand-in', () => {
  let hostedUi: HostedUi;

  beforeAll(async () => {
    hostedUi = await startHostedUi();
  });
  afterAll(async () => {
    await hostedUi.stop();
  });

  it('publishes Cognito-shaped discovery: pool issuer, Cognito paths, no end_session_endpoint', async () => {
    const response = await fetch(`${hostedUi.baseUrl}/.well-known/openid-configuration`);
    const discovery = (await response.json()) as Record<string, unknown>;
    expect(hostedUi.issuer).toBe(
      'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_LocalPool1',
    );
    expect(hostedUi.clientId).toMatch(/^[a-z0-9]{26}$/);
    expect(discovery).toMatchObject({
      issuer: hostedUi.issuer,
      authorization_endpoint: `${hostedUi.baseUrl}/oauth2/authorize`,
      token_endpoint: `${hostedUi.baseUrl}/oauth2/token`,
      userinfo_endpoint: `${hostedUi.baseUrl}/oauth2/userInfo`,
      revocation_endpoint: `${hostedUi.baseUrl}/oauth2/revoke`,
      jwks_uri: hostedUi.jwksUrl,
    });
    expect(discovery).not.toHaveProperty('end_session_endpoint');
    expect(discovery.code_challenge_methods_supported).toEqual(['S256']);
  });

  it('signs in with code + PKCE and issues Cognito-shaped ID, access and refresh tokens', async () => {
    const client = oidcClient(hostedUi);
    const before = hostedUi.knobs.counters.authorizationCode;
    const signin = await signIn(hostedUi, client);
    expect(hostedUi.knobs.counters.authorizationCode).toBe(before + 1);

    const jwks = createRemoteJWKSet(new URL(hostedUi.jwksUrl));
    const { payload: id, protectedHeader } = await jwtVerify(signin.id_token!, jwks, {
      issuer: hostedUi.issuer,
      audience: hostedUi.clientId,
    });
    const alice = hostedUi.users.find((user) => user.username === 'alice')!;
    expect(protectedHeader.alg).toBe('RS256');
    expect(id).toMatchObject({
      sub: alice.sub,
      'cognito:username': 'alice',
      email: 'alice@example.com',
      email_verified: true,
      nickname: 'Alice',
      token_use: 'id',
      aud: hostedUi.clientId,
    });
    expect(id.exp! - id.iat!).toBe(3600);
    expect(id.jti).toEqual(expect.any(String));
    expect(id.auth_time).toEqual(expect.any(Number));

    const { payload: access } = await jwtVerify(signin.access_token, jwks, {
      issuer: hostedUi.issuer,
    });
    expect(access).toMatchObject({
      sub: alice.sub,
      token_use: 'access',
      client_id: hostedUi.clientId,
      username: 'alice',
    });
    expect(access.scope).toContain('openid');
    expect(access).not.toHaveProperty('aud');
    expect(signin.refresh_token).toBeTruthy();
  });

  it('answers userInfo for the JWT access token it issued', async () => {
    const signin = await signIn(hostedUi, oidcClient(hostedUi));
    const response = await fetch(`${hostedUi.baseUrl}/oauth2/userInfo`, {
      headers: { authorization: `Bearer ${signin.access_token}` },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      email: 'alice@example.com',
      username: 'alice',
      email_verified: 'true',
    });
    const forged = await fetch(`${hostedUi.baseUrl}/oauth2/userInfo`, {
      headers: { authorization: 'Bearer not-a-token' },
    });
    expect(forged.status).toBe(401);
  });

  it('requires PKCE and refuses unregistered callback URLs without redirecting', async () => {
    const session = new FormSession(hostedUi.baseUrl);
    const query = new URLSearchParams({
      client_id: hostedUi.clientId,
      response_type: 'code',
      scope: 'openid email profile',
      redirect_uri: hostedUi.redirectUris[0]!,
      state: 's1',
    });
    const noPkce = await session.get(`${hostedUi.baseUrl}/oauth2/authorize?${query}`);
    const error = new URL(noPkce.location!);
    expect(error.searchParams.get('error')).toBe('invalid_request');
    expect(error.searchParams.get('error_description')).toMatch(/PKCE/);

    query.set('redirect_uri', 'http://localhost:17824/callback');
    query.set('code_challenge', 'x'.repeat(43));
    query.set('code_challenge_method', 'S256');
    const wrongPort = await session.get(`${hostedUi.baseUrl}/oauth2/authorize?${query}`);
    expect(wrongPort.status).toBe(400);
    expect(wrongPort.location).toBeUndefined();
  });

  it('shows the wrong-password message and stays on the page', async () => {
    const session = new FormSession(hostedUi.baseUrl);
    const page = await openAuthorize(oidcClient(hostedUi), session);
    expect(page.html).toContain('Username');
    const wrong = await session.post(page.url, {
      username: 'alice',
      password: 'nope',
      action: 'signin',
    });
    expect(wrong.status).toBe(200);
    expect(wrong.location).toBeUndefined();
    expect(wrong.html).toContain('Incorrect username or password.');
    const unknown = await session.post(page.url, {
      username: 'mallory',
      password: 'correct horse',
    });
    expect(unknown.html).toContain('Incorrect username or password.');
  });

  it('refreshes without rotating the refresh token, and counts the calls', async () => {
    const client = oidcClient(hostedUi);
    const signin = await signIn(hostedUi, client);
    const before = hostedUi.knobs.counters.refreshToken;
    const refreshed = await client.useRefreshToken({ state: refreshState(signin) });
    expect(hostedUi.knobs.counters.refreshToken).toBe(before + 1);
    expect(refreshed.id_token).toBeTruthy();
    expect(refreshed.id_token).not.toBe(signin.id_token);
    expect(decodeJwt(refreshed.id_token!)).toMatchObject({ token_use: 'id', nickname: 'Alice' });
    expect(decodeJwt(refreshed.access_token)).toMatchObject({ token_use: 'access' });
    // Cognito does not rotate refresh tokens: the caller keeps the one it had.
    expect(refreshed.refresh_token).toBeUndefined();
    const raw = await fetch(`${hostedUi.baseUrl}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: signin.refresh_token!,
        client_id: hostedUi.clientId,
      }),
    });
    expect(Object.keys((await raw.json()) as object).sort()).toEqual([
      'access_token',
      'expires_in',
      'id_token',
      'scope',
      'token_type',
    ]);
  });

  it('refuses a refresh token once it is revoked', async () => {
    const client = oidcClient(hostedUi);
    const signin = await signIn(hostedUi, client);
    await client.revokeToken(signin.refresh_token!, 'refresh_token');
    const failure = await client
      .useRefreshToken({ state: refreshState(signin) })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ErrorResponse);
    expect((failure as ErrorResponse).error).toBe('invalid_grant');
  });

  it('revokes every refresh token on demand and honours lifetime knobs', async () => {
    const client = oidcClient(hostedUi);
    hostedUi.knobs.idTokenLifetimeSeconds = 600;
    const signin = await signIn(hostedUi, client).finally(() => {
      hostedUi.knobs.idTokenLifetimeSeconds = 3600;
    });
    const id = decodeJwt(signin.id_token!);
    expect(id.exp! - id.iat!).toBe(600);
    expect(await hostedUi.knobs.revokeAllRefreshTokens()).toBeGreaterThan(0);
    const failure = await client
      .useRefreshToken({ state: refreshState(signin) })
      .catch((e: unknown) => e);
    expect((failure as ErrorResponse).error).toBe('invalid_grant');
  });

  it('keeps the session for silent sign-in until GET /logout ends it', async () => {
    const client = oidcClient(hostedUi);
    const { session } = await signInWithPassword(hostedUi, client);
    const silent = await openAuthorize(client, session);
    expect(new URL(silent.location!).searchParams.get('code')).toBeTruthy();

    const logoutQuery = new URLSearchParams({
      client_id: hostedUi.clientId,
      logout_uri: 'http://localhost:9999/elsewhere',
    });
    const refused = await session.get(`${hostedUi.baseUrl}/logout?${logoutQuery}`);
    expect(refused.status).toBe(400);
    expect(refused.location).toBeUndefined();

    logoutQuery.set('logout_uri', loopbackSignOutUri);
    const loggedOut = await session.get(`${hostedUi.baseUrl}/logout?${logoutQuery}`);
    expect(loggedOut.status).toBe(302);
    expect(loggedOut.location).toBe(loopbackSignOutUri);

    const again = await openAuthorize(client, session);
    expect(again.location).toBeUndefined();
    expect(again.html).toContain('Password');
  });

  it('federates "Login with Amazon" with Cognito identities and username', async () => {
    const client = oidcClient(hostedUi);
    const session = new FormSession(hostedUi.baseUrl);
    const page = await openAuthorize(client, session, { identity_provider: 'LoginWithAmazon' });
    expect(page.html).toContain('<title>Login with Amazon</title>');
    expect(page.html).toContain('Continue as Bob');
    const done = await session.post(page.url, { amazonUserId: 'amzn1.account.AEXAMPLE0000000001' });
    const signin = await client.processSigninResponse(done.location!);
    expect(decodeJwt(signin.id_token!)).toMatchObject({
      'cognito:username': 'LoginWithAmazon_amzn1.account.AEXAMPLE0000000001',
      'cognito:groups': ['eu-west-1_LocalPool1_LoginWithAmazon'],
      identities: [{ providerName: 'LoginWithAmazon', userId: 'amzn1.account.AEXAMPLE0000000001' }],
      token_use: 'id',
    });
  });

  it('answers Cancel with error=access_denied at the callback', async () => {
    const client = oidcClient(hostedUi);
    const session = new FormSession(hostedUi.baseUrl);
    const page = await openAuthorize(client, session);
    const cancelled = await session.post(page.url, { action: 'cancel' });
    const callback = new URL(cancelled.location!);
    expect(`${callback.origin}${callback.pathname}`).toBe(hostedUi.redirectUris[0]);
    expect(callback.searchParams.get('error')).toBe('access_denied');
    const failure = await client.processSigninResponse(callback.href).catch((e: unknown) => e);
    expect((failure as ErrorResponse).error).toBe('access_denied');
  });
});
