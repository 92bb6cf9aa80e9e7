/**
 * The user pool behind the Hosted UI stand-in: native users (username + password) and users
 * federated through "Login with Amazon", with the ID-token claims Cognito gives each kind
 * (`cognito:username`, `identities`, `cognito:groups`, `token_use`). Copies the claim shapes only:
 * no attribute schema, no MFA, no password policy, no user-pool admin APIs.
 */
import { randomUUID } from 'node:crypto';
import type { ClaimsResult } from 'oidc-provider';

/** A native user-pool user, as a test declares it. */
export interface HostedUiUserInput {
  readonly username: string;
  readonly password: string;
  readonly email: string;
  readonly nickname?: string;
  readonly emailVerified?: boolean;
}

/** A "Login with Amazon" account the fake Amazon page offers. */
export interface AmazonUserInput {
  /** Amazon's user id, e.g. `amzn1.account.AEXAMPLE`. */
  readonly amazonUserId: string;
  readonly name: string;
  readonly email: string;
}

/** A pool user as the stand-in keeps it (`sub` is the user-pool sub, not the identity id). */
export interface PoolUser {
  readonly sub: string;
  /** What `cognito:username` says: the username, or `LoginWithAmazon_<amazon id>` when federated. */
  readonly username: string;
  readonly email: string;
  readonly emailVerified: boolean;
  readonly nickname: string | undefined;
  /** Set for native users only. */
  readonly password: string | undefined;
  /** Set for federated users only. */
  readonly amazon: AmazonUserInput | undefined;
}

export const defaultUsers: readonly HostedUiUserInput[] = [
  { username: 'alice', password: 'correct horse', email: 'alice@example.com', nickname: 'Alice' },
];

export const defaultAmazonUsers: readonly AmazonUserInput[] = [
  { amazonUserId: 'amzn1.account.AEXAMPLE0000000001', name: 'Bob', email: 'bob@example.com' },
];

export const amazonProviderName = 'LoginWithAmazon';

export function poolUsers(
  users: readonly HostedUiUserInput[],
  amazonUsers: readonly AmazonUserInput[],
): PoolUser[] {
  const native = users.map((user): PoolUser => ({
    sub: randomUUID(),
    username: user.username,
    email: user.email,
    emailVerified: user.emailVerified ?? true,
    nickname: user.nickname,
    password: user.password,
    amazon: undefined,
  }));
  const federated = amazonUsers.map((amazon): PoolUser => ({
    sub: randomUUID(),
    username: `${amazonProviderName}_${amazon.amazonUserId}`,
    email: amazon.email,
    // Cognito marks federated e-mails unverified unless the attribute mapping says otherwise.
    emailVerified: false,
    nickname: amazon.name,
    password: undefined,
    amazon,
  }));
  return [...native, ...federated];
}

/** The claims Cognito puts in an ID token (`use === 'id_token'`) or returns from userInfo. */
export function userClaims(
  user: PoolUser,
  use: 'id_token' | 'userinfo',
  userPoolId: string,
  createdAt: number,
): ClaimsResult {
  const identities = user.amazon
    ? [
        {
          userId: user.amazon.amazonUserId,
          providerName: amazonProviderName,
          providerType: amazonProviderName,
          issuer: null,
          primary: 'true',
          dateCreated: String(createdAt),
        },
      ]
    : undefined;
  const shared = {
    sub: user.sub,
    email: user.email,
    email_verified: user.emailVerified,
    ...(user.nickname === undefined ? {} : { nickname: user.nickname }),
    ...(identities ? { identities } : {}),
  };
  if (use === 'userinfo') {
    // Cognito's userInfo answers with `username` and string-typed booleans.
    return { ...shared, email_verified: String(user.emailVerified), username: user.username };
  }
  return {
    ...shared,
    'cognito:username': user.username,
    ...(user.amazon ? { 'cognito:groups': [`${userPoolId}_${amazonProviderName}`] } : {}),
    token_use: 'id',
    // oidc-provider puts no jti in ID tokens; Cognito does, so two tokens never look alike.
    jti: randomUUID(),
  };
}

export function checkPassword(
  users: readonly PoolUser[],
  username: string,
  password: string,
): PoolUser | undefined {
  const user = users.find(
    (candidate) => candidate.password !== undefined && candidate.username === username,
  );
  return user?.password === password ? user : undefined;
}
