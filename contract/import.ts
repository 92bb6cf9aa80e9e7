export const importFailureReasons = [
  'empty-file',
  'not-an-image',
  'unsupported-format',
  'truncated',
  'too-many-pixels',
  'too-large',
  'unreadable',
  'special-file',
  'link-outside-drop',
  'not-found',
  /** The disk holding the library filled up; the rest of the batch was not tried. */
  'disk-full',
] as const;
export type ImportFailureReason = (typeof importFailureReasons)[number];

export interface ImportFailure {
  readonly path: string;
  readonly reason: ImportFailureReason;
  /** A sentence a person can act on. */
  readonly message: string;
}

export interface ImportDuplicate {
  readonly path: string;
  readonly existingId: number;
  readonly existingFilename: string;
}

export type ImportState = 'scanning' | 'importing' | 'finished' | 'cancelled';

export interface ImportProgress {
  readonly jobId: string;
  readonly state: ImportState;
  readonly total: number;
  readonly done: number;
  readonly imported: number;
  readonly duplicates: number;
  readonly failed: number;
  readonly photosPerSecond: number;
  /** Only what is new since the previous progress event of this job. */
  readonly newFailures: readonly ImportFailure[];
  readonly newDuplicates: readonly ImportDuplicate[];
}
