/** A label and how many photos carry it at or above the minimum confidence (the sidebar). */
export interface LabelCount {
  readonly name: string;
  readonly count: number;
}

/** How far labelling has got across the library (the activity area's done/total). */
export interface LabelProgress {
  /** Photos Rekognition has answered for. */
  readonly labelled: number;
  /** Photos in the label queue, waiting their turn or a retry. */
  readonly waiting: number;
  /** Photos given up on (the "couldn't label" list). */
  readonly failed: number;
}

/** A photo in the "couldn't label" list. */
export interface LabelFailure {
  readonly id: number;
  readonly sha256: string;
  readonly filename: string;
  readonly reason: string;
  readonly attempts: number;
}
