/** Paths of the read-only media protocol; each host says where they are served (`mediaBase`). */
export const mediaPath = {
  thumb: (sha256: string) => `thumb/${sha256}`,
  original: (sha256: string) => `original/${sha256}`,
} as const;
