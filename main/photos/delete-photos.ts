import type { Logger } from '../model/logger';
import { setTimeout as delay } from 'node:timers/promises';
import type { Catalog } from '../catalog/catalog';
import type { LastIdentity } from '../catalog/last-identity';
import type { CloudSession } from '../aws/cloud-session';
import type { LibraryPaths } from '../library/library-paths';
import { removePhotoFiles } from '../library/remove-photo-files';

export interface DeletePhotosDeps {
  readonly catalog: Pick<Catalog, 'removal' | 'lastIdentity'>;
  readonly paths: LibraryPaths;
  /** The signed-in user's session, or null while signed out. */
  readonly session: () => CloudSession | null;
  readonly now: () => number;
  /** Where files that could not be deleted are noted; nothing by default. */
  readonly log?: Logger;
}

/** `deleted`: photos removed here; `cloudPending`: of them, those whose cloud objects wait. */
export interface DeletePhotosResult {
  readonly deleted: number;
  readonly cloudPending: number;
}

/** How long to wait for the session's identity before settling for the last known one. */
const identityWaitMs = 2000;

/**
 * Removes photos from the library: rows (labels and jobs cascade), thumbnails, imported and
 * cached originals. Photos in the cloud, or on their way there, are queued for deletion from
 * the user's prefix; `CloudDeletions.process()` sends those when the cloud answers.
 */
export async function deletePhotos(
  deps: DeletePhotosDeps,
  ids: readonly number[],
): Promise<DeletePhotosResult> {
  const identityId = await currentIdentity(deps.session(), deps.catalog.lastIdentity);
  const { removed, queued } = deps.catalog.removal.remove(ids, identityId, deps.now());
  for (const photo of removed) {
    const left = await removePhotoFiles(deps.paths, photo);
    if (left.length > 0) deps.log?.warn('could not delete files', { files: left });
  }
  return { deleted: removed.length, cloudPending: queued };
}

/**
 * The identity whose prefix holds this library's cloud copies: the signed-in session's when it
 * answers promptly (and remembered), otherwise the last one used here, or null if none ever was.
 */
export async function currentIdentity(
  session: CloudSession | null,
  lastIdentity: LastIdentity,
): Promise<string | null> {
  if (session) {
    const fromSession = await Promise.race([
      session.identityId().catch(() => null),
      delay(identityWaitMs, null, { ref: false }),
    ]);
    if (fromSession) {
      lastIdentity.remember(fromSession);
      return fromSession;
    }
  }
  return lastIdentity.get();
}
