import { stat } from 'node:fs/promises';
import pLimit from 'p-limit';
import type { Catalog } from '../catalog/catalog';
import { normalizeEtag } from '../catalog/remote-meta-index';
import type { Logger } from '../model/logger';
import { writeContentAddressed } from '../library/store-photo-files';
import { originalFile, thumbFile, type LibraryPaths } from '../library/library-paths';
import { removePhotoFiles } from '../library/remove-photo-files';
import { mergeRemoteMeta, type MetaPublisherDeps } from './meta-publisher';
import { maxMetaBytes } from '../aws/meta-document-store';
import { messageOf } from '../../contract/result';
import { parsePhotoMeta, type PhotoMeta } from '../model/photo-meta';
import { metaKey, originalKey, thumbKey } from '../model/photo-keys';
import { isRetryable } from '../aws/retry';
import { cloudErrorMessage, getObjectBytes, listAll, type S3Target } from '../aws/s3-objects';

export interface SyncPassDeps extends MetaPublisherDeps {
  readonly catalog: MetaPublisherDeps['catalog'] & Pick<Catalog, 'deletionQueue' | 'removal'>;
  readonly paths: LibraryPaths;
  readonly now: () => number;
  /** ListObjectsV2 page size. */
  readonly pageSize: number;
  readonly log?: Logger;
}

/** What a pass changed in the catalog so far (kept up to date even if the pass fails midway). */
export interface SyncCounts {
  added: number;
  changed: number;
  removed: number;
}

/** Thumbnails are ≈256 px WebP; anything this big is not one. */
const maxThumbBytes = 4 * 1024 * 1024;
/** Documents fetched at once. */
const fetchConcurrency = 4;

/**
 * Brings the identity's prefix into the catalog: lists every metadata document (all pages),
 * fetches the new and changed ones, adds photos from other devices (thumbnail first, so the grid
 * works offline), merges the rest, and removes photos whose document vanished since this catalog
 * last saw it. Answers problems for the person (documents skipped, named by key). Throws, before
 * removing anything, when the cloud stops answering.
 */
export async function syncFromCloud(
  deps: SyncPassDeps,
  target: S3Target,
  identityId: string,
  counts: SyncCounts,
): Promise<string[]> {
  const pass = new SyncPass(deps, target, identityId, counts);
  return pass.run();
}

class SyncPass {
  private readonly catalog: Catalog['cloud'];
  private readonly index: Catalog['remoteMeta'];
  private readonly deletions: Catalog['deletionQueue'];
  private readonly prefix: string;
  /** Problems that may clear by themselves (a thumbnail not there yet); retried next pass. */
  private readonly transient: string[] = [];
  private fatal: unknown = null;

  constructor(
    private readonly deps: SyncPassDeps,
    private readonly target: S3Target,
    private readonly identityId: string,
    private readonly counts: SyncCounts,
  ) {
    this.catalog = deps.catalog.cloud;
    this.index = deps.catalog.remoteMeta;
    this.deletions = deps.catalog.deletionQueue;
    this.prefix = `users/${identityId}/meta/`;
  }

  async run(): Promise<string[]> {
    const listed = await listAll(this.target, this.prefix, this.deps.pageSize);
    const seen = this.index.entries(this.identityId);
    const deletedHere = this.deletions.pendingShas(this.identityId);
    const present = new Set<string>();
    const limit = pLimit(fetchConcurrency);
    const work: Promise<void>[] = [];
    for (const object of listed) {
      const sha256 = this.shaOf(object.key);
      if (!sha256) continue;
      present.add(sha256);
      // Deleted here, its objects not yet gone from the cloud: must not come back.
      if (deletedHere.has(sha256)) continue;
      const before = seen.get(sha256);
      if (before?.etag === normalizeEtag(object.etag) && this.upToDate(sha256, before.problem)) {
        continue;
      }
      work.push(limit(() => this.syncDocument(sha256, object.key)));
    }
    await Promise.all(work);
    if (this.fatal)
      throw this.fatal instanceof Error ? this.fatal : new Error(messageOf(this.fatal));
    await this.removeVanished(present, seen.keys());
    const skipped = this.index
      .problems(this.identityId)
      .map((p) => `${metaKey(this.identityId, p.sha256)}: ${p.problem}`);
    return [...skipped, ...this.transient];
  }

  private shaOf(key: string): string | null {
    const match = /^([0-9a-f]{64})\.json$/.exec(key.slice(this.prefix.length));
    if (match?.[1]) return match[1];
    const problem = `${key}: not named <sha256>.json, so not a photo's document; skipped.`;
    this.deps.log?.warn('sync skipped a key', { problem });
    this.transient.push(problem);
    return null;
  }

  /**
   * An unchanged document needs nothing, unless its photo went missing here or was added back
   * from the library folder since (a lost catalog): then the document is read again.
   */
  private upToDate(sha256: string, problem: string | null): boolean {
    const photo = this.catalog.findBySha(sha256);
    return problem !== null || (photo?.inCloud === true && !photo.addedBack);
  }

