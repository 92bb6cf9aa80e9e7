import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

/**
 * A small tmpfs mounted at `folder`, for tests of full and read-only disks. Null where this
 * process may not mount (not root, no CAP_SYS_ADMIN): the caller skips, saying why.
 */
export function mountScratch(folder: string, sizeBytes: number): ScratchMount | null {
  mkdirSync(folder, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes}`, 'tmpfs', folder], {
      stdio: 'ignore',
    });
  } catch {
    return null;
  }
  return {
    readOnly: () => execFileSync('mount', ['-o', 'remount,ro', folder], { stdio: 'ignore' }),
    writable: () => execFileSync('mount', ['-o', 'remount,rw', folder], { stdio: 'ignore' }),
    unmount: () => execFileSync('umount', ['-l', folder], { stdio: 'ignore' }),
  };
}

export interface ScratchMount {
  readOnly(): void;
  writable(): void;
  unmount(): void;
}

export const cannotMountMessage =
  'skipped: this process may not mount a tmpfs (run as root, or with CAP_SYS_ADMIN, to include it)';
