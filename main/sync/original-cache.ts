import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { cachedOriginalFile, type LibraryPaths } from '../library/library-paths';
import { s3Sdk } from '../aws/aws-sdk';
import type { CloudSession } from '../aws/cloud-session';
import { PhotoKeyError } from '../model/photo-keys';
import { originalKey } from '../model/photo-keys';
import { withRetry, type RetryPolicy } from '../aws/retry';
import { cloudErrorMessage, isMissing } from '../aws/s3-objects';
import { CodedError } from '../model/coded-error';

/**
 * Why a cloud-only original could not be had: `offline` (the cloud did not answer), `signed-out`,
 * `not-in-cloud` (no such object), `corrupt` (its bytes do not hash to its name; not kept).
 */
export type OriginalFetchErrorCode = 'offline' | 'signed-out' | 'not-in-cloud' | 'corrupt';

export class OriginalFetchError extends CodedError<OriginalFetchErrorCode> {}

export interface OriginalCacheDeps {
  readonly paths: LibraryPaths;
  /** The signed-in user's session, or null while signed out. */
  readonly session: () => CloudSession | null;
  /** The most the cache may hold, in bytes (the `originalsCacheMb` setting). */
  readonly budgetBytes: () => number;
  readonly retry?: RetryPolicy;
  readonly now?: () => number;
}

/** A file in the cache with when it was last used (its mtime, touched on every use). */
export interface CachedFile {
  readonly file: string;
  readonly size: number;
  readonly usedAt: number;
}

/** Downloads abandoned by a crash are swept after this long. */
const stalePartialMs = 24 * 60 * 60_000;

/**
 * Originals of photos imported on another device, fetched from the user's prefix through main
 * (the renderer never sees a URL or a credential), verified against their SHA-256, and kept in
 * `originals-cache/` under the size budget, least recently used evicted first.
 */
export class OriginalCache {
  private readonly fetching = new Map<string, Promise<string>>();

  constructor(private readonly deps: OriginalCacheDeps) {}

  /**
   * The local file holding the original, fetched first if it is not cached. One download per
   * photo however many ask at once. Throws OriginalFetchError when it cannot be had.
   */
  async get(sha256: string, format: string): Promise<string> {
    const file = cachedOriginalFile(this.deps.paths, sha256, format);
    if (await this.touch(file)) return file;
    let download = this.fetching.get(sha256);
    if (!download) {
      download = this.fetch(sha256, format, file).finally(() => this.fetching.delete(sha256));
      this.fetching.set(sha256, download);
    }
    return download;
  }

  private async fetch(sha256: string, format: string, file: string): Promise<string> {
    const session = this.deps.session();
    if (!session) {
      throw new OriginalFetchError(
        'signed-out',
        'This photo was imported on another device; sign in to fetch its original.',
      );
    }
    let key: string;
    try {
      key = originalKey(await session.identityId(), sha256, format);
    } catch (error) {
      throw this.failure(error, sha256);
    }
    await mkdir(dirname(file), { recursive: true });
    const partial = `${file}.${randomUUID()}.partial`;
    try {
      const digest = await withRetry(() => download(session, key, partial), {
        policy: this.deps.retry,
      });
      if (digest !== sha256) {
        throw new OriginalFetchError(
          'corrupt',
          `The cloud's copy of ${key} hashes to ${digest}, not ${sha256}; it was not kept.`,
        );
      }
      await rename(partial, file);
    } catch (error) {
      await rm(partial, { force: true });
      throw this.failure(error, key);
    }
    await this.evict(file);
    return file;
  }

  private failure(error: unknown, what: string): OriginalFetchError {
    if (error instanceof OriginalFetchError) return error;
    // A name no upload could have used is as absent as a missing object.
    if (isMissing(error) || error instanceof PhotoKeyError) {
      return new OriginalFetchError('not-in-cloud', `${what} is not in the cloud.`, {
        cause: error,
      });
    }
    return new OriginalFetchError(
      'offline',
      `The original could not be fetched: ${cloudErrorMessage(error)}`,
      { cause: error },
    );
  }

  /** Marks a cached file as just used; false when it is not cached. */
  private async touch(file: string): Promise<boolean> {
    const now = new Date(this.now());
    try {
      await utimes(file, now, now);
      return true;
    } catch {
      return false;
    }
  }

  /** Removes least recently used files until the cache fits its budget; `keep` stays. */
  private async evict(keep: string): Promise<void> {
    const files = await this.cachedFiles();
    const protectedFiles = new Set([keep]);
    const victims = chooseEvictions(files, this.deps.budgetBytes(), protectedFiles);
    // A file being sent right now is unlinked but stays readable to the open handle (POSIX).
    await Promise.all(victims.map((file) => rm(file, { force: true }).catch(() => undefined)));
  }

  private async cachedFiles(): Promise<CachedFile[]> {
    const root = this.deps.paths.originalsCache;
    const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
    const files: CachedFile[] = [];
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const file = join(entry.parentPath, entry.name);
      const info = await stat(file).catch(() => null);
      if (!info) continue;
      if (entry.name.endsWith('.partial')) {
        // In progress, or left by a crash: only the latter is swept.
        if (this.now() - info.mtimeMs > stalePartialMs) await rm(file, { force: true });
        continue;
      }
      files.push({ file, size: info.size, usedAt: info.mtimeMs });
    }
    return files;
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }
}

/** The files to delete, oldest use first, so the rest fit in `budget` bytes. Pure. */
export function chooseEvictions(
  files: readonly CachedFile[],
  budget: number,
  keep: ReadonlySet<string>,
): string[] {
  let total = files.reduce((sum, f) => sum + f.size, 0);
  const victims: string[] = [];
  const oldestFirst = [...files].sort(
    (a, b) => a.usedAt - b.usedAt || a.file.localeCompare(b.file),
  );
  for (const candidate of oldestFirst) {
    if (total <= budget) break;
    if (keep.has(candidate.file)) continue;
    victims.push(candidate.file);
    total -= candidate.size;
  }
  return victims;
}

/** Streams the object to `partial`, hashing on the way; answers the SHA-256 of what arrived. */
async function download(session: CloudSession, key: string, partial: string): Promise<string> {
  const { GetObjectCommand } = await s3Sdk();
  const got = await session.s3.send(new GetObjectCommand({ Bucket: session.bucket, Key: key }));
  if (!got.Body) throw new Error(`S3 sent no body for ${key}`);
  const hash = createHash('sha256');
  const hasher = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(got.Body as Readable, hasher, createWriteStream(partial));
  return hash.digest('hex');
}
