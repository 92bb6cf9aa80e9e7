import { z } from 'zod';
import type { AlbumChange, AlbumSummary } from './albums';
import type { AuthState } from './auth';
import type { CloudStatus } from './cloud';
import type { ExportProgress, ExportStarted } from './export';
import type { ImportFailure, ImportProgress } from './import';
import type { LabelCount, LabelFailure, LabelProgress } from './labels';
import type { PhotoDetail, PhotoInfo, PhotoPage, ViewDays } from './photos';
import type { AppSettings } from './settings';
import type { VoiceList } from './voice';
import {
  albumAddRequest,
  albumCreateRequest,
  albumIdRequest,
  albumRemoveRequest,
  albumRenameRequest,
  exportJobRequest,
  favoriteRequest,
  idsRequest,
  viewFilter,
  targetsRequest,
  labelEditRequest,
  labelRetryRequest,
  setDescriptionRequest,
  settingsPatchRequest,
  uploadControlRequest,
  importCancelRequest,
  importPickRequest,
  importReceivedRequest,
  importStartRequest,
  pageRequest,
  selectVoiceRequest,
  photoIdRequest,
  openMapRequest,
  setCloudConfigRequest,
  signInRequest,
  signOutRequest,
} from './schemas';

/** Every request the renderer may send, with the schema main parses it with. */
export const requestSchemas = {
  'app.info': z.strictObject({}),
  'app.diagnostics': z.strictObject({}),
  'app.catalogNotice': z.strictObject({}),
  'library.page': pageRequest,
  'library.photo': photoIdRequest,
  'library.ids': idsRequest,
  'library.days': viewFilter,
  'library.prepareSearch': z.strictObject({}),
  'library.info': photoIdRequest,
  'library.reveal': photoIdRequest,
  'app.openMap': openMapRequest,
  'import.start': importStartRequest,
  'import.cancel': importCancelRequest,
  'import.pick': importPickRequest,
  'import.received': importReceivedRequest,
  'auth.state': z.strictObject({}),
  'auth.signIn': signInRequest,
  'auth.cancelSignIn': z.strictObject({}),
  'auth.signOut': signOutRequest,
  'cloud.setConfig': setCloudConfigRequest,
  'voice.greet': z.strictObject({}),
  'voice.list': z.strictObject({}),
  'voice.select': selectVoiceRequest,
  'photo.setDescription': setDescriptionRequest,
  'photo.trash': targetsRequest,
  'photo.restore': targetsRequest,
  'photo.delete': targetsRequest,
  'trash.empty': z.strictObject({}),
  'photo.favorite': favoriteRequest,
  'albums.list': z.strictObject({}),
  'albums.create': albumCreateRequest,
  'albums.rename': albumRenameRequest,
  'albums.delete': albumIdRequest,
  'albums.restore': albumIdRequest,
  'albums.add': albumAddRequest,
  'albums.remove': albumRemoveRequest,
  'export.start': targetsRequest,
  'export.cancel': exportJobRequest,
  'export.reveal': exportJobRequest,
  'labels.list': z.strictObject({}),
  'labels.add': labelEditRequest,
  'labels.remove': labelEditRequest,
  'labels.failures': z.strictObject({}),
  'labels.retry': labelRetryRequest,
  'settings.get': z.strictObject({}),
  'settings.set': settingsPatchRequest,
  'cloud.status': z.strictObject({}),
  'cloud.pause': uploadControlRequest,
  'cloud.resume': uploadControlRequest,
  'cloud.cancel': uploadControlRequest,
  'cloud.sync': z.strictObject({}),
} as const;

export type Channel = keyof typeof requestSchemas;
export type RequestOf<C extends Channel> = z.infer<(typeof requestSchemas)[C]>;

export interface AppInfo {
  readonly version: string;
  readonly host: 'electron' | 'web';
  readonly dataDir: string;
  readonly photoCount: number;
}

/** `deleted`: photos removed here; `cloudPending`: of them, those whose cloud objects wait. */
export interface DeleteResult {
  readonly deleted: number;
  readonly cloudPending: number;
}

export interface ImportStarted {
  readonly jobId: string;
  /** Files the host refused before the job began (the browser host's uploads). */
  readonly rejected: readonly ImportFailure[];
}

export interface Greeting {
  readonly mediaPath: string;
  readonly cached: boolean;
}

