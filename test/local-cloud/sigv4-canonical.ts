// SigV4's canonical request and signature, computed with node:crypto (test code, never shipped).
// See https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
import { createHash, createHmac } from 'node:crypto';

export const sha256Hex = (data: string | Buffer): string =>
  createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer =>
  createHmac('sha256', key).update(data).digest();

/** encodeURIComponent plus the characters RFC 3986 also reserves, as SigV4 requires. */
export function escapeUri(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function canonicalPath(rawPath: string, doubleEncode: boolean): string {
  if (!doubleEncode) return rawPath;
  const segments: string[] = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && rawPath.endsWith('/') ? '/' : '';
  return escapeUri(`/${segments.join('/')}${trailing}`).replace(/%2F/g, '/');
}

export function canonicalQuery(rawQuery: string): string {
  const pairs: [string, string][] = [];
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decodeURIComponent(eq === -1 ? part : part.slice(0, eq));
    const value = eq === -1 ? '' : decodeURIComponent(part.slice(eq + 1));
    if (key === 'X-Amz-Signature') continue;
    pairs.push([escapeUri(key), escapeUri(value)]);
  }
  pairs.sort(([ak, av], [bk, bv]) => (ak === bk ? (av < bv ? -1 : 1) : ak < bk ? -1 : 1));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

/** Milliseconds since the epoch for an `X-Amz-Date` (`20240101T120000Z`); NaN if malformed. */
export function parseAmzDate(amzDate: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

/** The `X-Amz-Date` form of a time. */
export const compactDate = (ms: number): string =>
  new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, '');

export interface CanonicalParts {
  readonly method: string;
  readonly rawPath: string;
  readonly rawQuery: string;
  /** S3 signs the path as sent; every other service URI-encodes it once more. */
  readonly doubleEncodePath: boolean;
  /** Signed header names (lower case) and their values as received. */
  readonly headers: readonly (readonly [string, string])[];
  readonly payloadHash: string;
  readonly amzDate: string;
  /** date, region, service, `aws4_request`. */
  readonly scope: readonly string[];
  readonly secretAccessKey: string;
}

/** The signature a client holding `secretAccessKey` would have sent for this request. */
export function expectedSignature(parts: CanonicalParts): Buffer {
  const canonicalHeaders = parts.headers
    .map(([name, value]) => `${name}:${value.trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const canonicalRequest = [
    parts.method,
    canonicalPath(parts.rawPath, parts.doubleEncodePath),
    canonicalQuery(parts.rawQuery),
    canonicalHeaders,
    parts.headers.map(([name]) => name).join(';'),
    parts.payloadHash,
  ].join('\n');
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    parts.amzDate,
    parts.scope.join('/'),
    sha256Hex(canonicalRequest),
  ].join('\n');
  let key: Buffer | string = `AWS4${parts.secretAccessKey}`;
  for (const step of parts.scope) key = hmac(key, step);
  return createHmac('sha256', key).update(stringToSign).digest();
}
