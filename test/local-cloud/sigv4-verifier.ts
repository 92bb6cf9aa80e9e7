/**
 * AWS Signature Version 4 verification for the local cloud's stand-ins (test code, never shipped).
 *
 * Copies what AWS checks on a signed request: the Authorization header (or presigned
 * X-Amz-* query parameters), a credential scope matching the date, region and service, the
 * session token issued with the access key, the ±5 minute clock-skew window, the payload hash
 * in x-amz-content-sha256 when one is sent, and the signature itself, recomputed here from the
 * canonical request with the secret held by the CredentialRegistry.
 * It cannot copy IAM: a valid signature is enough, no policy is evaluated. Streaming
 * (aws-chunked) payload signatures are refused rather than verified chunk by chunk.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { CredentialRegistry, IssuedCredentials } from './credential-registry';
import { compactDate, expectedSignature, parseAmzDate, sha256Hex } from './sigv4-canonical';

/** Why a request was refused; each stand-in maps these to its protocol's error names. */
export type SigV4FailureReason =
  | 'missing-authentication'
  | 'malformed'
  | 'unknown-access-key'
  | 'invalid-token'
  | 'expired-token'
  | 'wrong-scope'
  | 'clock-skew'
  | 'presign-expired'
  | 'payload-hash-mismatch'
  | 'signature-mismatch';

export type SigV4Result =
  | { readonly ok: true; readonly credentials: IssuedCredentials }
  | {
      readonly ok: false;
      readonly reason: SigV4FailureReason;
      /** The error name a JSON-protocol AWS service answers with. */
      readonly code: string;
      readonly message: string;
    };

export interface SigV4VerifierOptions {
  readonly registry: CredentialRegistry;
  readonly region: string;
  /** Signing name: `s3`, `rekognition`, `polly`. */
  readonly service: string;
  readonly now?: () => number;
  /** S3 signs the path as sent; every other service URI-encodes it once more. */
  readonly doubleEncodePath?: boolean;
}

interface AuthParts {
  accessKeyId: string;
  scope: string[];
  signedHeaders: string[];
  signature: string;
  amzDate: string;
  securityToken: string | undefined;
  presignExpires: number | undefined;
}

const MAX_SKEW_MS = 5 * 60 * 1000;
function fail(reason: SigV4FailureReason, code: string, message: string): SigV4Result {
  return { ok: false, reason, code, message };
}

/** What the verifier reads from a request; node:http and node:http2 requests both fit. */
export interface SignedRequest {
  readonly method?: string;
  readonly url?: string;
  readonly headers: IncomingHttpHeaders;
}

function header(req: SignedRequest, name: string): string | undefined {
  // HTTP/2 carries the host as the :authority pseudo-header.
  const value = req.headers[name] ?? (name === 'host' ? req.headers[':authority'] : undefined);
  return Array.isArray(value) ? value.join(',') : value;
}

function parseAuth(req: SignedRequest, query: URLSearchParams): AuthParts | SigV4Result {
  const authorization = header(req, 'authorization');
  if (authorization !== undefined) {
    const match =
      /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(
        authorization.trim(),
      );
    if (!match) {
      return fail('malformed', 'IncompleteSignatureException', 'Authorization header is malformed');
    }
    const [accessKeyId = '', ...scope] = match[1]!.split('/');
    return {
      accessKeyId,
      scope,
      signedHeaders: match[2]!.split(';'),
      signature: match[3]!,
      amzDate: header(req, 'x-amz-date') ?? '',
      securityToken: header(req, 'x-amz-security-token'),
      presignExpires: undefined,
    };
  }
  if (query.get('X-Amz-Algorithm') === 'AWS4-HMAC-SHA256') {
    const [accessKeyId = '', ...scope] = (query.get('X-Amz-Credential') ?? '').split('/');
    return {
      accessKeyId,
      scope,
      signedHeaders: (query.get('X-Amz-SignedHeaders') ?? '').split(';'),
      signature: query.get('X-Amz-Signature') ?? '',
      amzDate: query.get('X-Amz-Date') ?? '',
      securityToken: query.get('X-Amz-Security-Token') ?? undefined,
      presignExpires: Number(query.get('X-Amz-Expires') ?? 'NaN'),
    };
  }
  return fail(
    'missing-authentication',
    'MissingAuthenticationTokenException',
    'Missing Authentication Token',
  );
}

