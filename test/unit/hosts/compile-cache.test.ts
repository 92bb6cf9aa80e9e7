import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCacheDir } from '../../../main/hosts/web/compile-cache';

describe('compileCacheDir', () => {
  it("is in the platform's place for this user's caches, never a shared temporary folder", () => {
    expect(compileCacheDir({ XDG_CACHE_HOME: '/home/ana/.cache' }, 'linux')).toBe(
      join('/home/ana/.cache', 'Shoebox', 'compile-cache'),
    );
    expect(compileCacheDir({}, 'linux')).toBe(
      join(homedir(), '.cache', 'Shoebox', 'compile-cache'),
    );
    expect(compileCacheDir({}, 'darwin')).toBe(
      join(homedir(), 'Library', 'Caches', 'Shoebox', 'compile-cache'),
    );
    expect(compileCacheDir({ LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' }, 'win32')).toBe(
      join('C:\\Users\\ana\\AppData\\Local', 'Shoebox', 'compile-cache'),
    );
  });
});
