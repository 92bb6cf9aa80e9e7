/**
 * The oidc-provider configuration that makes it pose as a Cognito user pool's Hosted UI: Cognito's
 * paths, one public app client with PKCE S256 and exact callback matching, Cognito's claims and
 * token lifetimes, refresh tokens without `offline_access` and without rotation, no consent.
 * See hosted-ui.ts for what the stand-in as a whole copies and cannot copy.
 */
import { randomBytes } from 'node:crypto';
import { exportJWK } from 'jose';
import { interactionPolicy, type Configuration } from 'oidc-provider';
import type { SigningKey } from './hosted-ui-access-tokens';
import { interactionPathPrefix } from './hosted-ui-interactions';
import { errorPage } from './hosted-ui-pages';
import type { HostedUiStore } from './hosted-ui-store';
import { userClaims, type PoolUser } from './hosted-ui-users';

export const hostedUiScopes = ['openid', 'email', 'profile'];

export interface ProviderConfigurationInput {
  readonly clientId: string;
  readonly redirectUris: readonly string[];
  readonly users: readonly PoolUser[];
  readonly userPoolId: string;
  readonly createdAt: number;
  readonly store: HostedUiStore;
  /** Read on every issuance, so tests can change lifetimes while the stand-in runs. */
  readonly knobs: {
    readonly idTokenLifetimeSeconds: number;
    readonly accessTokenLifetimeSeconds: number;
    readonly refreshTokenLifetimeSeconds: number;
  };
  readonly signingKey: SigningKey;
}

export async function providerConfiguration(
  input: ProviderConfigurationInput,
): Promise<Configuration> {
  const { clientId, users, userPoolId, createdAt, store, knobs, signingKey } = input;
  const scopes = hostedUiScopes;
  const policy = interactionPolicy.base();
  // Cognito never asks for consent; oidc-provider would ask native clients on every sign-in.
  policy.get('consent')?.checks.remove('native_client_prompt');

  return {
    adapter: store.adapterClass(),
    jwks: {
      keys: [
        { ...(await exportJWK(signingKey.key)), kid: signingKey.kid, alg: 'RS256', use: 'sig' },
      ],
    },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    clients: [
      {
        client_id: clientId,
        token_endpoint_auth_method: 'none',
        // 'native' admits the custom scheme ('web' would refuse shoebox://); exact matching is
        // restored below.
        application_type: 'native',
        redirect_uris: [...input.redirectUris],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        id_token_signed_response_alg: 'RS256',
        require_auth_time: true,
      },
    ],
    routes: {
      authorization: '/oauth2/authorize',
      token: '/oauth2/token',
      userinfo: '/oauth2/userInfo',
      revocation: '/oauth2/revoke',
      jwks: '/.well-known/jwks.json',
    },
    scopes,
    claims: {
      openid: [
        'sub',
        'cognito:username',
        'cognito:groups',
        'identities',
        'token_use',
        'username',
        'jti',
      ],
      email: ['email', 'email_verified'],
      profile: ['nickname'],
    },
    extraParams: ['identity_provider', 'idp_identifier'],
    // Otherwise email and nickname would be left out of the ID token whenever userinfo exists.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      // Cognito has no RP-initiated logout: its discovery lists no end_session_endpoint.
      rpInitiatedLogout: { enabled: false },
    },
    async findAccount(_ctx, sub) {
      const user = users.find((candidate) => candidate.sub === sub);
      if (!user) return undefined;
      return { accountId: sub, claims: (use) => userClaims(user, use, userPoolId, createdAt) };
    },
    // Cognito grants the app client's scopes on sign-in; there is no consent step to remember.
    async loadExistingGrant(ctx) {
      const { oidc } = ctx;
      const clientId = oidc.client?.clientId;
      const accountId = oidc.session.accountId;
      if (!clientId || !accountId) return undefined;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(clientId);
      const existing = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
      const grant = existing ?? new oidc.provider.Grant({ accountId, clientId });
      grant.addOIDCScope(scopes.join(' '));
      await grant.save();
      return grant;
    },
    // Cognito always issues a refresh token to the code grant and rejects `offline_access`.
    issueRefreshToken: async () => true,
    // Cognito (without the opt-in rotation feature) answers a refresh with no new refresh token.
    rotateRefreshToken: false,
    // Refresh tokens outlive the Hosted UI session cookie, as Cognito's do.
    expiresWithSession: async () => false,
    renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = errorPage('Error', `${out.error ?? 'error'}: ${out.error_description ?? ''}`);
    },
    interactions: {
      policy,
      url: (_ctx, interaction) => `${interactionPathPrefix}${interaction.uid}`,
    },
    ttl: {
      IdToken: () => knobs.idTokenLifetimeSeconds,
      AccessToken: () => knobs.accessTokenLifetimeSeconds,
      RefreshToken: () => knobs.refreshTokenLifetimeSeconds,
      AuthorizationCode: 300,
      Interaction: 3600,
      Session: 3600,
      Grant: 365 * 24 * 3600,
    },
  };
}
