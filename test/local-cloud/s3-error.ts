// S3's XML error answers, shared by the S3 gateway and the fault proxy (test code, never shipped).
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

const escapeXml = (s: string): string => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Writes `<Error><Code>…</Code><Message>…</Message>…</Error>` with S3's request-id headers. */
export function sendS3Error(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
): void {
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  res.writeHead(status, {
    'content-type': 'application/xml',
    'x-amz-request-id': requestId,
    'x-amz-id-2': randomBytes(24).toString('base64'),
  });
  res.end(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(code)}</Code>` +
      `<Message>${escapeXml(message)}</Message><RequestId>${requestId}</RequestId></Error>`,
  );
}

/** The S3 code and message for a status the fault proxy is asked to fake. */
export function s3FaultFor(status: number): { code: string; message: string } {
  if (status === 503) return { code: 'SlowDown', message: 'Please reduce your request rate.' };
  if (status === 500) {
    return {
      code: 'InternalError',
      message: 'We encountered an internal error. Please try again.',
    };
  }
  return { code: 'ServiceUnavailable', message: `Injected fault (HTTP ${status}).` };
}
