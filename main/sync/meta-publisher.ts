import type { Catalog } from '../catalog/catalog';
import { mergeAlbumMemberships, mergeLabelEdits, mergePhotoMeta } from '../model/photo-meta';
import type { LabelEdit, PhotoMeta } from '../model/photo-meta';
import { metaKey } from '../model/photo-keys';
import { isRetryable } from '../aws/retry';
import { cloudErrorMessage, type S3Target } from '../aws/s3-objects';
import { putMergedMeta } from '../aws/meta-document-store';

/**
 * The labels port: brings labels and the person's label edits from a merged metadata document
 * into the catalog's label tables (owned by the labels service).
 */
export type ApplyRemoteLabels = (
  photoId: number,
  labels: PhotoMeta['labels'],
  edits: LabelEdit[],
) => void;

export interface MetaPublisherDeps {
  readonly catalog: Pick<Catalog, 'cloud' | 'remoteMeta' | 'photoMeta'>;
  readonly applyRemoteLabels: ApplyRemoteLabels;
}

/** What one publishing pass did; `problems` name photos left for the next sync, and why. */
export interface PublishReport {
  readonly published: number;
  readonly problems: readonly string[];
}

/**
 * Sends metadata documents changed on this device (description, labels, label edits) for photos
 * already in the cloud. Each goes up merged with the cloud's copy, never over it, so what another
 * device wrote meanwhile is kept, and the merge comes back into the catalog.
 */
export class MetaPublisher {
  private readonly catalog: Catalog['cloud'];
  private readonly index: Catalog['remoteMeta'];

  constructor(private readonly deps: MetaPublisherDeps) {
    this.catalog = deps.catalog.cloud;
    this.index = deps.catalog.remoteMeta;
  }

  /**
   * Publishes every changed document. Throws when the cloud cannot be reached (the rest wait for
   * the next sync); a photo that fails for another reason is reported and the others go on.
   */
  async publish(target: S3Target, identityId: string): Promise<PublishReport> {
    let published = 0;
    const problems: string[] = [];
    for (const dirty of this.catalog.metaToPublish()) {
      try {
        if (await this.publishOne(target, identityId, dirty.id, dirty.sha256, dirty.changedAt)) {
          published += 1;
        }
      } catch (error) {
        if (isRetryable(error) || target.signal?.aborted) throw error;
        problems.push(`${metaKeyOrSha(identityId, dirty.sha256)}: ${cloudErrorMessage(error)}`);
      }
    }
    return { published, problems };
  }

  private async publishOne(
    target: S3Target,
    identityId: string,
    photoId: number,
    sha256: string,
    changedAt: number,
  ): Promise<boolean> {
    const merged = await putMergedMeta(
      target,
      metaKey(identityId, sha256),
      () => this.deps.catalog.photoMeta.of(photoId),
      { mustExist: true },
    );
    // Deleted here while we waited for the cloud, or deleted on another device (the listing that
    // follows removes it here too).
    if (!merged) return false;
    this.index.record(identityId, sha256, merged.etag);
    mergeRemoteMeta(this.deps, photoId, merged.doc);
    this.catalog.markMetaSynced(photoId, changedAt);
    return true;
  }
}

/** What merging a remote document did: changed the catalog, found the cloud's copy behind. */
export interface MergeOutcome {
  readonly localChanged: boolean;
  /** The catalog holds something the document lacks (a later description, newer labels, edits). */
  readonly cloudBehind: boolean;
}

/**
 * Brings a document from the cloud into the catalog: the later description wins, labels and
 * edits go through the labels port, and a photo added back from the library folder takes the
 * document's name and import time. Synchronous on purpose: nothing else can change the photo
 * between reading and writing it.
 */
export function mergeRemoteMeta(
  deps: MetaPublisherDeps,
  photoId: number,
  remote: PhotoMeta,
): MergeOutcome {
  const catalog = deps.catalog.cloud;
  const local = deps.catalog.photoMeta.of(photoId);
  if (!local) return { localChanged: false, cloudBehind: false };
  const merged = mergePhotoMeta(local, remote);
  // Dated 0 (photo-meta-source), an added-back photo's merged name is the cloud's.
  const addedBack = catalog.takeAddedBack(photoId, merged);
  const newDescription = !sameDescription(merged.description, local.description);
  const newLabels = !sameLabels(merged, local);
  const newOrganising = !sameOrganising(merged, local);
  if (newDescription) catalog.applyDescription(photoId, merged.description);
  if (newLabels) deps.applyRemoteLabels(photoId, merged.labels, merged.labelEdits);
  if (newOrganising) {
    catalog.applyTrash(photoId, merged.trash);
    catalog.applyFavorite(photoId, merged.favorite);
    catalog.applyAlbumMemberships(photoId, merged.albums);
  }
  return {
    localChanged: addedBack || newDescription || newLabels || newOrganising,
    cloudBehind:
      !sameDescription(merged.description, remote.description) ||
      !sameLabels(merged, remote) ||
      !sameOrganising(merged, remote),
  };
}

/** Trash, favorite and album membership, which later changes win field by field. */
function sameOrganising(a: PhotoMeta, b: PhotoMeta): boolean {
  const organising = (doc: PhotoMeta) =>
    JSON.stringify([doc.trash, doc.favorite, mergeAlbumMemberships(doc.albums, [])]);
  return organising(a) === organising(b);
}

function sameDescription(a: PhotoMeta['description'], b: PhotoMeta['description']): boolean {
  return a.text === b.text && a.updatedAt === b.updatedAt;
}

function sameLabels(a: PhotoMeta, b: PhotoMeta): boolean {
  const sameResult =
    a.labels?.labelledAt === b.labels?.labelledAt &&
    a.labels?.modelVersion === b.labels?.modelVersion;
  // Normalized (one per name, sorted) so the same edits in another order compare equal.
  const edits = (doc: PhotoMeta) => JSON.stringify(mergeLabelEdits(doc.labelEdits, []));
  return sameResult && edits(a) === edits(b);
}

function metaKeyOrSha(identityId: string, sha256: string): string {
  try {
    return metaKey(identityId, sha256);
  } catch {
    return sha256;
  }
}
