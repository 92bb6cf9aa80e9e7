/** One measured figure, as written to bench/results.json. */
export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** What the figure is, in a few words, for the README table. */
  readonly what: string;
  readonly goal?: string;
  /** For a ratio: how to read it (which way is better, what 1 means). */
  readonly meaning?: string;
  /** For a ratio: the figure it was measured against, in the same run. */
  readonly baseline?: { readonly name: string; readonly value: number; readonly unit: string };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
