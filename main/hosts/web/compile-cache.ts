import { mkdirSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** This user's cache folder for Shoebox's compiled code (the platform's place for caches). */
export function compileCacheDir(env = process.env, platform = process.platform): string {
  if (platform === 'win32') {
    return join(
      env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'),
      'Shoebox',
      'compile-cache',
    );
  }
  if (platform === 'darwin')
    return join(homedir(), 'Library', 'Caches', 'Shoebox', 'compile-cache');
  return join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'Shoebox', 'compile-cache');
}

/**
 * Turns on Node's compile cache in `compileCacheDir()`, owner-only: the host's modules and
 * packages are compiled from V8's cached code after the first start, not from their source
 * (docs/architecture.md, "Start-up"). Any failure leaves Node compiling as usual.
 */
export function useCompileCache(): void {
  try {
    const dir = compileCacheDir();
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    enableCompileCache(dir);
  } catch {
    // A cache that cannot be made only costs the time it would have saved.
  }
}
