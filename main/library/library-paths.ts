import { join, relative, isAbsolute, sep } from 'node:path';

/** Where everything lives inside a data dir (docs/architecture.md, "Where things are kept"). */
export interface LibraryPaths {
  readonly root: string;
  readonly catalog: string;
  readonly thumbs: string;
  readonly originals: string;
  /**
   * Originals fetched from the cloud for photos imported on another device, kept under the
   * person's size budget (main/sync/original-cache.ts). Only cache files live here, so
   * evicting from it can never touch an imported original.
   */
  readonly originalsCache: string;
  /** Large and full-size WebP renderings made on demand for the detail view; safe to delete. */
  readonly previews: string;
  /** Files the browser host received by upload, waiting to be imported. */
  readonly incoming: string;
  /** The catalog's online backups, a few generations (main/catalog/checked-catalog.ts). */
  readonly backups: string;
  /** Synthesized greetings, kept so replaying one needs no Polly call and works offline. */
  readonly voice: string;
  /** The app's log (library/json-log.ts): JSON lines, rotated. */
  readonly logs: string;
}

export function libraryPaths(root: string): LibraryPaths {
  return {
    root,
    catalog: join(root, 'catalog.sqlite'),
    thumbs: join(root, 'thumbs'),
    originals: join(root, 'originals'),
    originalsCache: join(root, 'originals-cache'),
    previews: join(root, 'previews'),
    incoming: join(root, 'incoming'),
    voice: join(root, 'voice'),
    backups: join(root, 'backups'),
    logs: join(root, 'logs'),
  };
}

const sha256Pattern = /^[0-9a-f]{64}$/;

export function isSha256(value: string): boolean {
  return sha256Pattern.test(value);
}

export function thumbFile(paths: LibraryPaths, sha256: string): string {
  return join(paths.thumbs, sha256.slice(0, 2), `${sha256}.webp`);
}

export function originalFile(paths: LibraryPaths, sha256: string, extension: string): string {
  return join(paths.originals, sha256.slice(0, 2), `${sha256}.${extension}`);
}

/** The rendering kinds kept under `previews/`: ≈2048 px to show first, and every pixel. */
export type PreviewKind = 'large' | 'full';

export function previewFile(paths: LibraryPaths, sha256: string, kind: PreviewKind): string {
  return join(paths.previews, sha256.slice(0, 2), `${sha256}-${kind}.webp`);
}

/** Where a cloud-only photo's original is kept once fetched (evictable, unlike `originalFile`). */
export function cachedOriginalFile(paths: LibraryPaths, sha256: string, extension: string): string {
  return join(paths.originalsCache, sha256.slice(0, 2), `${sha256}.${extension}`);
}

/** A cached greeting, named by the hash of its voice, engine and text (main/voice/voice-choice.ts). */
export function voiceFile(voiceDir: string, sha256: string): string {
  return join(voiceDir, `${sha256}.mp3`);
}

/**
 * True when `child` is `parent` or lies beneath it (both already resolved). Only a first
 * segment of exactly `..` leaves: `...` and `..foo` are ordinary names inside.
 */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  if (rel === '') return true;
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
