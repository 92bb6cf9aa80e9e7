import type { default as Sharp } from 'sharp';

let loaded: Promise<typeof Sharp> | null = null;

/**
 * sharp (libvips), loaded when a photo is first decoded rather than at start: opening the library
 * and showing its thumbnails never need it (docs/architecture.md, "Start-up"). Configured once:
 * one decode at a time per call, since parallelism is the importer's job
 * (docs/platform-notes.md: 2 cores), and no cache, since each photo is decoded once.
 */
export function loadSharp(): Promise<typeof Sharp> {
  loaded ??= import('sharp').then(({ default: sharp }) => {
    sharp.cache(false);
    sharp.concurrency(1);
    return sharp;
  });
  return loaded;
}
