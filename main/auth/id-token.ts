import type { JWTVerifyGetKey } from 'jose';
import { AuthError } from './auth-error';
import { messageOf } from '../../contract/result';
import { clockToleranceSeconds } from './server-clock';

/** What Shoebox keeps from a validated Cognito ID token. */
export interface IdentityClaims {
  readonly sub: string;
  readonly username: string;
  readonly email: string | null;
  readonly nickname: string;
  /** Epoch seconds. */
  readonly expiresAt: number;
  /** Epoch seconds, by the sign-in service's clock; null when the token does not say. */
  readonly issuedAt: number | null;
}

export interface IdTokenExpectations {
  readonly issuer: string;
  readonly clientId: string;
  /** Checked on sign-in; refreshed ID tokens carry no nonce. */
  readonly nonce?: string;
  readonly now?: () => number;
}

/**
 * jose, loaded by the first token checked: a library with no cloud never needs it, and loading it
 * costs about 25 ms of a start (docs/architecture.md, "Start-up").
 */
const loadJose = () => import('jose');
type Jose = Awaited<ReturnType<typeof loadJose>>;

/** One key set per JWKS URL; jose caches and refetches it on an unknown key id. */
const keySets = new Map<string, JWTVerifyGetKey>();

export function keySetFor(jwksUri: string): JWTVerifyGetKey {
  let keys = keySets.get(jwksUri);
  if (!keys) {
    let remote: Promise<JWTVerifyGetKey> | null = null;
    keys = async (header, token) => {
      remote ??= loadJose().then(({ createRemoteJWKSet }) => createRemoteJWKSet(new URL(jwksUri)));
      return (await remote)(header, token);
    };
    keySets.set(jwksUri, keys);
  }
  return keys;
}

/**
 * Validates a Cognito ID token as oidc-client-ts does not: signature against the pool's JWKS,
 * issuer, audience, expiry, `token_use`, and the sign-in's nonce.
 */
export async function verifyIdToken(
  token: string,
  keys: JWTVerifyGetKey,
  expect: IdTokenExpectations,
): Promise<IdentityClaims> {
  const jose = await loadJose();
  let payload;
  try {
    ({ payload } = await jose.jwtVerify(token, keys, {
      issuer: expect.issuer,
      audience: expect.clientId,
      algorithms: ['RS256'],
      clockTolerance: clockToleranceSeconds,
      currentDate: expect.now ? new Date(expect.now()) : undefined,
    }));
  } catch (error) {
    if (keySetUnreachable(jose, error)) {
      throw new AuthError(
        'network',
        'Shoebox cannot reach the sign-in service to check the token (offline?).',
        {
          cause: error,
        },
      );
    }
    // Too old or not yet valid by this machine's clock: the clock may be the one that is wrong.
    throw new AuthError(
      isTimeClaim(jose, error) ? 'clock-skew' : 'invalid-token',
      `The sign-in answer was not a valid ID token (${describe(jose, error)}).`,
      {
        cause: error,
      },
    );
  }
  if (payload.token_use !== 'id') {
    throw new AuthError(
      'invalid-token',
      'The sign-in answer carried an access token where an ID token belongs.',
    );
  }
  if (expect.nonce !== undefined && payload.nonce !== expect.nonce) {
    throw new AuthError(
      'invalid-token',
      'The ID token was issued for another sign-in (its nonce does not match).',
    );
  }
  const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : null);
  const sub = text(payload.sub);
  if (!sub || typeof payload.exp !== 'number') {
    throw new AuthError('invalid-token', 'The ID token has no subject or expiry.');
  }
  const username = text(payload['cognito:username']) ?? sub;
  return {
    sub,
    username,
    email: text(payload.email),
    nickname: text(payload.nickname) ?? text(payload.given_name) ?? username,
    expiresAt: payload.exp,
    issuedAt: typeof payload.iat === 'number' ? payload.iat : null,
  };
}

/** The key set could not be fetched (offline, timed out, a captive portal's HTML): not the token's fault. */
function keySetUnreachable({ errors }: Jose, error: unknown): boolean {
  return (
    error instanceof errors.JWKSTimeout ||
    error instanceof errors.JWKSInvalid ||
    error instanceof TypeError
  );
}

function isTimeClaim({ errors }: Jose, error: unknown): boolean {
  if (error instanceof errors.JWTExpired) return true;
  return (
    error instanceof errors.JWTClaimValidationFailed &&
    (error.claim === 'nbf' || error.claim === 'iat')
  );
}

function describe({ errors }: Jose, error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'it has expired';
  if (error instanceof errors.JWTClaimValidationFailed)
    return `its "${error.claim}" claim is wrong`;
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return 'its signature does not verify';
  if (error instanceof errors.JWKSNoMatchingKey)
    return 'it was signed by a key this user pool does not have';
  if (error instanceof errors.JOSEError) return error.code;
  return messageOf(error);
}
