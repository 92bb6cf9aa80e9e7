// Helpers for building SDK credentials from a CredentialRegistry in local-cloud tests.
import type { IssuedCredentials } from '../../local-cloud/credential-registry';

/** SDK credentials from issued ones, with optional tampering for refusal tests. */
export function sdkCredentials(
  issued: IssuedCredentials,
  tamper: { secretAccessKey?: string; sessionToken?: string; accessKeyId?: string } = {},
) {
  return {
    accessKeyId: tamper.accessKeyId ?? issued.accessKeyId,
    secretAccessKey: tamper.secretAccessKey ?? issued.secretAccessKey,
    sessionToken: tamper.sessionToken ?? issued.sessionToken,
    expiration: issued.expiration,
  };
}
