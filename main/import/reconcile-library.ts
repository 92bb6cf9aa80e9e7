import { readdir, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { isSha256, type LibraryPaths } from '../library/library-paths';

/** What reconciling found: files left by a run that ended before their rows were written. */
export interface ReconcileReport {
  /** Half-written `*.partial` files, removed. */
  readonly partialsRemoved: number;
  /** Thumbnails of photos with neither a row nor an original, removed. */
  readonly thumbsRemoved: number;
  /** Originals with no row: to be imported again from where they are (adopted). */
  readonly orphanOriginals: readonly string[];
}

export interface ReconcileDeps {
  readonly paths: LibraryPaths;
  /** The sha256s the catalog has rows for that start with `prefix` (one library folder's). */
  readonly shasStartingWith: (prefix: string) => ReadonlySet<string>;
  /** Files changed at or after this (epoch ms) belong to this run and are left alone. */
  readonly startedAt: number;
}

/**
 * Files before rows (docs/reliability.md): an import writes the thumbnail, then the original,
 * then the row, so a crash can leave files without a row but never a row without its files.
 * At start (the library's lock held, so no other process is writing) this finds what a crash
 * left: partial files are removed, orphan originals are handed back for adoption, and orphan
 * thumbnails without an original are removed.
 */
export async function reconcileLibrary(deps: ReconcileDeps): Promise<ReconcileReport> {
  let partialsRemoved = 0;
  let thumbsRemoved = 0;
  const orphanOriginals: string[] = [];
  const hasPhoto = catalogLookup(deps.shasStartingWith);
  // Originals of an earlier run with no row; those with a row need no look at their times, so a
  // sound library costs a catalog lookup per file, not a stat (start-up at 100,000 photos).
  const originalShas = new Set<string>();
  for await (const file of filesUnder(deps.paths.originals)) {
    if (file.endsWith('.partial')) {
      if (!(await isFromEarlierRun(file, deps.startedAt))) continue;
      await rm(file, { force: true });
      partialsRemoved += 1;
      continue;
    }
    const sha256 = shaOf(file);
    if (!sha256 || hasPhoto(sha256)) continue; // not ours, or in the catalog
    if (!(await isFromEarlierRun(file, deps.startedAt))) continue;
    originalShas.add(sha256);
    orphanOriginals.push(file);
  }
  for await (const file of filesUnder(deps.paths.thumbs)) {
    if (file.endsWith('.partial')) {
      if (!(await isFromEarlierRun(file, deps.startedAt))) continue;
      await rm(file, { force: true });
      partialsRemoved += 1;
      continue;
    }
    const sha256 = shaOf(file);
    if (!sha256 || hasPhoto(sha256) || originalShas.has(sha256)) continue;
    if (!(await isFromEarlierRun(file, deps.startedAt))) continue;
    await rm(file, { force: true });
    thumbsRemoved += 1;
  }
  return { partialsRemoved, thumbsRemoved, orphanOriginals };
}

/**
 * Whether the catalog has a row for a sha256, asked one folder's worth (its first two digits) at
 * a time: the files come folder by folder, so a 100,000-photo library costs 256 range reads of
 * the index rather than 100,000 lookups. A row added meanwhile is missed, which is safe: its
 * files are this run's, and the time check leaves them alone.
 */
function catalogLookup(
  shasStartingWith: (prefix: string) => ReadonlySet<string>,
): (sha256: string) => boolean {
  let prefix: string | null = null;
  let known: ReadonlySet<string> = new Set();
  return (sha256) => {
    const wanted = sha256.slice(0, 2);
    if (wanted !== prefix) {
      prefix = wanted;
      known = shasStartingWith(wanted);
    }
    return known.has(sha256);
  };
}

/** `<sha256>.<ext>` → the sha256; null for any other name. */
function shaOf(file: string): string | null {
  const name = basename(file);
  const stem = name.slice(0, name.indexOf('.'));
  return isSha256(stem) ? stem : null;
}

async function isFromEarlierRun(file: string, startedAt: number): Promise<boolean> {
  try {
    return (await stat(file)).mtimeMs < startedAt;
  } catch {
    return false; // gone meanwhile
  }
}

/**
 * Files one folder level down (`ab/<sha>.<ext>`), as the library lays them out, a folder at a
 * time: the caller's work between folders lets requests in (it runs while the app starts).
 */
async function* filesUnder(root: string): AsyncGenerator<string> {
  let shards;
  try {
    shards = await readdir(root, { withFileTypes: true });
  } catch {
    return; // no such folder yet
  }
  for (const shard of shards) {
    if (!shard.isDirectory()) continue;
    const folder = join(root, shard.name);
    for (const entry of await readdir(folder, { withFileTypes: true }).catch(() => [])) {
      if (entry.isFile()) yield join(folder, entry.name);
    }
  }
}
