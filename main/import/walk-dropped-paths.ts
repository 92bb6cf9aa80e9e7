import { opendir, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename, join } from 'node:path';
import { isInside } from '../library/library-paths';
import { ImportFileError, openFailureMessage } from './import-failure';

export type WalkedItem =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'failure'; readonly path: string; readonly error: ImportFileError };

/** Names operating systems leave in photo folders; never worth an error line. */
const ignoredNames = new Set(['thumbs.db', 'desktop.ini', 'icon\r']);

function isIgnored(name: string): boolean {
  return name.startsWith('.') || ignoredNames.has(name.toLowerCase());
}

/**
 * Lists the files inside what a person dropped or picked. Each dropped path is a root:
 * a dropped link is followed once (the person chose it), but links found inside a dropped
 * folder are never followed, so nothing outside the dropped tree is read. Links that point
 * back inside are skipped silently (their target is imported where it really is).
 */
export async function* walkDroppedPaths(
  roots: readonly string[],
  signal: AbortSignal,
): AsyncGenerator<WalkedItem> {
  for (const root of roots) {
    if (signal.aborted) return;
    let rootReal: string;
    let rootStats: Stats;
    try {
      rootReal = await realpath(root);
      rootStats = await stat(rootReal);
    } catch (error) {
      const gone = (error as NodeJS.ErrnoException).code === 'ENOENT';
      yield gone
        ? failure(root, 'not-found', 'This file or folder no longer exists.')
        : failure(root, 'unreadable', openFailureMessage(error, 'file'));
      continue;
    }
    if (rootStats.isDirectory()) {
      yield* walkDirectory(rootReal, rootReal, signal);
    } else if (rootStats.isFile()) {
      yield { kind: 'file', path: rootReal };
    } else {
      yield specialFile(root);
    }
  }
}

async function* walkDirectory(
  dir: string,
  rootReal: string,
  signal: AbortSignal,
): AsyncGenerator<WalkedItem> {
  let handle;
  try {
    handle = await opendir(dir);
  } catch (error) {
    yield failure(dir, 'unreadable', openFailureMessage(error, 'folder'));
    return;
  }
  const subdirectories: string[] = [];
  const files: string[] = [];
  for await (const entry of handle) {
    if (isIgnored(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) subdirectories.push(path);
    else if (entry.isFile()) files.push(path);
    else if (entry.isSymbolicLink()) {
      const outside = await linkLeavesTree(path, rootReal);
      if (outside) yield failure(path, 'link-outside-drop', outsideLinkMessage);
    } else yield specialFile(path);
  }
  files.sort();
  for (const path of files) yield { kind: 'file', path };
  subdirectories.sort();
  for (const sub of subdirectories) {
    if (signal.aborted) return;
    yield* walkDirectory(sub, rootReal, signal);
  }
}

const outsideLinkMessage =
  'This is a link to something outside the folder you dropped; Shoebox does not follow it.';

async function linkLeavesTree(path: string, rootReal: string): Promise<boolean> {
  try {
    return !isInside(rootReal, await realpath(path));
  } catch {
    return true; // A dangling link: nothing inside the tree to import either way.
  }
}

function specialFile(path: string): WalkedItem {
  return failure(
    path,
    'special-file',
    `“${basename(path)}” is not a regular file (a device, pipe or socket).`,
  );
}

function failure(path: string, reason: ImportFileError['code'], message: string): WalkedItem {
  return { kind: 'failure', path, error: new ImportFileError(reason, message) };
}