/** What each channel answers with, inside a Result. */
export interface ChannelResults {
  'app.info': AppInfo;
  /** The "Copy diagnostics" text for a bug report (no secrets in it). */
  'app.diagnostics': { readonly text: string };
  /**
   * What the check of the catalog at start did (a damaged catalog kept aside, a backup restored,
   * the photos added back), naming the files; null when the catalog was sound.
   */
  'app.catalogNotice': { readonly notice: string | null };
  'library.page': PhotoPage;
  'library.photo': PhotoDetail;
  /** The ids of a stretch of a view, in its order. */
  'library.ids': { readonly ids: readonly number[] };
  /** The timeline's sections; null where the view's order is not by date (an album). */
  'library.days': ViewDays | null;
  'library.prepareSearch': null;
  /** The camera's facts, read from the original; null when the original is not on this computer. */
  'library.info': PhotoInfo | null;
  /** Whether the original was shown in the system's file manager (desktop, original here). */
  'library.reveal': { readonly revealed: boolean };
  /** Opens the place in the person's browser, on OpenStreetMap; Shoebox itself fetches no map. */
  'app.openMap': null;
  'import.start': ImportStarted;
  'import.cancel': { readonly cancelled: boolean };
  /** `null` when the person closed the dialog without choosing. */
  'import.pick': ImportStarted | null;
  /** Imports the files a page sent to the browser host under `batch` (only that host serves it). */
  'import.received': { readonly jobId: string };
  'auth.state': AuthState;
  /** The Hosted UI address when the page must open it itself (browser host); null when main did. */
  'auth.signIn': { readonly authorizeUrl: string | null };
  'auth.cancelSignIn': { readonly cancelled: true };
  /** `logoutUrl`: the Hosted UI logout page when the page must open it itself (browser host). */
  'auth.signOut': { readonly state: AuthState; readonly logoutUrl: string | null };
  /** Imports a backend config (the text of its JSON file); answers the new sign-in state. */
  'cloud.setConfig': AuthState;
  /** The spoken greeting as a media path (`voice/<sha256>`); `cached`: no Polly call was made. */
  'voice.greet': Greeting;
  /** Polly's voices (DescribeVoices) and the one the greeting uses. */
  'voice.list': VoiceList;
  /** Makes `voiceId` the greeting's voice (kept in the catalog); answers it back. */
  'voice.select': { readonly selected: string };
  /** Saves the description (synced through the photo's metadata document); answers the photo. */
  'photo.setDescription': PhotoDetail;
  /**
   * Removes the photos from the library and, for photos in the cloud, their original, thumbnail
   * and metadata document (now, or once the cloud answers: `cloudPending` of them wait).
   */
  'photo.delete': DeleteResult;
  /** Moves photos to the Trash (here and, through their documents, on every device). */
  'photo.trash': { readonly ids: readonly number[] };
  /** Takes photos out of the Trash. */
  'photo.restore': { readonly ids: readonly number[] };
  /** Deletes every photo in the Trash for good (as `photo.delete`). */
  'trash.empty': DeleteResult;
  /** Marks or unmarks favorites; `ids`: the photos that changed. */
  'photo.favorite': { readonly ids: readonly number[] };
  'albums.list': { readonly albums: readonly AlbumSummary[] };
  /** Makes an album (with the photos, when given). */
  'albums.create': AlbumChange;
  'albums.rename': AlbumSummary;
  /** Deletes the album (its photos stay in the library). */
  'albums.delete': { readonly deleted: true };
  /**
   * Brings a deleted album back (Undo): as a new album with its name, photos and order, since
   * the deletion may have reached other devices already. Answers the album.
   */
  'albums.restore': AlbumSummary;
  'albums.add': AlbumChange;
  'albums.remove': AlbumChange;
  /**
   * Exports the originals, byte for byte: into a folder the person picks (desktop; null when
   * they closed the dialog), or as a download at `download` (browser host: the original
   * itself for one photo, a zip for more). Progress comes as `export.progress`.
   */
  'export.start': ExportStarted | null;
  'export.cancel': { readonly cancelled: boolean };
  /** Shows the exported files in the system's file manager (desktop only). */
  'export.reveal': { readonly revealed: boolean };
  /** Labels at or above the minimum confidence with their photo counts, most common first. */
  'labels.list': { readonly labels: readonly LabelCount[]; readonly progress: LabelProgress };
  /** Adds the person's own label (or takes back their removal); answers the photo. */
  'labels.add': PhotoDetail;
  /** Removes a label from the photo (kept as the person's correction); answers the photo. */
  'labels.remove': PhotoDetail;
  /** The "couldn't label" list. */
  'labels.failures': { readonly items: readonly LabelFailure[] };
  /** Puts the photo (or every failed one) back in the label queue. */
  'labels.retry': { readonly requeued: number };
  'settings.get': AppSettings;
  /** Changes some settings; answers all of them. */
  'settings.set': AppSettings;
  'cloud.status': CloudStatus;
  'cloud.pause': CloudStatus;
  /** Resumes paused uploads and retries failed ones. */
  'cloud.resume': CloudStatus;
  /** Takes photos out of the upload queue; they stay in the library, local only. */
  'cloud.cancel': CloudStatus;
  /** Lists the cloud prefix and merges it into the catalog now (also on focus and a timer). */
  'cloud.sync': { readonly started: boolean };
}

/** Events main pushes to the renderer. */
export interface EventPayloads {
  'auth.changed': AuthState;
  'import.progress': ImportProgress;
  /** Photos were added (`added` of them), changed or removed: pages on screen are stale. */
  'library.changed': { readonly added: number };
  'cloud.status': CloudStatus;
  'export.progress': ExportProgress;
  /** What SQLite's full check found while running, in words naming the file (app.catalogNotice). */
  'catalog.notice': { readonly notice: string };
}
export type EventName = keyof EventPayloads;

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(requestSchemas, value);
}

// Compile-time guard: the schema table and the result table name the same channels.
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never]
  ? true
  : false;
export const channelTablesAgree: SameKeys<typeof requestSchemas, ChannelResults> = true;
