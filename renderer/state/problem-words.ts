import type { ErrorCode, ShoeboxError } from '../../contract/result';

/**
 * What a person reads for each error code. A Record over the closed union: a code added to
 * contract/result.ts without its words here does not compile.
 * - `words`: the renderer's own sentence for the code.
 * - `detail`: what becomes of the host's sentence. `'instead'` for codes whose words need the
 *   specific thing the host names (which photo, which field, what Polly or the cloud said): the
 *   host's sentence is shown, and `words` only when it carries none. `'dropped'` for codes whose
 *   words say all a person can act on (the host's sentence would be plumbing, such as the name
 *   of an operation this window asked for and that host does not have).
 */
const wording: Record<
  ErrorCode,
  { readonly words: string; readonly detail: 'instead' | 'dropped' }
> = {
  'invalid-request': {
    words: 'Shoebox could not do that: the request was not one it takes.',
    detail: 'instead',
  },
  'unknown-channel': {
    words: 'This window and Shoebox are different versions; restart Shoebox.',
    detail: 'dropped',
  },
  'not-found': { words: 'That is no longer in the library.', detail: 'instead' },
  'not-supported': { words: 'This cannot be done here.', detail: 'instead' },
  busy: { words: 'Shoebox is busy with this already; try again in a moment.', detail: 'instead' },
  cancelled: { words: 'Cancelled.', detail: 'dropped' },
  'not-configured': { words: 'No cloud is set up for this library.', detail: 'instead' },
  'sign-in-failed': { words: 'Signing in did not work.', detail: 'instead' },
  offline: { words: 'The cloud cannot be reached right now.', detail: 'instead' },
  'speech-failed': { words: 'The greeting could not be spoken.', detail: 'instead' },
  internal: {
    words: 'Something went wrong inside Shoebox; the details are in its log.',
    detail: 'instead',
  },
};

/**
 * What a person reads for a failed request, chosen by its code (`wording`): the code's own words,
 * or the host's sentence where the code's words need what it names. Every store shows failures
 * through here.
 */
export function problemText(error: ShoeboxError): string {
  const { words, detail } = wording[error.code];
  const sentence = error.message.trim();
  return detail === 'instead' && sentence ? sentence : words;
}
