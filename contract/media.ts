/** Paths of the read-only media protocol; each host says where they are served (`mediaBase`). */
export const mediaPath = {
  thumb: (sha256: string) => `thumb/${sha256}`,
  original: (sha256: string) => `original/${sha256}`,
  /** A ≈2048 px WebP rendering, upright, to show while the full image loads. */
  preview: (sha256: string) => `preview/${sha256}`,
  /** Every pixel, in a form the browser shows: the original, or a WebP of a HEIC or TIFF. */
  view: (sha256: string) => `view/${sha256}`,
  /** A synthesized greeting (MP3), named by the hash of its voice, engine and text. */
  voice: (sha256: string) => `voice/${sha256}`,
} as const;
