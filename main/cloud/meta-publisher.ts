import type { DatabaseSync } from 'node:sqlite';
import { CloudCatalog } from '../catalog/cloud-catalog';
import { photoMetaOf } from '../catalog/photo-meta-source';
import { RemoteMetaIndex } from '../catalog/remote-meta-index';
import type { ApplyRemoteLabels } from './cloud-sync';
import { mergeLabelEdits, mergePhotoMeta, parsePhotoMeta } from './photo-meta';
import type { PhotoMeta } from './photo-meta';
import { metaKey } from './photo-keys';
import { isRetryable } from './retry';
import {
  cloudErrorMessage,
  getObjectBytes,
  isWriteConflict,
  putJson,
  type S3Target,
} from './s3-objects';

/** Metadata documents are small JSON; anything bigger is not one of ours. */
export const maxMetaBytes = 4 * 1024 * 1024;

/** Conditional writes lost in a row before giving the photo up until the next sync. */
const maxWriteConflicts = 3;

export interface MetaPublisherDeps {
  readonly db: DatabaseSync;
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
  private readonly catalog: CloudCatalog;
  private readonly index: RemoteMetaIndex;

  constructor(private readonly deps: MetaPublisherDeps) {
    this.catalog = new CloudCatalog(deps.db);
    this.index = new RemoteMetaIndex(deps.db);
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
        if (isRetryable(error)) throw error;
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
    const key = metaKey(identityId, sha256);
    for (let attempt = 1; attempt <= maxWriteConflicts; attempt += 1) {
      const remote = await getObjectBytes(target, key, maxMetaBytes);
      const remoteDoc = remote ? parsePhotoMeta(remote.bytes.toString('utf8')) : null;
      const local = photoMetaOf(this.deps.db, photoId);
      if (!local) return false; // deleted while we waited for the cloud
      // An unreadable document in the cloud is replaced by ours, which is valid and complete.
      const doc = remoteDoc ? mergePhotoMeta(local, remoteDoc) : local;
      let etag: string;
      try {
        etag = await putJson(
          target,
          key,
          doc,
          remote ? { ifMatch: remote.etag } : { ifNoneMatch: '*' },
        );
      } catch (error) {
        if (isWriteConflict(error)) continue; // another device wrote first: merge with theirs
        throw error;
      }
      this.index.record(identityId, sha256, etag);
      mergeRemoteMeta(this.deps, this.catalog, photoId, doc);
      this.catalog.markMetaSynced(photoId, changedAt);
      return true;
    }
    throw new Error(`${key} kept changing under us; it will be sent again with the next sync`);
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
 * edits go through the labels port. Synchronous on purpose: nothing else can change the photo
 * between reading and writing it.
 */
export function mergeRemoteMeta(
  deps: MetaPublisherDeps,
  catalog: CloudCatalog,
  photoId: number,
  remote: PhotoMeta,
): MergeOutcome {
  const local = photoMetaOf(deps.db, photoId);
  if (!local) return { localChanged: false, cloudBehind: false };
  const merged = mergePhotoMeta(local, remote);
  const newDescription = !sameDescription(merged.description, local.description);
  const newLabels = !sameLabels(merged, local);
  if (newDescription) catalog.applyDescription(photoId, merged.description);
  if (newLabels) deps.applyRemoteLabels(photoId, merged.labels, merged.labelEdits);
  return {
    localChanged: newDescription || newLabels,
    cloudBehind:
      !sameDescription(merged.description, remote.description) || !sameLabels(merged, remote),
  };
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
