/**
 * S3 for the local cloud: s3rver 3.7 behind a SigV4-verifying gateway (test code, never shipped).
 *
 * s3rver itself does NOT verify SigV4 signatures: it only checks that the access key id is one it
 * knows (see docs/platform-notes.md). So every request first passes the gateway here, which verifies the
 * signature against the CredentialRegistry like S3 would (InvalidAccessKeyId, SignatureDoesNotMatch,
 * ExpiredToken, InvalidToken, RequestTimeTooSkewed, XAmzContentSHA256Mismatch, presigned expiry),
 * then forwards to s3rver under s3rver's own key. s3rver runs in a child process started with
 * --openssl-legacy-provider so ListObjectsV2 continuation tokens work on Node ≥ 17.
 * Conditional PutObject (If-Match, If-None-Match: *), which s3rver lacks, is checked here
 * (s3-conditional-writes.ts). s3rver's event notifications reach `onNotification`.
 * Not copied: IAM and bucket policies (any valid signature may touch any key), aws-chunked
 * streaming signatures, and what s3rver lacks (suffix ranges). ListParts, which s3rver lacks,
 * is answered by the gateway from the parts s3rver acknowledged through it (stored-parts.ts).
 * AbortMultipartUpload, which s3rver lacks too, is answered by the gateway itself (204, and
 * the upload id recorded in `abortedUploads`): the parts s3rver keeps are never read again. Clients must set forcePathStyle and requestChecksumCalculation /
 * responseChecksumValidation 'WHEN_REQUIRED' (s3ClientConfig below does).
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CredentialRegistry } from './credential-registry';
import { listenOnLoopback, readBody } from './http-util';
import { checkWriteCondition, conditionalPutPath, KeyLocks } from './s3-conditional-writes';
import { sendS3Error } from './s3-error';
import { StoredParts } from './stored-parts';
import { verifySigV4 } from './sigv4-verifier';
import type { SigV4FailureReason } from './sigv4-verifier';

export interface StartS3Options {
  readonly bucket: string;
  readonly registry: CredentialRegistry;
  readonly region?: string;
  /** Gateway port; 0 (default) picks a free one. */
  readonly port?: number;
  /** Where s3rver keeps objects; a temp dir (removed on stop) by default. */
  readonly directory?: string;
  readonly now?: () => number;
}

export interface RunningS3 {
  /** The verifying gateway: give this to S3Client as `endpoint`. */
  readonly endpoint: string;
  /** s3rver itself, unverified; for fixtures and debugging only. */
  readonly s3rverEndpoint: string;
  readonly bucket: string;
  readonly region: string;
  readonly counters: { requests: number; refused: number };
  /** Upload ids AbortMultipartUpload was sent for, in order. */
  readonly abortedUploads: string[];
  /**
   * Calls `listener` with the S3 event notification s3rver makes for each write (the JSON S3
   * sends to SNS: `{ Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket, object } }] }`,
   * the key not URL-encoded). Answers a function that stops the calls.
   */
  onNotification(listener: (notification: unknown) => void): () => void;
  stop(): Promise<void>;
}

/** s3rver's built-in account; the gateway forwards verified requests under it. */
export const S3RVER_ACCESS_KEY = 'S3RVER';

/** The S3Client settings s3rver needs, to spread into `new S3Client({...})`. */
export function s3ClientConfig(endpoint: string, region = 'us-east-1') {
  return {
    endpoint,
    region,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  } as const;
}

const S3_ERRORS: Record<SigV4FailureReason, [number, string, string]> = {
  'missing-authentication': [403, 'AccessDenied', 'Access Denied'],
  malformed: [400, 'AuthorizationHeaderMalformed', 'The authorization header is malformed.'],
  'unknown-access-key': [
    403,
    'InvalidAccessKeyId',
    'The AWS Access Key Id you provided does not exist in our records.',
  ],
  'invalid-token': [400, 'InvalidToken', 'The provided token is malformed or otherwise invalid.'],
  'expired-token': [400, 'ExpiredToken', 'The provided token has expired.'],
  'wrong-scope': [
    400,
    'AuthorizationHeaderMalformed',
    'The authorization header is malformed; the region, service or date is wrong.',
  ],
  'clock-skew': [
    403,
    'RequestTimeTooSkewed',
    'The difference between the request time and the current time is too large.',
  ],
  'presign-expired': [403, 'AccessDenied', 'Request has expired'],
  'payload-hash-mismatch': [
    400,
    'XAmzContentSHA256Mismatch',
    "The provided 'x-amz-content-sha256' header does not match what was computed.",
  ],
  'signature-mismatch': [
    403,
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
  ],
};

const CHILD_SCRIPT = fileURLToPath(new URL('./s3rver-child.ts', import.meta.url));

async function startChild(
  directory: string,
  bucket: string,
): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(CHILD_SCRIPT, [JSON.stringify({ directory, buckets: [bucket], port: 0 })], {
    execPath: process.execPath,
    execArgv: ['--openssl-legacy-provider', '--experimental-strip-types', '--no-warnings'],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`s3rver did not start: ${stderr}`)), 15_000);
    child.once('message', (message: { type: string; port: number }) => {
      clearTimeout(timer);
      resolve(message.port);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`s3rver exited with ${code}: ${stderr}`));
    });
  });
  return { child, port };
}

