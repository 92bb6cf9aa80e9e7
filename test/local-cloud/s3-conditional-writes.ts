/**
 * S3 conditional writes for the local cloud's gateway (test code, never shipped), which s3rver
 * lacks: PutObject with `If-Match: <etag>` or `If-None-Match: *` is checked against the object's
 * current ETag and refused with 412 PreconditionFailed when it does not hold (409
 * ConditionalRequestConflict is not copied), If-Match on a missing key with 404 NoSuchKey, as S3
 * answers. Writes to one key are checked and made one at a time, so two writers racing on the
 * same ETag cannot both win. Multipart uploads are not checked (the app never writes them
 * conditionally).
 */
import { request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';

/** What the gateway should do with a write: forward it, or refuse it with this S3 error. */
export type ConditionVerdict =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly status: number;
      readonly code: string;
      readonly message: string;
    };

/** The object path (`/<bucket>/<key>`) of a conditional PutObject, or null for anything else. */
export function conditionalPutPath(req: IncomingMessage): string | null {
  if (req.method !== 'PUT') return null;
  if (req.headers['if-match'] === undefined && req.headers['if-none-match'] === undefined) {
    return null;
  }
  const url = new URL(req.url ?? '/', 'http://local');
  if (url.searchParams.has('uploadId') || url.searchParams.has('partNumber')) return null;
  if (req.headers['x-amz-copy-source'] !== undefined) return null;
  return url.pathname;
}

/** The current ETag of the object at `path` in s3rver, or null when there is none. */
function currentEtag(port: number, path: string): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const head = httpRequest({ host: '127.0.0.1', port, method: 'HEAD', path }, (answer) => {
      answer.resume();
      if (answer.statusCode === 404) resolve(null);
      else if (answer.statusCode === 200) resolve(String(answer.headers.etag ?? ''));
      else reject(new Error(`s3rver answered HEAD ${path} with ${answer.statusCode}`));
    });
    head.on('error', reject);
    head.end();
  });
}

const unquote = (etag: string): string => etag.trim().replace(/^W\//, '').replace(/^"|"$/g, '');

/** Checks a conditional write's headers against what s3rver holds now. */
export async function checkWriteCondition(
  req: IncomingMessage,
  port: number,
  path: string,
): Promise<ConditionVerdict> {
  const etag = await currentEtag(port, path);
  const ifNoneMatch = req.headers['if-none-match'];
  const ifMatch = req.headers['if-match'];
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() !== '*') {
      return {
        ok: false,
        status: 501,
        code: 'NotImplemented',
        message: 'If-None-Match on writes takes only "*".',
      };
    }
    if (etag !== null) return preconditionFailed('If-None-Match');
  }
  if (ifMatch !== undefined) {
    if (etag === null) {
      return {
        ok: false,
        status: 404,
        code: 'NoSuchKey',
        message: 'The specified key does not exist.',
      };
    }
    if (unquote(ifMatch) !== unquote(etag)) return preconditionFailed('If-Match');
  }
  return { ok: true };
}

function preconditionFailed(condition: string): ConditionVerdict {
  return {
    ok: false,
    status: 412,
    code: 'PreconditionFailed',
    message: `At least one of the pre-conditions you specified did not hold (${condition}).`,
  };
}

/** Runs tasks for one key one after another; other keys are not held up. */
export class KeyLocks {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = before.then(() => mine);
    this.tails.set(key, tail);
    await before;
    try {
      return await task();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
