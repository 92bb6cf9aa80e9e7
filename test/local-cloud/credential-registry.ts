import { randomBytes } from 'node:crypto';

/** Temporary AWS credentials as the Cognito Identity stand-in hands them out. */
export interface IssuedCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
  /** The Cognito identity id these belong to (what `${cognito-identity.amazonaws.com:sub}` is). */
  readonly identityId: string;
}

/**
 * Shared by the local cloud's stand-ins: the identity stand-in issues credentials here, and the
 * Rekognition and Polly stand-ins look them up to verify SigV4 signatures and expiry, as AWS does.
 * Test code only; never shipped.
 */
export class CredentialRegistry {
  private readonly byAccessKey = new Map<string, IssuedCredentials>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(identityId: string, lifetimeSeconds: number): IssuedCredentials {
    const credentials: IssuedCredentials = {
      accessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: randomBytes(48).toString('base64'),
      expiration: new Date(this.now() + lifetimeSeconds * 1000),
      identityId,
    };
    this.byAccessKey.set(credentials.accessKeyId, credentials);
    return credentials;
  }

  /** The credentials for an access key id, or undefined when unknown or expired. */
  find(accessKeyId: string): IssuedCredentials | undefined {
    const found = this.byAccessKey.get(accessKeyId);
    if (!found || found.expiration.getTime() <= this.now()) return undefined;
    return found;
  }

  /** Every access key id ever issued (s3rver is configured with these). */
  all(): IssuedCredentials[] {
    return [...this.byAccessKey.values()];
  }
}