/** Forwards a verified request to s3rver; resolves when the answer has been sent on. */
function forward(
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  port: number,
  accessKeyId: string,
  onAnswer?: (status: number, etag: string | undefined) => void,
): Promise<void> {
  const headers = { ...req.headers };
  if (typeof headers.authorization === 'string') {
    headers.authorization = headers.authorization.replace(
      `Credential=${accessKeyId}/`,
      `Credential=${S3RVER_ACCESS_KEY}/`,
    );
  }
  const path = (req.url ?? '/').replace(
    `X-Amz-Credential=${accessKeyId}`,
    `X-Amz-Credential=${S3RVER_ACCESS_KEY}`,
  );
  // s3rver would ignore the conditions; they were checked before forwarding.
  delete headers['if-match'];
  delete headers['if-none-match'];
  return new Promise((resolve) => {
    const upstream = httpRequest(
      { host: '127.0.0.1', port, method: req.method, path, headers },
      (answer) => {
        const etag = answer.headers.etag;
        onAnswer?.(answer.statusCode ?? 502, typeof etag === 'string' ? etag : undefined);
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('end', () => resolve());
        answer.on('error', () => resolve());
      },
    );
    upstream.on('error', () => {
      res.destroy();
      resolve();
    });
    upstream.end(body);
  });
}

/** A conditional PutObject: checked and written while no other write to the key runs. */
async function forwardConditional(
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  port: number,
  accessKeyId: string,
  objectPath: string,
  locks: KeyLocks,
): Promise<void> {
  await locks.run(objectPath, async () => {
    const verdict = await checkWriteCondition(req, port, objectPath);
    if (!verdict.ok) {
      sendS3Error(res, verdict.status, verdict.code, verdict.message);
      return;
    }
    await forward(req, res, body, port, accessKeyId);
  });
}

/** Starts s3rver (child process) with `bucket`, behind a gateway that verifies SigV4. */
export async function startS3(options: StartS3Options): Promise<RunningS3> {
  const region = options.region ?? 'us-east-1';
  const ownDirectory = options.directory
    ? undefined
    : await mkdtemp(join(tmpdir(), 'shoebox-s3rver-'));
  const { child, port } = await startChild(options.directory ?? ownDirectory!, options.bucket);
  const counters = { requests: 0, refused: 0 };
  const locks = new KeyLocks();
  const abortedUploads: string[] = [];
  const storedParts = new StoredParts();
  const listeners = new Set<(notification: unknown) => void>();
  child.on('message', (message: { type?: string; notification?: unknown }) => {
    if (message.type !== 'event') return;
    for (const listener of listeners) listener(message.notification);
  });

  const gateway = await listenOnLoopback((req, res) => {
    counters.requests += 1;
    readBody(req, 256 * 1024 * 1024).then(
      (body) => {
        const verdict = verifySigV4(req, body, {
          registry: options.registry,
          region,
          service: 's3',
          doubleEncodePath: false,
          now: options.now,
        });
        const uploadId = new URL(req.url ?? '/', 'http://s3').searchParams.get('uploadId');
        if (verdict.ok && req.method === 'DELETE' && uploadId !== null) {
          abortedUploads.push(uploadId);
          storedParts.forget(uploadId);
          res.writeHead(204).end();
          return;
        }
        if (verdict.ok && req.method === 'GET' && uploadId !== null) {
          storedParts.answerListParts(req, res, abortedUploads.includes(uploadId));
          return;
        }
        if (verdict.ok) {
          const { accessKeyId } = verdict.credentials;
          const objectPath = conditionalPutPath(req);
          const sent = objectPath
            ? forwardConditional(req, res, body, port, accessKeyId, objectPath, locks)
            : forward(req, res, body, port, accessKeyId, (status, etag) =>
                storedParts.noteAnswer(req, body.length, status, etag),
              );
          sent.catch(() => res.destroy());
          return;
        }
        counters.refused += 1;
        const [status, code, message] = S3_ERRORS[verdict.reason];
        sendS3Error(
          res,
          status,
          code,
          verdict.reason === 'clock-skew' ? `${message} ${verdict.message}` : message,
        );
      },
      () => res.destroy(),
    );
  }, options.port ?? 0);

  return {
    endpoint: gateway.endpoint,
    s3rverEndpoint: `http://127.0.0.1:${port}`,
    bucket: options.bucket,
    region,
    counters,
    abortedUploads,
    onNotification(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stop() {
      await gateway.stop();
      const exited =
        child.exitCode !== null || child.signalCode !== null
          ? Promise.resolve()
          : new Promise<void>((resolve) => child.once('exit', () => resolve()));
      if (child.connected) child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
      if (ownDirectory) await rm(ownDirectory, { recursive: true, force: true });
    },
  };
}
