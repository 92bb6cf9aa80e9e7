/**
 * Local stand-in for the Cognito Hosted UI (test code, never shipped), built on oidc-provider 9.
 *
 * Copies what Shoebox relies on: Cognito's paths (`/oauth2/authorize`, `/oauth2/token`,
 * `/oauth2/userInfo`, `/oauth2/revoke`, `/.well-known/jwks.json`, `GET /logout?client_id&logout_uri`),
 * the issuer `https://cognito-idp.<region>.amazonaws.com/<poolId>` (while serving on loopback), one
 * public app client (no secret, PKCE S256 required, exact callback and sign-out URL matching), the
 * `openid email profile` scopes, RS256 ID tokens with Cognito's claims, JWT access tokens with
 * `token_use: 'access'`, refresh tokens without `offline_access` and without rotation, refresh-token
 * revocation, no consent screen, and "Login with Amazon" through `identity_provider=LoginWithAmazon`.
 *
 * Cannot copy: the real Hosted UI pages and their markup, Amazon's own sign-in, user-pool admin
 * APIs, MFA, advanced security, Lambda triggers, custom domains, and the split between the
 * `cognito-idp` host (discovery, JWKS) and the Hosted UI domain: here one loopback origin serves all.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { SignJWT, generateKeyPair, type JWTPayload } from 'jose';
import Provider from 'oidc-provider';
import {
  loopbackRedirectUri,
  loopbackSignOutUri,
  schemeRedirectUri,
  schemeSignOutUri,
} from '../../main/config/redirect-uris';
import { AccessTokens, useCognitoTokens } from './hosted-ui-access-tokens';
import { providerConfiguration } from './hosted-ui-config';
import { interactionRoutes } from './hosted-ui-interactions';
import { HostedUiStore } from './hosted-ui-store';
import {
  defaultAmazonUsers,
  defaultUsers,
  poolUsers,
  type AmazonUserInput,
  type HostedUiUserInput,
  type PoolUser,
} from './hosted-ui-users';

export interface HostedUiOptions {
  readonly region?: string;
  readonly userPoolId?: string;
  readonly clientId?: string;
  readonly clientName?: string;
  readonly port?: number;
  readonly users?: readonly HostedUiUserInput[];
  readonly amazonUsers?: readonly AmazonUserInput[];
  /** Callback URLs registered in addition to the app's two. */
  readonly extraRedirectUris?: readonly string[];
  /** Sign-out URLs registered in addition to the app's two. */
  readonly extraLogoutUris?: readonly string[];
  readonly idTokenLifetimeSeconds?: number;
  readonly accessTokenLifetimeSeconds?: number;
  readonly refreshTokenLifetimeSeconds?: number;
}

export interface HostedUiCounters {
  /** Every POST to /oauth2/token, answered or refused. */
  token: number;
  authorizationCode: number;
  refreshToken: number;
  userInfo: number;
  revoke: number;
}

/** Live settings and hooks tests may use while the Hosted UI runs. */
export interface HostedUiKnobs {
  idTokenLifetimeSeconds: number;
  accessTokenLifetimeSeconds: number;
  refreshTokenLifetimeSeconds: number;
  readonly counters: HostedUiCounters;
  /** Invalidates every refresh token issued so far (like `AdminUserGlobalSignOut`); returns how many. */
  revokeAllRefreshTokens(): Promise<number>;
  /** Signs any claims with the pool's key (iss, iat and a 1 h exp are filled in unless given). */
  signToken(claims: JWTPayload): Promise<string>;
}

export interface HostedUi {
  readonly baseUrl: string;
  readonly issuer: string;
  readonly region: string;
  readonly userPoolId: string;
  readonly clientId: string;
  readonly jwksUrl: string;
  readonly redirectUris: readonly string[];
  readonly logoutUris: readonly string[];
  readonly users: readonly PoolUser[];
  readonly knobs: HostedUiKnobs;
  stop(): Promise<void>;
}

export async function startHostedUi(options: HostedUiOptions = {}): Promise<HostedUi> {
  const region = options.region ?? 'eu-west-1';
  const userPoolId = options.userPoolId ?? `${region}_LocalPool1`;
  const issuer = `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`;
  // Cognito app client ids are 26 lower-case letters and digits.
  const clientId = options.clientId ?? randomBytes(13).toString('hex').slice(0, 26);
  const redirectUris = [
    loopbackRedirectUri,
    schemeRedirectUri,
    ...(options.extraRedirectUris ?? []),
  ];
  const logoutUris = [loopbackSignOutUri, schemeSignOutUri, ...(options.extraLogoutUris ?? [])];
  const users = poolUsers(options.users ?? defaultUsers, options.amazonUsers ?? defaultAmazonUsers);
  const createdAt = Date.now();

  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomBytes(8).toString('hex');
  const signingKey = { key: privateKey, kid };
  const accessTokens = new AccessTokens(issuer, signingKey);
  const store = new HostedUiStore();

  const knobs: HostedUiKnobs = {
    idTokenLifetimeSeconds: options.idTokenLifetimeSeconds ?? 3600,
    accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds ?? 3600,
    refreshTokenLifetimeSeconds: options.refreshTokenLifetimeSeconds ?? 30 * 24 * 3600,
    counters: { token: 0, authorizationCode: 0, refreshToken: 0, userInfo: 0, revoke: 0 },
    async revokeAllRefreshTokens() {
      const table = store.table('RefreshToken');
      const ids = store.ids('RefreshToken');
      for (const id of ids) table.delete(id);
      return ids.length;
    },
    async signToken(claims) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ iss: issuer, iat: now, exp: now + 3600, ...claims })
        .setProtectedHeader({ alg: 'RS256', kid })
        .sign(privateKey);
    },
  };

  const configuration = await providerConfiguration({
    clientId,
    redirectUris,
    users,
    userPoolId,
    createdAt,
    store,
    knobs,
    signingKey,
  });

  const provider = new Provider(issuer, configuration);
  // Cognito matches callback URLs exactly; oidc-provider lets native clients use any loopback port
  // (RFC 8252 7.3). Only this provider's own Client class is changed.
  provider.Client.prototype.redirectUriAllowed = function (
    this: { redirectUris: string[] },
    value,
  ) {
    return this.redirectUris.includes(value);
  };
  useCognitoTokens(provider, accessTokens, knobs);

  const ownRoutes = interactionRoutes({
    provider,
    users,
    amazonUsers: users.flatMap((user) => (user.amazon ? [user.amazon] : [])),
    clientId,
    clientName: options.clientName ?? 'Shoebox',
    logoutUris,
  });
  const providerCallback = provider.callback();
  const server: Server = createServer((req, res) => {
    ownRoutes(req, res)
      .then((handled) => {
        if (!handled) providerCallback(req, res);
      })
      .catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(`Hosted UI stand-in failed: ${String(error)}`);
      });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    baseUrl,
    issuer,
    region,
    userPoolId,
    clientId,
    jwksUrl: `${baseUrl}/.well-known/jwks.json`,
    redirectUris,
    logoutUris,
    users,
    knobs,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
