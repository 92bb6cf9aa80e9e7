export const sortOrders = ['taken-desc', 'taken-asc', 'imported-desc'] as const;
export type SortOrder = (typeof sortOrders)[number];

/**
 * Which photos a view shows before any search: `library` (everything not in the Trash),
 * `favorites`, `trash`, or `album` (one album's photos, in the order they were added to it).
 */
export const photoScopes = ['library', 'favorites', 'trash', 'album'] as const;
export type PhotoScope = (typeof photoScopes)[number];

/**
 * Where a photo stands with the user's cloud prefix: `local` (not queued: signed out, or never
 * signed in), `queued`, `uploading`, `paused`, `cloud` (uploaded and verified, or synced from
 * another device), `failed` (see the detail's `cloudError`).
 */
export const cloudStates = ['local', 'queued', 'uploading', 'paused', 'cloud', 'failed'] as const;
export type CloudState = (typeof cloudStates)[number];

/** A label as a chip shows it: Rekognition's confidence (0–100), or 100 for the person's own. */
export interface LabelChip {
  readonly name: string;
  readonly confidence: number;
}

export interface PhotoLabel extends LabelChip {
  /** `user`: added by the person; such labels win over Rekognition's and sync. */
  readonly source: 'rekognition' | 'user';
  readonly parents: readonly string[];
}

/**
 * Labelling of one photo: `off` (the setting is off or nobody is signed in), `queued`,
 * `done`, `failed` (in the "couldn't label" list; `message` says why).
 */
export interface LabelStatus {
  readonly state: 'off' | 'queued' | 'done' | 'failed';
  readonly message: string | null;
}

/** What a grid tile needs: small, so a page of hundreds crosses the boundary cheaply. */
export interface PhotoSummary {
  readonly id: number;
  readonly sha256: string;
  readonly filename: string;
  readonly width: number;
  readonly height: number;
  /** Epoch milliseconds: taken-at when the photo says so, otherwise import time. */
  readonly sortAt: number;
  /** Whether `sortAt` is when it was taken (false: the file says nothing; it is the import time). */
  readonly dated: boolean;
  readonly cloud: CloudState;
  /**
   * Up to three labels at or above the minimum confidence, best first (tile chips, alt text):
   * the most specific ones, leaving out any that is another's parent ("Beach", not "Nature").
   */
  readonly topLabels: readonly LabelChip[];
  readonly favorite: boolean;
  /** Epoch milliseconds it was moved to the Trash; null when it is not there. */
  readonly trashedAt: number | null;
}

export interface PhotoDetail extends PhotoSummary {
  readonly format: string;
  readonly byteSize: number;
  readonly takenAt: number | null;
  readonly importedAt: number;
  readonly camera: string | null;
  readonly orientation: number | null;
  readonly description: string;
  /** Epoch milliseconds of the last description edit on any device (0: never edited). */
  readonly descriptionUpdatedAt: number;
  /** Labels at or above the minimum confidence, best first; the person's own always included. */
  readonly labels: readonly PhotoLabel[];
  /** Rekognition's labels below the minimum confidence, left out of `labels`. */
  readonly labelsBelowConfidence: number;
  readonly labelStatus: LabelStatus;
  /** Why the upload failed, when `cloud` is `failed`. */
  readonly cloudError: string | null;
  /** `false`: the original is only in the cloud; opening it fetches it through main. */
  readonly originalLocal: boolean;
}

/** What the camera wrote about a photo (EXIF, XMP, HEIF boxes), for the info panel. */
export interface PhotoInfo {
  readonly camera: string | null;
  readonly lens: string | null;
  /** Millimetres, as the lens was set (not the 35 mm equivalent). */
  readonly focalLength: number | null;
  /** The f-number: 1.8 for f/1.8. */
  readonly aperture: number | null;
  /** Exposure time in seconds: 0.004 for 1/250 s. */
  readonly exposureTime: number | null;
  readonly iso: number | null;
  /** When it was taken as the camera's clock read it, "2024-05-06T07:08:09", without a zone. */
  readonly takenLocal: string | null;
  /** The camera's offset from UTC when it was taken, "+02:00", if it wrote one. */
  readonly takenOffset: string | null;
  readonly gps: { readonly latitude: number; readonly longitude: number } | null;
}

export interface PageRequest {
  readonly sort: SortOrder;
  readonly offset: number;
  readonly limit: number;
  /**
   * Words the person typed: every word must prefix-match a label (or a label's parent) at or
   * above the minimum confidence, the description or the file name. Empty or absent: everything.
   */
  readonly query?: string;
  /** Only photos carrying this label at or above the minimum confidence (the label sidebar). */
  readonly label?: string;
  /** Absent: `library`. */
  readonly scope?: PhotoScope;
  /** The album's id, with scope `album`. */
  readonly album?: string;
}

/** A view without its paging: what "every photo in this view" means. */
export type ViewFilter = Omit<PageRequest, 'offset' | 'limit'>;

/**
 * The photos a bulk action acts on: named ones, or every photo of a view except some (Ctrl+A
 * over 100,000 photos sends the view, not 100,000 ids).
 */
export type PhotoTargets =
  | { readonly ids: readonly number[] }
  | { readonly view: ViewFilter; readonly except: readonly number[] };

/** Photos of a view on one calendar day (this computer's time zone). */
export interface DayCount {
  /** "2024-05-06". */
  readonly day: string;
  readonly count: number;
  /** Of these, photos with no taken date, placed by when they were added. */
  readonly undated: number;
}

/** A view's photos per day, in the view's order: the timeline's sections. */
export interface ViewDays {
  /** The days are when photos were taken (an undated one's: when it was added), or added. */
  readonly basis: 'taken' | 'added';
  readonly days: readonly DayCount[];
}

export interface PhotoPage {
  readonly total: number;
  readonly offset: number;
  readonly items: readonly PhotoSummary[];
}
