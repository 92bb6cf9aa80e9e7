import { isDeepStrictEqual } from 'node:util';
import { getObjectBytes, isWriteConflict, putJson } from './s3-objects';
import type { S3Target } from './s3-objects';

/** Documents are small JSON; anything bigger at the key is not one of ours. */
export const maxDocumentBytes = 4 * 1024 * 1024;

/** Lost conditional writes in a row before the document is given up for this attempt. */
const maxWriteConflicts = 3;

/** How one kind of document (a photo's metadata, an album) is read and merged. */
export interface DocumentKind<T> {
  parse(text: string): T | null;
  merge(mine: T, theirs: T): T;
  /** Whether a parsed document describes the same thing as ours (else ours replaces it). */
  sameSubject(mine: T, theirs: T): boolean;
}

/** What `putMergedDocument` left in the cloud: the merged document and its ETag. */
export interface MergedDocument<T> {
  readonly doc: T;
  readonly etag: string;
  /** false: the cloud's document already said it all, so nothing was written. */
  readonly written: boolean;
}

/**
 * Puts a document at `key`, merged with the one already there so nothing another device wrote is
 * lost. The write is conditional on what was read (If-Match, or If-None-Match for a new document);
 * when another device wrote in between, it reads and merges again. `local` is asked on every try
 * (the catalog may change meanwhile), given the cloud's document as read (null when absent or
 * unparseable); null when the thing is gone, and then nothing is written.
 *
 * `mustExist`: only change a document that is there (answers null when it is gone). `signal`
 * (or the target's own) cuts the reads and writes in flight too, not only the next one: a
 * stalled request must not hold up quitting (docs/reliability.md).
 */
export async function putMergedDocument<T>(
  target: S3Target,
  key: string,
  kind: DocumentKind<T>,
  local: (remote: T | null) => T | null,
  options: { readonly mustExist?: boolean; readonly signal?: AbortSignal } = {},
): Promise<MergedDocument<T> | null> {
  const signal = options.signal ?? target.signal;
  const bucket: S3Target = signal ? { ...target, signal } : target;
  for (let attempt = 1; attempt <= maxWriteConflicts; attempt += 1) {
    const remote = await getObjectBytes(bucket, key, maxDocumentBytes);
    if (!remote && options.mustExist) return null;
    const parsed = remote ? kind.parse(remote.bytes.toString('utf8')) : null;
    const mine = local(parsed);
    if (!mine) return null;
    // A document that does not parse (or is about something else) helps no device: ours replaces it.
    const remoteDoc = parsed && kind.sameSubject(mine, parsed) ? parsed : null;
    const doc = remoteDoc ? kind.merge(mine, remoteDoc) : mine;
    if (remote && remoteDoc && isDeepStrictEqual(doc, remoteDoc)) {
      return { doc, etag: remote.etag, written: false };
    }
    signal?.throwIfAborted();
    try {
      const etag = await putJson(
        bucket,
        key,
        doc,
        remote ? { ifMatch: remote.etag } : { ifNoneMatch: '*' },
      );
      return { doc, etag, written: true };
    } catch (error) {
      if (!isWriteConflict(error)) throw error;
    }
  }
  throw new Error(`${key} kept being changed by another device while this one wrote it`);
}
