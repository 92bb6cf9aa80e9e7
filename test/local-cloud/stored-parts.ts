import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendS3Error } from './s3-error';

interface StoredPart {
  readonly etag: string;
  readonly size: number;
  readonly at: Date;
}

/**
 * ListParts for the local cloud (test code, never shipped): s3rver 3.7 does not answer it, so the
 * gateway notes each UploadPart s3rver acknowledged (its ETag, the MD5 of the part as S3 gives
 * with SSE-S3) and each upload completed, and answers ListParts from that, paged like S3
 * (`max-parts`, `part-number-marker`). An upload completed or aborted is NoSuchUpload.
 */
export class StoredParts {
  private readonly uploads = new Map<string, Map<number, StoredPart>>();
  private readonly ended = new Set<string>();

  /** Called with s3rver's answer to every forwarded request. */
  noteAnswer(req: IncomingMessage, size: number, status: number, etag: string | undefined): void {
    const query = new URL(req.url ?? '/', 'http://s3').searchParams;
    const uploadId = query.get('uploadId');
    if (uploadId === null || status !== 200) return;
    if (req.method === 'POST') {
      this.forget(uploadId); // CompleteMultipartUpload
      return;
    }
    const partNumber = Number(query.get('partNumber'));
    if (req.method !== 'PUT' || !Number.isInteger(partNumber) || etag === undefined) return;
    const parts = this.uploads.get(uploadId) ?? new Map<number, StoredPart>();
    parts.set(partNumber, { etag, size, at: new Date() });
    this.uploads.set(uploadId, parts);
  }

  forget(uploadId: string): void {
    this.uploads.delete(uploadId);
    this.ended.add(uploadId);
  }

  answerListParts(req: IncomingMessage, res: ServerResponse, aborted: boolean): void {
    const url = new URL(req.url ?? '/', 'http://s3');
    const uploadId = url.searchParams.get('uploadId') ?? '';
    if (aborted || this.ended.has(uploadId)) {
      sendS3Error(res, 404, 'NoSuchUpload', 'The specified upload does not exist.');
      return;
    }
    const marker = Number(url.searchParams.get('part-number-marker') ?? 0);
    const maxParts = Math.min(1000, Number(url.searchParams.get('max-parts') ?? 1000));
    const all = [...(this.uploads.get(uploadId) ?? new Map<number, StoredPart>()).entries()]
      .filter(([partNumber]) => partNumber > marker)
      .sort(([a], [b]) => a - b);
    const page = all.slice(0, maxParts);
    const truncated = all.length > page.length;
    const [bucket, ...key] = decodeURIComponent(url.pathname).slice(1).split('/');
    const escape = (text: string) =>
      text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const parts = page
      .map(
        ([partNumber, part]) =>
          `<Part><PartNumber>${partNumber}</PartNumber><LastModified>${part.at.toISOString()}</LastModified>` +
          `<ETag>${escape(part.etag)}</ETag><Size>${part.size}</Size></Part>`,
      )
      .join('');
    const body =
      '<?xml version="1.0" encoding="UTF-8"?>' +
      '<ListPartsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
      `<Bucket>${escape(bucket ?? '')}</Bucket><Key>${escape(key.join('/'))}</Key>` +
      `<UploadId>${escape(uploadId)}</UploadId><PartNumberMarker>${marker}</PartNumberMarker>` +
      `<NextPartNumberMarker>${page.at(-1)?.[0] ?? marker}</NextPartNumberMarker>` +
      `<MaxParts>${maxParts}</MaxParts><IsTruncated>${truncated}</IsTruncated>${parts}` +
      '</ListPartsResult>';
    res.writeHead(200, { 'content-type': 'application/xml' }).end(body);
  }
}
