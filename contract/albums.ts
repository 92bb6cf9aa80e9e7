/** An album as the sidebar lists it. */
export interface AlbumSummary {
  readonly id: string;
  readonly name: string;
  /** Photos in it that are not in the Trash. */
  readonly count: number;
}

/** What an album change did, so the Undo toast can take it back. */
export interface AlbumChange {
  readonly album: AlbumSummary;
  /** The photos whose membership changed (already members, or not members, are left out). */
  readonly ids: readonly number[];
}
