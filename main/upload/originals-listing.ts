import { originalsPrefix } from '../model/photo-keys';
import { listPages, type S3Target } from '../aws/s3-objects';

/**
 * What the identity's `originals/` held when the upload queue listed it, so a photo whose
 * original the listing shows absent goes up without a HeadObject first (one ListObjectsV2
 * answers for up to 1,000 originals; a HeadObject for one).
 *
 * The listing only ever saves the question, never answers "already there": a listed original is
 * still checked with HeadObject (its size and SHA-256, as isAlreadyThere does), since it may have
 * been deleted since. An original another device puts there after the listing is sent again:
 * keys are named by content, so that writes the very same bytes, which is harmless; the photo's
 * metadata document is still written with If-None-Match and merged with that device's.
 */
export class OriginalsListing {
  private constructor(
    private readonly keys: ReadonlySet<string>,
    /** The last key listed when the listing stopped before the end; null when it is complete. */
    private readonly reachedKey: string | null,
  ) {}

  /**
   * Lists at most `maxPages` pages (of 1,000 keys). S3 lists keys in order, so a listing cut
   * short still answers for every key up to the last one it reached.
   */
  static async list(
    target: S3Target,
    identityId: string,
    maxPages: number,
  ): Promise<OriginalsListing> {
    const keys = new Set<string>();
    let last: string | null = null;
    let pages = 0;
    for await (const page of listPages(target, originalsPrefix(identityId))) {
      for (const object of page.objects) keys.add(object.key);
      last = page.objects.at(-1)?.key ?? last;
      pages += 1;
      if (!page.more) return new OriginalsListing(keys, null);
      if (pages >= maxPages) break;
    }
    // Stopped early: keys after the last one listed are unknown ("" when no page had any key).
    return new OriginalsListing(keys, last ?? '');
  }

  /** False only when the listing reached `key` and did not show it: no need to ask S3. */
  mayHold(key: string): boolean {
    if (this.keys.has(key)) return true;
    return this.reachedKey !== null && key > this.reachedKey;
  }
}

/** Photos waiting per listing page the queue allows itself: a listing never costs more than a
 * tenth of the HeadObjects it may save, however many originals the cloud holds. */
const photosPerPage = 10;
/** A listing older than this is made again (sync lists the cloud as often). */
const maxAgeMs = 5 * 60_000;

interface RunListing {
  readonly identityId: string;
  readonly at: number;
  readonly controller: AbortController;
  readonly listing: Promise<OriginalsListing | null>;
}

/**
 * The upload queue's listing for the run under way: made when the first upload needs it and
 * enough photos wait for it to pay, then shared by every upload of the run (per identity, and
 * made again after 5 minutes). A listing that fails is no listing: uploads ask S3 one by one,
 * as without one, and the next upload to start tries listing again.
 */
export class QueueListing {
  private current: RunListing | null = null;

  constructor(
    private readonly now: () => number,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** The run's listing for `identityId`, made now if there is none (or it is old) and
   * `waiting` photos are worth it; null when uploads should ask S3 one by one. */
  for(target: S3Target, identityId: string, waiting: number): Promise<OriginalsListing | null> {
    const current = this.current;
    if (current?.identityId === identityId && this.now() - current.at < maxAgeMs) {
      return current.listing;
    }
    this.forget();
    const maxPages = Math.floor(waiting / photosPerPage);
    if (maxPages === 0) return Promise.resolve(null);
    const controller = new AbortController();
    const listing = OriginalsListing.list(
      { ...target, signal: controller.signal },
      identityId,
      maxPages,
    ).catch((error: unknown) => {
      if (this.current?.listing === listing) this.current = null;
      if (!controller.signal.aborted) this.onError(error);
      return null;
    });
    this.current = { identityId, at: this.now(), controller, listing };
    return listing;
  }

  /** The run is over (or stopped): the next one lists again; a listing in flight is cut. */
  forget(): void {
    this.current?.controller.abort();
    this.current = null;
  }
}
