import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The token cookie. It is host-only (no Domain) and the host is a random per-run name under
 * `.localhost` (see appHostName), so the browser sends it to this host alone: cookies ignore
 * ports, and a cookie set for 127.0.0.1 reached every server on 127.0.0.1 (docs/security.md).
 */
export const tokenCookie = 'shoebox_token';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * A host name for this run, e.g. `k3v9…q.localhost`. Browsers resolve every `*.localhost` name
 * to loopback themselves (no DNS is asked), and nobody else knows this one, so nothing the
 * browser keeps for it (the token cookie) is sent to another local server.
 */
export function appHostName(): string {
  return `${randomBytes(12).toString('hex')}.localhost`;
}

/** Constant-time comparison, so the token cannot be guessed a character at a time. */
export function tokenMatches(expected: string, given: string | undefined | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookieToken(request: IncomingMessage): string | undefined {
  const header = request.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === tokenCookie) return rest.join('=');
  }
  return undefined;
}

/**
 * The browser host answers only pages it served itself: the Host header must be this run's
 * `<name>.localhost:<port>` (no DNS rebinding, no other name) and, where a browser sends an
 * Origin, it must be that same origin.
 */
export function isTrustedOrigin(
  request: IncomingMessage,
  appHost: string,
  requireOrigin: boolean,
): boolean {
  if (request.headers.host !== appHost) return false;
  const origin = request.headers.origin;
  if (origin === undefined) return !requireOrigin;
  return origin === `http://${appHost}`;
}
