import { InMemoryWebStorage, OidcClient, WebStorageStateStore } from 'oidc-client-ts';
import type { ShoeboxConfig } from '../config/shoebox-config';
import type { CognitoEndpoints } from '../config/cognito-endpoints';

/**
 * An oidc-client-ts `OidcClient` for a Cognito app client, in Node: discovery is seeded (Cognito's
 * has no end_session_endpoint), and sign-in state lives in memory, in main, for one sign-in.
 */
export function createOidcClient(config: ShoeboxConfig, endpoints: CognitoEndpoints): OidcClient {
  return new OidcClient({
    authority: endpoints.issuer,
    metadata: {
      issuer: endpoints.issuer,
      authorization_endpoint: endpoints.authorize,
      token_endpoint: endpoints.token,
      userinfo_endpoint: endpoints.userInfo,
      revocation_endpoint: endpoints.revoke,
      end_session_endpoint: endpoints.logout,
      jwks_uri: endpoints.jwksUri,
    },
    client_id: config.userPoolClientId,
    redirect_uri: config.redirectUri,
    response_type: 'code',
    scope: 'openid email profile',
    loadUserInfo: false,
    filterProtocolClaims: false,
    stateStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    // Cognito answers revocation with an empty body; oidc-provider (the local cloud) with text/plain.
    revokeTokenAdditionalContentTypes: ['text/plain'],
    requestTimeoutInSeconds: 30,
  });
}
