import { CodedError } from '../model/coded-error';

export type AuthErrorCode =
  | 'not-configured'
  | 'cancelled'
  | 'idp-error'
  | 'state-mismatch'
  | 'port-busy'
  | 'timeout'
  | 'invalid-token'
  | 'network'
  | 'session-expired'
  /** A token's times disagree with the local clock; never a reason to end the session. */
  | 'clock-skew'
  | 'busy';

/** Why signing in (or staying signed in) failed, in words a person can act on. */
export class AuthError extends CodedError<AuthErrorCode> {}
