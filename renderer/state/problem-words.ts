import type { ErrorCode, ShoeboxError } from '../../contract/result';

/**
 * Words for each error code, for when the host's answer carries no sentence of its own (an empty
 * message, or one lost on the way). A Record over the closed union: a code added to
 * contract/result.ts without words here does not compile.
 */
const wordsFor: Record<ErrorCode, string> = {
  'invalid-request': 'Shoebox could not do that: the request was not one it takes.',
  'unknown-channel': 'This window and Shoebox are different versions; restart Shoebox.',
  'not-found': 'That is no longer in the library.',
  'not-supported': 'This cannot be done here.',
  busy: 'Shoebox is busy with this already; try again in a moment.',
  cancelled: 'Cancelled.',
  'not-configured': 'No cloud is set up for this library.',
  'sign-in-failed': 'Signing in did not work.',
  offline: 'The cloud cannot be reached right now.',
  'speech-failed': 'The greeting could not be spoken.',
  internal: 'Something went wrong inside Shoebox; the details are in its log.',
};

/**
 * What a person reads for a failed request: the host's own sentence, which names what was wrong,
 * or the words its code stands for when there is none. Every store shows failures through here.
 */
export function problemText(error: ShoeboxError): string {
  return error.message.trim() || wordsFor[error.code];
}
