/**
 * How the Cognito Identity stand-in checks a `Logins` map, as the real identity pool does for a
 * Cognito user-pool provider: the key must be `cognito-idp.<region>.amazonaws.com/<poolId>`, the
 * value an RS256 ID token signed by a key in the pool's JWKS, with the pool's `iss`, the app
 * client's `aud`, an unexpired `exp` and `token_use: 'id'`. Error messages follow the service's
 * wording as far as it is known. Not copied: other providers (Google, SAML, developer identities),
 * role mapping rules, `cognito:roles`/`cognito:preferred_role`, server-side token revocation checks.
 */
import {
  createRemoteJWKSet,
  decodeJwt,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
} from 'jose';

export class AwsJsonError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** The user pool and app client an identity pool trusts (a `HostedUi` fits). */
export interface TrustedUserPool {
  readonly issuer: string;
  readonly jwksUrl: string;
  readonly clientId: string;
}

const notAuthorized = (message: string): AwsJsonError =>
  new AwsJsonError('NotAuthorizedException', message);

export class LoginVerifier {
  readonly providerName: string;
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;

  constructor(
    private readonly pool: TrustedUserPool,
    private readonly now: () => number,
  ) {
    this.providerName = pool.issuer.replace(/^https:\/\//, '');
    this.jwks = createRemoteJWKSet(new URL(pool.jwksUrl));
  }

  /** The verified ID token's claims; throws AwsJsonError as the service would answer. */
  async verify(logins: unknown): Promise<JWTPayload & { sub: string }> {
    if (logins === undefined || logins === null) {
      throw notAuthorized('Unauthenticated access is not supported for this identity pool.');
    }
    if (typeof logins !== 'object' || Array.isArray(logins)) {
      throw new AwsJsonError('SerializationException', 'Logins must be a map of strings');
    }
    const entries = Object.entries(logins);
    if (entries.length === 0) {
      throw notAuthorized('Unauthenticated access is not supported for this identity pool.');
    }
    if (entries.length > 10) {
      throw new AwsJsonError('ValidationException', 'Logins has more than 10 entries');
    }
    for (const [provider] of entries) {
      if (provider !== this.providerName) {
        throw notAuthorized('Token is not from a supported provider of this identity pool.');
      }
    }
    const token = entries[0]?.[1];
    if (typeof token !== 'string') {
      throw new AwsJsonError('SerializationException', 'Logins values must be strings');
    }
    return this.verifyIdToken(token);
  }

  private async verifyIdToken(token: string): Promise<JWTPayload & { sub: string }> {
    let claims: JWTPayload;
    try {
      claims = decodeJwt(token);
    } catch {
      throw notAuthorized('Invalid login token. Not a valid OpenId Connect identity token.');
    }
    const nowSeconds = Math.floor(this.now() / 1000);
    try {
      await jwtVerify(token, this.jwks, {
        algorithms: ['RS256'],
        issuer: this.pool.issuer,
        audience: this.pool.clientId,
        currentDate: new Date(this.now()),
        clockTolerance: 0,
      });
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) {
        throw notAuthorized(`Invalid login token. Token expired: ${nowSeconds} >= ${claims.exp}`);
      }
      if (error instanceof joseErrors.JWTClaimValidationFailed) {
        if (error.claim === 'aud')
          throw notAuthorized('Invalid login token. Incorrect token audience.');
        if (error.claim === 'iss') {
          throw notAuthorized("Invalid login token. Issuer doesn't match providerName");
        }
        throw notAuthorized(`Invalid login token. ${error.message}`);
      }
      if (
        error instanceof joseErrors.JWSSignatureVerificationFailed ||
        error instanceof joseErrors.JWKSNoMatchingKey ||
        error instanceof joseErrors.JOSEAlgNotAllowed
      ) {
        throw notAuthorized("Invalid login token. Couldn't verify signed token.");
      }
      throw notAuthorized('Invalid login token. Not a valid OpenId Connect identity token.');
    }
    if (claims.token_use !== 'id' || typeof claims.sub !== 'string') {
      throw notAuthorized('Invalid login token. Not a valid OpenId Connect identity token.');
    }
    return { ...claims, sub: claims.sub };
  }
}
