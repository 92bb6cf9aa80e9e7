import { z } from 'zod';

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

export interface PhotoPage {
  readonly total: number;
  readonly offset: number;
  readonly items: readonly PhotoSummary[];
}

export const pageRequest = z.object({
  sort: z.enum(sortOrders),
  offset: z.number().int().min(0),
  limit: z.number().int().min(1).max(1000),
});
export type PageRequest = z.infer<typeof pageRequest>;

export const photoIdRequest = z.object({ id: z.number().int().positive() });

/** Paths the renderer builds image URLs from; each host says where they are served. */
export const mediaPath = {
  thumb: (sha256: string) => `thumb/${sha256}`,
  original: (sha256: string) => `original/${sha256}`,
} as const;
