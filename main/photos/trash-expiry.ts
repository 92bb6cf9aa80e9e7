const dayMs = 24 * 60 * 60 * 1000;

/** Photos moved to the Trash before this time (epoch ms) have been there `days` days. */
export function trashCutoff(now: number, days: number): number {
  return now - days * dayMs;
}

/** When a photo moved to the Trash at `trashedAt` is deleted for good. */
export function trashExpiresAt(trashedAt: number, days: number): number {
  return trashedAt + days * dayMs;
}
