export const sortOrders = ['taken-desc', 'taken-asc', 'imported-desc'] as const;
export type SortOrder = (typeof sortOrders)[number];

/** What a grid tile needs: small, so a page of hundreds crosses the boundary cheaply. */
export interface PhotoSummary {
  readonly id: number;
  readonly sha256: string;
  readonly filename: string;
  readonly width: number;
  readonly height: number;
  /** Epoch milliseconds: taken-at when the photo says so, otherwise import time. */
  readonly sortAt: number;
}

export interface PhotoDetail extends PhotoSummary {
  readonly format: string;
  readonly byteSize: number;
  readonly takenAt: number | null;
  readonly importedAt: number;
  readonly camera: string | null;
  readonly orientation: number | null;
  readonly description: string;
}

export interface PageRequest {
  readonly sort: SortOrder;
  readonly offset: number;
  readonly limit: number;
}

export interface PhotoPage {
  readonly total: number;
  readonly offset: number;
  readonly items: readonly PhotoSummary[];
}
