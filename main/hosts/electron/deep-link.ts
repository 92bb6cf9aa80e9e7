import { appScheme } from './app-protocol';

const authPrefix = `${appScheme}://auth/`;

/**
 * The sign-in deep link in a second instance's command line (Windows and Linux deliver
 * `shoebox://auth/callback?…` that way), or null. Only the auth host is a deep link: a
 * `shoebox://app/…` or `shoebox://media/…` URL passed by another program is ignored.
 */
export function deepLinkIn(argv: readonly string[]): string | null {
  const link = argv.find((arg) => typeof arg === 'string' && arg.startsWith(authPrefix));
  return link !== undefined && isAuthDeepLink(link) ? link : null;
}

/** True for a well-formed `shoebox://auth/…` URL (macOS hands it over through open-url). */
export function isAuthDeepLink(url: string): boolean {
  if (url.length > 8192) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${appScheme}:` && parsed.host === 'auth';
  } catch {
    return false;
  }
}
