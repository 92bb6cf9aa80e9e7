/** How much a log line matters; lines below the logger's level are not written. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export const logLevels: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** Facts about what happened, as JSON values; secrets are taken out before anything is written. */
export type LogFields = Readonly<Record<string, unknown>>;

/**
 * The logger port: one structured line per call. Core code logs through this and never through
 * console.*, so every line is redacted and kept in the data folder (library/json-log.ts).
 */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** A logger that drops everything (tests and tools that do not care). */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

const secretKey = /token|secret|password|authorization|credential|signature|cookie|passphrase/i;

// Secrets by their shape, wherever they appear in text (an error message, a URL, a forged
// callback), not only under a field named like a secret:
// - JOSE compact forms: JWTs (ID and access tokens, 3 parts) and JWEs (Cognito's refresh token,
//   5 parts, the encrypted key empty with `dir`); every part is masked, not just the first three.
const joseToken = /\beyJ[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*){2,4}/g;
// - AWS session tokens: STS and Cognito Identity ones start with these prefixes; any other run
//   of 100+ base64 characters mixing upper case, lower case and digits is treated as one too.
const b64 = '[A-Za-z0-9/+]';
/** The start of a base64 run whose first characters (`span`) hold both cases, and a digit. */
const mixedRunStart = (span: string, digit: boolean) =>
  `(?<![A-Za-z0-9/+])(?=${b64}${span}[A-Z])(?=${b64}${span}[a-z])` +
  (digit ? `(?=${b64}${span}[0-9])` : '');
const sessionToken = new RegExp(
  `(?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdzE|AQoDYXdzE)${b64}*=*|${mixedRunStart('*', true)}${b64}{100,}={0,2}`,
  'g',
);
// - AWS secret access keys: exactly 40 base64 characters with both cases (a hex digest has one).
const secretAccessKey = new RegExp(
  `${mixedRunStart('{0,39}', false)}${b64}{40}(?![A-Za-z0-9/+=])`,
  'g',
);
const accessKeyId = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g;
// - Presigned or signed URLs' signatures, authorization headers, and OAuth authorization codes.
const signedQuery = /([?&])(X-Amz-[A-Za-z-]+|Signature|AWSAccessKeyId|Expires)=[^&\s"']*/g;
const authHeader = /\b(AWS4-HMAC-SHA256|Bearer|Basic)\s+[^\s"']+/g;
const authorizationCode = /([?&#]code=)[^&#\s"']+/g;

/** A string with every token, key, code and URL signature in it replaced by a marker. */
export function redactText(text: string): string {
  return text
    .replace(joseToken, '[redacted token]')
    .replace(sessionToken, '[redacted token]')
    .replace(secretAccessKey, '[redacted secret]')
    .replace(accessKeyId, '[redacted key id]')
    .replace(signedQuery, '$1$2=[redacted]')
    .replace(authHeader, '$1 [redacted]')
    .replace(authorizationCode, '$1[redacted]');
}

/**
 * A copy of `value` safe to write down: fields named like secrets are dropped to a marker, strings
 * are redacted, errors become their name and message, and depth and size are bounded.
 */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string')
    return redactText(value.length > 4000 ? `${value.slice(0, 4000)}…` : value);
  if (value === null || typeof value !== 'object') {
    return typeof value === 'bigint' || typeof value === 'function' || typeof value === 'symbol'
      ? String(value)
      : value;
  }
  if (depth >= 5) return '[too deep]';
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return {
      name: value.name,
      message: redactText(value.message),
      ...(typeof code === 'string' ? { code } : {}),
    };
  }
  if (Array.isArray(value)) return value.slice(0, 100).map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value).slice(0, 100)) {
    out[key] = secretKey.test(key) ? '[redacted]' : redact(item, depth + 1);
  }
  return out;
}
