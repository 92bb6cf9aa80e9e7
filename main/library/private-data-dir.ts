import { chmodSync, existsSync, mkdirSync } from 'node:fs';

/** The umask hosts set at start, so every file (0600) and folder (0700) they create is owner-only. */
export const privateUmask = 0o077;

const ownerOnly = process.platform !== 'win32'; // NTFS ACLs already keep a user's profile private

/**
 * Makes the data folder owner-only (creating it if needed), also when an older Shoebox made it
 * with the default umask: another user of the computer can then neither list nor read anything
 * inside, whatever its own mode.
 */
export function makePrivateDataDir(root: string): void {
  mkdirSync(root, { recursive: true, mode: 0o700 });
  if (ownerOnly) chmodSync(root, 0o700);
}

/** Makes files that exist owner-only (0600): the catalog and its journal, which SQLite creates. */
export function makeFilesPrivate(files: readonly string[]): void {
  if (!ownerOnly) return;
  for (const file of files) if (existsSync(file)) chmodSync(file, 0o600);
}
