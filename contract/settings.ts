/** The person's settings, kept in the catalog. Every field has a default (see `defaultSettings`). */
export interface AppSettings {
  /** Labels below this confidence (0–100) are hidden from chips, the sidebar and search. */
  readonly minConfidence: number;
  /** The most labels asked of Rekognition per photo (1–100). */
  readonly maxLabels: number;
  /** Whether photos in a signed-in library are sent for labelling at all. */
  readonly labelling: boolean;
  /** Whether the greeting plays by itself after signing in. */
  readonly greetOnSignIn: boolean;
  /** Files uploaded at the same time (1–8). */
  readonly uploadConcurrency: number;
  /** Parts of one large file uploaded at the same time (1–16). */
  readonly partConcurrency: number;
  /** Disk kept for full-size originals fetched from the cloud, in MiB (100–1,000,000). */
  readonly originalsCacheMb: number;
  /** Days a photo stays in the Trash before it is deleted for good (1–365). */
  readonly trashDays: number;
}

export const defaultSettings: AppSettings = {
  minConfidence: 70,
  maxLabels: 20,
  labelling: true,
  greetOnSignIn: false,
  uploadConcurrency: 4,
  partConcurrency: 4,
  originalsCacheMb: 2048,
  trashDays: 30,
};

export type NumberSetting = keyof Pick<
  AppSettings,
  'maxLabels' | 'uploadConcurrency' | 'partConcurrency' | 'originalsCacheMb' | 'trashDays'
>;

/** The whole-number settings' ranges: main's schema enforces them, the settings panel explains them. */
export const settingLimits: Record<NumberSetting, { readonly min: number; readonly max: number }> =
  {
    maxLabels: { min: 1, max: 100 },
    uploadConcurrency: { min: 1, max: 8 },
    partConcurrency: { min: 1, max: 16 },
    originalsCacheMb: { min: 100, max: 1_000_000 },
    trashDays: { min: 1, max: 365 },
  };
