import { mergePhotoMeta, parsePhotoMeta } from '../model/photo-meta';
import type { PhotoMeta } from '../model/photo-meta';
import {
  maxDocumentBytes,
  putMergedDocument,
  type DocumentKind,
  type MergedDocument,
} from './merged-document';
import { isWriteConflict, putJson, type S3Target } from './s3-objects';

/** Metadata documents are small JSON; anything bigger at the key is not one of ours. */
export const maxMetaBytes = maxDocumentBytes;

const photoMetaKind: DocumentKind<PhotoMeta> = {
  parse: parsePhotoMeta,
  merge: mergePhotoMeta,
  sameSubject: (mine, theirs) => mine.sha256 === theirs.sha256,
};

/** What `putMergedMeta` left in the cloud: the merged document and its ETag. */
export type MergedMeta = MergedDocument<PhotoMeta>;

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
 * original. Answers null then, as when the photo is gone here. `signal` cuts every request it makes.
 *
 * `likelyNew`: the caller has reason to think there is no document yet (it just sent the photo's
 * original), so the first try writes with If-None-Match at once instead of reading first; when
 * S3 refuses because one is there, it reads and merges as usual.
 */
export async function putMergedMeta(
  target: S3Target,
  key: string,
  local: (remote: PhotoMeta | null) => PhotoMeta | null,
  options: {
    readonly mustExist?: boolean;
    readonly likelyNew?: boolean;
    readonly signal?: AbortSignal;
  } = {},
): Promise<MergedMeta | null> {
  if (options.likelyNew && !options.mustExist) {
    const mine = local(null);
    if (!mine) return null;
    const signal = options.signal ?? target.signal;
    signal?.throwIfAborted();
    try {
      return {
        doc: mine,
        etag: await putJson(signal ? { ...target, signal } : target, key, mine, {
          ifNoneMatch: '*',
        }),
        written: true,
      };
    } catch (error) {
      if (!isWriteConflict(error)) throw error;
    }
  }
  return putMergedDocument(target, key, photoMetaKind, local, options);
}
