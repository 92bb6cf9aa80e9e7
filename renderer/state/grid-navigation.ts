/** Where focus goes in a grid of `total` tiles laid out `columns` wide, for a key press. */
export function nextGridIndex(
  key: string,
  index: number,
  columns: number,
  total: number,
  rowsPerPage: number,
): number | null {
  if (total === 0) return null;
  const last = total - 1;
  const clamp = (value: number) => Math.min(Math.max(value, 0), last);
  switch (key) {
    case 'ArrowRight':
      return clamp(index + 1);
    case 'ArrowLeft':
      return clamp(index - 1);
    case 'ArrowDown':
      return index + columns <= last ? index + columns : index;
    case 'ArrowUp':
      return index - columns >= 0 ? index - columns : index;
    case 'PageDown':
      return clamp(index + columns * rowsPerPage);
    case 'PageUp':
      return clamp(index - columns * rowsPerPage);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}

/** How many square tiles of at least `minTile` px fit across `width` with `gap` between them. */
export function gridColumns(width: number, minTile: number, gap: number): number {
  return Math.max(1, Math.floor((width + gap) / (minTile + gap)));
}
