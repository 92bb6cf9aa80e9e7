import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Cookies ignore ports, so each host's cookie is named for its port. */
export function tokenCookie(port: number): string {
  return `shoebox_token_${port}`;
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Constant-time comparison, so the token cannot be guessed a character at a time. */
export function tokenMatches(expected: string, given: string | undefined | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookieToken(request: IncomingMessage, port: number): string | undefined {
  const header = request.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === tokenCookie(port)) return rest.join('=');
  }
  return undefined;
}

/**
 * The browser host answers only pages it served itself: the Host header must name the
 * loopback address it listens on (no DNS rebinding) and, where a browser sends an Origin,
 * it must be that same address.
 */
export function isTrustedOrigin(
  request: IncomingMessage,
  port: number,
  requireOrigin: boolean,
): boolean {
  const allowed = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!allowed.includes(request.headers.host ?? '')) return false;
  const origin = request.headers.origin;
  if (origin === undefined) return !requireOrigin;
  return allowed.some((host) => origin === `http://${host}`);
}
