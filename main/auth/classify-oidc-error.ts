import { ErrorResponse, ErrorTimeout } from 'oidc-client-ts';
import { AuthError } from './auth-error';
import { messageOf } from '../../contract/result';

/** Turns what oidc-client-ts or fetch threw into an AuthError a person can act on. */
export function classifyOidcError(error: unknown): AuthError {
  if (error instanceof AuthError) return error;
  if (error instanceof ErrorResponse) {
    if (error.error === 'access_denied')
      return new AuthError('cancelled', 'Sign-in was cancelled.', { cause: error });
    if (error.error === 'invalid_grant') {
      return new AuthError(
        'session-expired',
        'Your session has ended. Sign in again; your library is still here.',
        {
          cause: error,
        },
      );
    }
    const detail = error.error_description ? `: ${error.error_description}` : '';
    return new AuthError(
      'idp-error',
      `The sign-in service refused (${error.error ?? 'unknown error'}${detail}).`,
      {
        cause: error,
      },
    );
  }
  if (error instanceof ErrorTimeout) {
    return new AuthError('network', 'The sign-in service did not answer in time.', {
      cause: error,
    });
  }
  const message = messageOf(error);
  if (/no matching state/i.test(message)) {
    return new AuthError(
      'state-mismatch',
      'The browser came back from a different sign-in than the one Shoebox started. Try again.',
      { cause: error },
    );
  }
  if (error instanceof TypeError || /fetch failed|ECONNREFUSED|ENOTFOUND|network/i.test(message)) {
    return new AuthError('network', 'Shoebox cannot reach the sign-in service (offline?).', {
      cause: error,
    });
  }
  return new AuthError('idp-error', `Sign-in failed: ${message}`, { cause: error });
}
