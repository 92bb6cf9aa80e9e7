import { isDeepStrictEqual } from 'node:util';
import type { AlbumRepository } from '../catalog/album-repository';
import { normalizeEtag } from '../catalog/remote-meta-index';
import { mergeAlbumDocs, parseAlbumDoc, type AlbumDoc } from '../model/album-doc';
import { albumKey, albumPrefix } from '../model/photo-keys';
import { maxDocumentBytes, putMergedDocument, type DocumentKind } from '../aws/merged-document';
import { isRetryable } from '../aws/retry';
import { cloudErrorMessage, getObjectBytes, listAll, type S3Target } from '../aws/s3-objects';

/** What album sync reads and writes in the catalog. */
export type AlbumStore = Pick<
  AlbumRepository,
  'toPublish' | 'docOf' | 'markSynced' | 'applyRemote' | 'etagOf' | 'markDirty'
>;

const albumKind: DocumentKind<AlbumDoc> = {
  parse: parseAlbumDoc,
  merge: mergeAlbumDocs,
  sameSubject: (mine, theirs) => mine.id === theirs.id,
};

export interface AlbumSyncReport {
  /** Albums this catalog learnt something about. */
  readonly changed: number;
  readonly problems: readonly string[];
}

/**
 * Keeps album documents (`users/<identity>/albums/<id>.json`) and the catalog in step: sends
 * albums made, renamed or deleted here (merged with the cloud's copy, never over it), then reads
 * the documents other devices changed. A deleted album stays as a document saying so, so its
 * deletion reaches devices that were offline. Throws when the cloud cannot be reached.
 */
export async function syncAlbums(
  store: AlbumStore,
  target: S3Target,
  identityId: string,
  now: number,
): Promise<AlbumSyncReport> {
  const problems: string[] = [];
  let changed = 0;
  for (const dirty of store.toPublish()) {
    const key = albumKey(identityId, dirty.id);
    try {
      const merged = await putMergedDocument(target, key, albumKind, () => store.docOf(dirty.id), {
        ...(target.signal ? { signal: target.signal } : {}),
      });
      if (!merged) continue;
      store.applyRemote(merged.doc, normalizeEtag(merged.etag));
      store.markSynced(dirty.id, dirty.changedAt, normalizeEtag(merged.etag));
    } catch (error) {
      if (isRetryable(error) || target.signal?.aborted) throw error;
      problems.push(`${key}: ${cloudErrorMessage(error)}`);
    }
  }
  const prefix = albumPrefix(identityId);
  for (const object of await listAll(target, prefix)) {
    const id = /^([0-9a-f-]{8,64})\.json$/.exec(object.key.slice(prefix.length))?.[1];
    if (!id) {
      problems.push(`${object.key}: not named <album id>.json, so not an album; skipped.`);
      continue;
    }
    if (store.etagOf(id) === normalizeEtag(object.etag)) continue;
    const got = await getObjectBytes(target, object.key, maxDocumentBytes);
    if (!got) continue; // deleted since the listing
    const remote = parseAlbumDoc(got.bytes.toString('utf8'));
    if (!remote || remote.id !== id) {
      problems.push(`${object.key}: not a Shoebox album document; skipped.`);
      continue;
    }
    const local = store.docOf(id);
    const merged = local ? mergeAlbumDocs(local, remote) : remote;
    store.applyRemote(merged, normalizeEtag(got.etag));
    if (!isDeepStrictEqual(merged, remote)) store.markDirty(id, now);
    if (!local || !isDeepStrictEqual(merged, local)) changed += 1;
  }
  return { changed, problems };
}
