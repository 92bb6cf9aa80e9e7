/**
 * Why one photo was not exported: `missing` (its original is gone from the library folder),
 * `changed` (the file no longer hashes to the photo's SHA-256; nothing was written), `offline`,
 * `signed-out` and `not-in-cloud` (a cloud-only original could not be fetched), `corrupt` (the
 * cloud's copy did not match), `write-failed` (the destination refused the file).
 */
export const exportFailureCodes = [
  'missing',
  'changed',
  'offline',
  'signed-out',
  'not-in-cloud',
  'corrupt',
  'write-failed',
] as const;
export type ExportFailureCode = (typeof exportFailureCodes)[number];

export interface ExportFailure {
  readonly photoId: number;
  readonly filename: string;
  readonly code: ExportFailureCode;
  /** Main's details (the file or the error); the renderer words the failure from `code`. */
  readonly detail: string;
}

/** `running`, then `done` (every photo tried) or `cancelled` (by the person, or the download was dropped). */
export type ExportState = 'running' | 'done' | 'cancelled';

export type ExportKind = 'folder' | 'zip' | 'file';

export interface ExportProgress {
  readonly jobId: string;
  /**
   * `folder`: the desktop writes into a folder; the browser host downloads one photo as its
   * original `file`, more as a `zip`.
   */
  readonly kind: ExportKind;
  readonly state: ExportState;
  readonly total: number;
  /** Photos tried so far (exported or failed). */
  readonly done: number;
  readonly exported: number;
  readonly bytes: number;
  /** Every failure so far, in order. */
  readonly failures: readonly ExportFailure[];
  /** Where the files went (desktop); null for a download. */
  readonly folder: string | null;
}

export interface ExportStarted {
  readonly jobId: string;
  readonly kind: ExportKind;
  readonly total: number;
  /** The browser host's download address (same origin) to open; null on the desktop. */
  readonly download: string | null;
}
