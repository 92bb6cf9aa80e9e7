import { isDeepStrictEqual } from 'node:util';
import { mergePhotoMeta, parsePhotoMeta } from './photo-meta';
import type { PhotoMeta } from './photo-meta';
import { getObjectBytes, isWriteConflict, putJson } from './s3-objects';
import type { S3Target } from './s3-objects';

/** Metadata documents are small JSON; anything bigger at the key is not one of ours. */
const maxMetaBytes = 4 * 1024 * 1024;

/** Lost conditional writes in a row before the photo is given up for this attempt. */
const maxWriteConflicts = 3;

/**
 * Puts a photo's metadata document at `key`, merged with the one already there so nothing
 * another device wrote is lost. The write is conditional on what was read (If-Match, or
 * If-None-Match for a new document); when another device wrote in between, it reads and merges
 * again. Answers whether anything was written: a document that already says it all is left alone.
 *
 * The merged document is not applied to the catalog here: sync reads the document (its ETag is
 * new to it) and merges it in, with the labels port this queue does not have.
 */
export async function publishPhotoMeta(
  target: S3Target,
  key: string,
  local: PhotoMeta,
): Promise<'written' | 'unchanged'> {
  for (let attempt = 1; attempt <= maxWriteConflicts; attempt += 1) {
    const remote = await getObjectBytes(target, key, maxMetaBytes);
    const parsed = remote ? parsePhotoMeta(remote.bytes.toString('utf8')) : null;
    // A document that does not parse (or is another photo's) helps no device: ours replaces it.
    const remoteDoc = parsed?.sha256 === local.sha256 ? parsed : null;
    const doc = remoteDoc ? mergePhotoMeta(local, remoteDoc) : local;
    if (remoteDoc && isDeepStrictEqual(doc, remoteDoc)) return 'unchanged';
    try {
      await putJson(target, key, doc, remote ? { ifMatch: remote.etag } : { ifNoneMatch: '*' });
      return 'written';
    } catch (error) {
      if (!isWriteConflict(error)) throw error;
    }
  }
  throw new Error(`${key} kept being changed by another device while this one wrote it`);
}
