import { isDeepStrictEqual } from 'node:util';
import { mergePhotoMeta, parsePhotoMeta } from '../model/photo-meta';
import type { PhotoMeta } from '../model/photo-meta';
import { getObjectBytes, isWriteConflict, putJson } from './s3-objects';
import type { S3Target } from './s3-objects';

/** Metadata documents are small JSON; anything bigger at the key is not one of ours. */
export const maxMetaBytes = 4 * 1024 * 1024;

/** Lost conditional writes in a row before the photo is given up for this attempt. */
const maxWriteConflicts = 3;

/** What `putMergedMeta` left in the cloud: the merged document and its ETag. */
export interface MergedMeta {
  readonly doc: PhotoMeta;
  readonly etag: string;
  /** false: the cloud's document already said it all, so nothing was written. */
  readonly written: boolean;
}

/**
 * Puts a photo's metadata document at `key`, merged with the one already there so nothing
 * another device wrote is lost. The write is conditional on what was read (If-Match, or
 * If-None-Match for a new document); when another device wrote in between, it reads and merges
 * again. `local` is asked on every try (the catalog may change meanwhile), given the cloud's
 * document as read (null when absent or unparseable); null when the photo is gone, and then
 * nothing is written. The upload queue, the sync's publisher and the cloud labeller
 * (infra/labeller/) all write documents only through here.
 *
 * `mustExist`: only change a document that is there. A photo already in the cloud whose document
 * is gone was deleted on another device; writing it again would bring back a photo without its
 * original. Answers null then, as when the photo is gone here. `signal` stops before the write.
 */
export async function putMergedMeta(
  target: S3Target,
  key: string,
  local: (remote: PhotoMeta | null) => PhotoMeta | null,
  options: { readonly mustExist?: boolean; readonly signal?: AbortSignal } = {},
): Promise<MergedMeta | null> {
  for (let attempt = 1; attempt <= maxWriteConflicts; attempt += 1) {
    const remote = await getObjectBytes(target, key, maxMetaBytes);
    if (!remote && options.mustExist) return null;
    const parsed = remote ? parsePhotoMeta(remote.bytes.toString('utf8')) : null;
    const mine = local(parsed);
    if (!mine) return null;
    // A document that does not parse (or is another photo's) helps no device: ours replaces it.
    const remoteDoc = parsed?.sha256 === mine.sha256 ? parsed : null;
    const doc = remoteDoc ? mergePhotoMeta(mine, remoteDoc) : mine;
    if (remote && remoteDoc && isDeepStrictEqual(doc, remoteDoc)) {
      return { doc, etag: remote.etag, written: false };
    }
    options.signal?.throwIfAborted();
    try {
      const etag = await putJson(
        target,
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
