import type { ShoeboxConfig } from './shoebox-config';

/** Where a user pool's Hosted UI and keys live, with the local cloud's overrides applied. */
export interface CognitoEndpoints {
  /** The `iss` claim Cognito puts in its tokens. */
  readonly issuer: string;
  readonly jwksUri: string;
  readonly authorize: string;
  readonly token: string;
  readonly userInfo: string;
  readonly revoke: string;
  readonly logout: string;
  /** The key of the identity pool's Logins map for this user pool. */
  readonly loginsKey: string;
}

export function cognitoEndpoints(config: ShoeboxConfig): CognitoEndpoints {
  const loginsKey = `cognito-idp.${config.region}.amazonaws.com/${config.userPoolId}`;
  const issuer = `https://${loginsKey}`;
  const keysBase = config.endpoints?.hostedUiIssuer ?? issuer;
  const base = config.endpoints?.hostedUiBase ?? config.hostedUiDomain;
  return {
    issuer,
    jwksUri: `${keysBase}/.well-known/jwks.json`,
    authorize: `${base}/oauth2/authorize`,
    token: `${base}/oauth2/token`,
    userInfo: `${base}/oauth2/userInfo`,
    revoke: `${base}/oauth2/revoke`,
    logout: `${base}/logout`,
    loginsKey,
  };
}