  private async syncDocument(sha256: string, key: string): Promise<void> {
    if (this.fatal) return;
    try {
      const got = await getObjectBytes(this.target, key, maxMetaBytes);
      if (!got) return; // deleted since the listing; the next pass sees it gone
      const doc = this.validDocument(sha256, key, got.bytes, got.etag);
      if (!doc) return;
      const existing = this.catalog.findBySha(sha256);
      const photoId = existing ? existing.id : await this.addPhoto(doc);
      if (photoId === null) return;
      // Its document exists, so the photo is complete in the cloud whoever uploaded it.
      if (!existing?.inCloud) this.catalog.markInCloud(photoId);
      const outcome = mergeRemoteMeta(this.deps, photoId, doc);
      if (outcome.cloudBehind) this.catalog.markMetaDirty(photoId, this.deps.now());
      else this.catalog.markMetaInStep(photoId);
      // Recorded last: if anything above failed, the document is fetched again next pass.
      this.index.record(this.identityId, sha256, got.etag);
      if (existing && (outcome.localChanged || !existing.inCloud)) this.counts.changed += 1;
    } catch (error) {
      // Offline, or the sync was stopped: the pass ends here, and no half-seen state is kept.
      if (isRetryable(error) || this.target.signal?.aborted) this.fatal ??= error;
      else this.transient.push(`${key}: ${cloudErrorMessage(error)}`);
    }
  }

  /** The parsed document, or null after recording why it cannot be used. */
  private validDocument(
    sha256: string,
    key: string,
    bytes: Buffer,
    etag: string,
  ): PhotoMeta | null {
    const doc = parsePhotoMeta(bytes.toString('utf8'));
    let problem: string | null = null;
    if (!doc) problem = 'not a Shoebox metadata document (bad JSON or fields); skipped.';
    else if (doc.sha256 !== sha256)
      problem = `describes photo ${doc.sha256}, not ${sha256}; skipped.`;
    else if (!this.originalNameable(doc)) problem = `unknown format "${doc.format}"; skipped.`;
    if (problem === null) return doc;
    // Kept with its ETag: the same bad document is not fetched again, and stays reported.
    this.deps.log?.warn('sync skipped a document', { key, problem });
    this.index.record(this.identityId, sha256, etag, problem);
    return null;
  }

  private originalNameable(doc: PhotoMeta): boolean {
    try {
      originalKey(this.identityId, doc.sha256, doc.format);
      return true;
    } catch {
      return false;
    }
  }

  /** Adds a photo from the cloud: its thumbnail first, so the grid works offline. */
  private async addPhoto(doc: PhotoMeta): Promise<number | null> {
    const key = thumbKey(this.identityId, doc.sha256);
    const thumb = await getObjectBytes(this.target, key, maxThumbBytes);
    if (!thumb || !isWebp(thumb.bytes)) {
      this.transient.push(
        `${key}: ${thumb ? 'not a WebP image' : 'missing'}; photo not added yet.`,
      );
      return null;
    }
    await writeContentAddressed(thumbFile(this.deps.paths, doc.sha256), thumb.bytes);
    // Deleted here while the thumbnail came down: leave it gone.
    if (this.deletions.pendingShas(this.identityId).has(doc.sha256)) return null;
    // Its original may be in the library folder already (a lost catalog's photo, listed before the
    // start-up reconcile added it back): used from there, not fetched. Files before rows: a
    // content-addressed original that is there is whole.
    const here = originalFile(this.deps.paths, doc.sha256, doc.format);
    const local = await stat(here).then(
      (found) => found.isFile() && found.size === doc.byteSize,
      () => false,
    );
    const source = local
      ? here
      : `s3://${this.target.bucket}/${originalKey(this.identityId, doc.sha256, doc.format)}`;
    const id = this.catalog.insertFromCloud(doc, source, this.deps.now(), local);
    if (id !== null) this.counts.added += 1;
    // Imported here meanwhile: merge into that one instead.
    return id ?? this.catalog.findBySha(doc.sha256)?.id ?? null;
  }

  /**
   * Photos whose document this catalog saw in the prefix and a complete listing no longer has
   * were deleted on another device: they go here too, files and all.
   */
  private async removeVanished(present: Set<string>, seen: Iterable<string>): Promise<void> {
    const gone = this.index.seenInCloud(this.identityId).filter((p) => !present.has(p.sha256));
    // Gone from the cloud already: nothing to queue for deletion there.
    const { removed } = this.deps.catalog.removal.remove(
      gone.map((p) => p.id),
      null,
      this.deps.now(),
    );
    for (const photo of removed) {
      await removePhotoFiles(this.deps.paths, photo);
      this.counts.removed += 1;
    }
    for (const sha256 of seen) {
      if (!present.has(sha256)) this.index.forget(this.identityId, sha256);
    }
  }
}

/** RIFF….WEBP: the only thumbnail format Shoebox writes. */
function isWebp(bytes: Buffer): boolean {
  return (
    bytes.length > 12 &&
    bytes.toString('latin1', 0, 4) === 'RIFF' &&
    bytes.toString('latin1', 8, 12) === 'WEBP'
  );
}
