/** A label and how many photos carry it at or above the minimum confidence (the sidebar). */
export interface LabelCount {
  readonly name: string;
  readonly count: number;
}

/** A photo in the "couldn't label" list. */
export interface LabelFailure {
  readonly id: number;
  readonly sha256: string;
  readonly filename: string;
  readonly reason: string;
  readonly attempts: number;
}
