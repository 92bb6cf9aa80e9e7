/** How many square tiles of at least `minTile` px fit across `width` with `gap` between them. */
export function gridColumns(width: number, minTile: number, gap: number): number {
  return Math.max(1, Math.floor((width + gap) / (minTile + gap)));
}