/** Verifies a buffered request's SigV4 signature against the registry's credentials. */
export function verifySigV4(
  req: SignedRequest,
  body: Buffer,
  options: SigV4VerifierOptions,
): SigV4Result {
  const now = (options.now ?? Date.now)();
  const [rawPath = '/', rawQuery = ''] = (req.url ?? '/').split('?', 2);
  const parsed = parseAuth(req, new URLSearchParams(rawQuery));
  if ('ok' in parsed) return parsed;

  const issued = options.registry.all().find((c) => c.accessKeyId === parsed.accessKeyId);
  if (!issued) {
    return fail(
      'unknown-access-key',
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
    );
  }
  if (!options.registry.find(parsed.accessKeyId)) {
    return fail(
      'expired-token',
      'ExpiredTokenException',
      'The security token included in the request is expired',
    );
  }
  if (parsed.securityToken !== issued.sessionToken) {
    return fail(
      'invalid-token',
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
    );
  }
  const requestTime = parseAmzDate(parsed.amzDate);
  if (Number.isNaN(requestTime)) {
    return fail(
      'malformed',
      'IncompleteSignatureException',
      'Authorization requires a valid X-Amz-Date',
    );
  }
  const [date, region, service, terminator] = parsed.scope;
  if (
    parsed.scope.length !== 4 ||
    date !== parsed.amzDate.slice(0, 8) ||
    region !== options.region ||
    service !== options.service ||
    terminator !== 'aws4_request'
  ) {
    return fail(
      'wrong-scope',
      'InvalidSignatureException',
      `Credential should be scoped to a valid region, service and date: expected ${parsed.amzDate.slice(0, 8)}/${options.region}/${options.service}/aws4_request`,
    );
  }
  if (parsed.presignExpires !== undefined) {
    if (!(parsed.presignExpires > 0) || now > requestTime + parsed.presignExpires * 1000) {
      return fail('presign-expired', 'AccessDeniedException', 'Request has expired');
    }
  } else if (requestTime < now - MAX_SKEW_MS) {
    return fail(
      'clock-skew',
      'InvalidSignatureException',
      `Signature expired: ${parsed.amzDate} is now earlier than ${compactDate(now - MAX_SKEW_MS)} (${compactDate(now)} - 5 min.)`,
    );
  } else if (requestTime > now + MAX_SKEW_MS) {
    return fail(
      'clock-skew',
      'InvalidSignatureException',
      `Signature not yet current: ${parsed.amzDate} is still later than ${compactDate(now + MAX_SKEW_MS)} (${compactDate(now)} + 5 min.)`,
    );
  }
  // Over HTTP/2 the SDK signs the :authority pseudo-header instead of host.
  if (!parsed.signedHeaders.includes('host') && !parsed.signedHeaders.includes(':authority')) {
    return fail('malformed', 'InvalidSignatureException', "'Host' must be a signed header");
  }

  const declaredHash = header(req, 'x-amz-content-sha256');
  if (declaredHash?.startsWith('STREAMING-')) {
    return fail(
      'malformed',
      'InvalidRequest',
      'Streaming (aws-chunked) payloads are not supported by the stand-in',
    );
  }
  if (declaredHash && /^[0-9a-f]{64}$/.test(declaredHash) && declaredHash !== sha256Hex(body)) {
    return fail(
      'payload-hash-mismatch',
      'InvalidSignatureException',
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
    );
  }
  const payloadHash =
    parsed.presignExpires !== undefined ? 'UNSIGNED-PAYLOAD' : (declaredHash ?? sha256Hex(body));

  const expected = expectedSignature({
    method: req.method ?? 'GET',
    rawPath,
    rawQuery,
    doubleEncodePath: options.doubleEncodePath ?? true,
    headers: parsed.signedHeaders.map((name) => [name, header(req, name) ?? ''] as const),
    payloadHash,
    amzDate: parsed.amzDate,
    scope: parsed.scope,
    secretAccessKey: issued.secretAccessKey,
  });
  const provided = Buffer.from(parsed.signature, 'hex');
  if (provided.length !== expected.length || !timingSafeEqual(provided, expected)) {
    return fail(
      'signature-mismatch',
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  }
  return { ok: true, credentials: issued };
}
