/**
 * Cognito-shaped access tokens for the Hosted UI stand-in. Cognito's access tokens are RS256 JWTs
 * signed with the pool's key, with `token_use: 'access'`, `client_id`, `username`, `scope` and no
 * `aud`; oidc-provider issues opaque ones. The stand-in hands out the JWT and keeps the opaque token
 * behind it, so userInfo and revocation still go through oidc-provider. Not copied: custom scopes,
 * pre-token-generation triggers, `cognito:groups` on access tokens.
 */
import { SignJWT, decodeJwt, type CryptoKey, type KeyObject } from 'jose';
import { randomUUID } from 'node:crypto';
import type Provider from 'oidc-provider';
import type { HostedUiCounters } from './hosted-ui';

export interface SigningKey {
  readonly key: CryptoKey | KeyObject;
  readonly kid: string;
}

export class AccessTokens {
  /** Cognito JWT → the opaque oidc-provider token it stands for. */
  private readonly opaqueByJwt = new Map<string, string>();

  constructor(
    private readonly issuer: string,
    private readonly signing: SigningKey,
  ) {}

  /** Replaces the opaque `access_token` of a token-endpoint answer with a Cognito JWT. */
  async wrap(body: Record<string, unknown>, lifetimeSeconds: number): Promise<void> {
    const opaque = body.access_token;
    const idToken = body.id_token;
    if (typeof opaque !== 'string' || typeof idToken !== 'string') return;
    const id = decodeJwt(idToken);
    const now = Math.floor(Date.now() / 1000);
    const jwt = await new SignJWT({
      sub: id.sub,
      client_id: id.aud,
      origin_jti: randomUUID(),
      event_id: randomUUID(),
      token_use: 'access',
      scope: typeof body.scope === 'string' ? body.scope : 'openid email profile',
      auth_time: id.auth_time,
      username: id['cognito:username'],
      ...(id['cognito:groups'] ? { 'cognito:groups': id['cognito:groups'] } : {}),
    })
      .setProtectedHeader({ alg: 'RS256', kid: this.signing.kid })
      .setIssuer(this.issuer)
      .setIssuedAt(now)
      .setExpirationTime(now + lifetimeSeconds)
      .setJti(randomUUID())
      .sign(this.signing.key);
    this.opaqueByJwt.set(jwt, opaque);
    body.access_token = jwt;
  }

  /** The opaque token behind a Cognito JWT access token, if this stand-in issued it. */
  opaqueFor(jwt: string): string | undefined {
    return this.opaqueByJwt.get(jwt);
  }
}

/**
 * Makes the token endpoint answer like Cognito's (JWT access tokens, no refresh token on refresh),
 * lets userInfo accept those JWTs, and counts calls for tests.
 */
export function useCognitoTokens(
  provider: Provider,
  accessTokens: AccessTokens,
  knobs: { readonly accessTokenLifetimeSeconds: number; readonly counters: HostedUiCounters },
): void {
  provider.use(async (ctx, next) => {
    const { path } = ctx;
    if (path === '/oauth2/userInfo') {
      knobs.counters.userInfo += 1;
      // Hand oidc-provider the opaque token behind the Cognito JWT the client holds.
      const bearer = /^Bearer (.+)$/i.exec(ctx.req.headers.authorization ?? '')?.[1];
      const opaque = bearer ? accessTokens.opaqueFor(bearer) : undefined;
      if (opaque) ctx.req.headers.authorization = `Bearer ${opaque}`;
    }
    if (path === '/oauth2/revoke') knobs.counters.revoke += 1;
    await next();
    if (path === '/oauth2/token' && ctx.method === 'POST') {
      knobs.counters.token += 1;
      const grantType = ctx.oidc?.params?.grant_type;
      if (grantType === 'authorization_code') knobs.counters.authorizationCode += 1;
      if (grantType === 'refresh_token') knobs.counters.refreshToken += 1;
      if (ctx.status === 200 && isRecord(ctx.body)) {
        await accessTokens.wrap(ctx.body, knobs.accessTokenLifetimeSeconds);
        // Cognito answers a refresh with new ID and access tokens only.
        if (grantType === 'refresh_token') delete ctx.body.refresh_token;
      }
    }
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
