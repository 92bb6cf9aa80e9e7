import { AuthError } from '../auth/auth-error';
import { UploadError } from './upload-errors';
import { errorNameOf, httpStatusOf, isConnectionError, isRetryable } from '../aws/retry';
import { cloudErrorMessage } from '../aws/s3-objects';
import { messageOf } from '../../contract/result';

/**
 * What the queue does about a failed attempt:
 * - `aborted`: the person paused or cancelled it, or the queue stopped; nothing to record.
 * - `offline`: no connection even after the per-request retries; wait, then go on by itself.
 * - `busy`: throttled or 5xx after the per-request retries; the same.
 * - `credentials`: AWS says the credentials ran out (or none could be had): renew, go again.
 * - `permanent`: only the person can fix it (a missing or changed file, a refusal).
 */
export type UploadFailure =
  | { readonly kind: 'aborted' }
  | { readonly kind: 'offline' | 'busy' | 'credentials' | 'permanent'; readonly message: string };

// ExpiredToken is S3's answer to stale session credentials; the others are other front ends' and
// the identity pool's names for "these credentials are no good any more".
const CREDENTIAL_ERRORS = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'TokenRefreshRequired',
  'CredentialsProviderError',
  'NotAuthorizedException',
]);

/** Sorts an upload error into what to do about it, with a message naming the photo. */
export function classifyUploadFailure(error: unknown, filename: string): UploadFailure {
  const name = errorNameOf(error);
  const detail = messageOf(error);
  const file = JSON.stringify(filename);
  if (name === 'AbortError' || (error instanceof UploadError && error.code === 'upload-aborted')) {
    return { kind: 'aborted' };
  }
  // Getting credentials means refreshing the ID token first; without a network that fails here.
  if (error instanceof AuthError) {
    return error.code === 'network'
      ? { kind: 'offline', message: `${file} waits for the network: ${error.message}` }
      : {
          kind: 'credentials',
          message: `No AWS credentials for uploading ${file}: ${error.message}`,
        };
  }
  // An error answer to HeadObject has no body, so S3's ExpiredToken arrives as a bare 400 the SDK
  // cannot name; our HEAD requests are otherwise well-formed, so treat it the same way (renewing
  // is cheap, and repeated renewals that do not help turn into a wait, never a lost photo).
  const bare400 = httpStatusOf(error) === 400 && (name === 'Unknown' || name === 'BadRequest');
  if (bare400 || (name !== undefined && CREDENTIAL_ERRORS.has(name))) {
    return {
      kind: 'credentials',
      message: `AWS did not accept the credentials while uploading ${file} (${name}).`,
    };
  }
  if (isConnectionError(error) || isRetryable(error)) {
    return {
      kind: isConnectionError(error) ? 'offline' : 'busy',
      message: `${file} waits for the cloud: ${cloudErrorMessage(error)}`,
    };
  }
  if (error instanceof UploadError) {
    const what =
      error.code === 'upload-verification-failed'
        ? 'did not arrive intact'
        : 'could not be uploaded';
    return { kind: 'permanent', message: `${file} ${what}: ${detail}` };
  }
  if (name === 'AccessDenied' || httpStatusOf(error) === 403) {
    return {
      kind: 'permanent',
      message: `The cloud refused ${file}: this account may not write there (${cloudErrorMessage(error)})`,
    };
  }
  if (httpStatusOf(error) !== undefined) {
    return { kind: 'permanent', message: `The cloud refused ${file}: ${cloudErrorMessage(error)}` };
  }
  return { kind: 'permanent', message: `${file} could not be uploaded: ${detail}` };
}
