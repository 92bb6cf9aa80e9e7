import { spawnSync } from 'node:child_process';
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibraryLockedError, lockFileName, lockLibrary } from '../../../main/library/library-lock';
import { tempDir } from '../../support/temp-dir';

describe('lockLibrary', () => {
  let dir: { path: string; remove(): Promise<void> };
  beforeEach(async () => (dir = await tempDir('lock-unit')));
  afterEach(() => dir.remove());

  const lockFile = () => join(dir.path, lockFileName);
  const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid ?? 0;

  it('refuses a second lock on the same folder, naming the holder, until the first is released', () => {
    const first = lockLibrary(dir.path);
    expect(() => lockLibrary(dir.path)).toThrow(LibraryLockedError);
    expect(() => lockLibrary(dir.path)).toThrow(`process ${process.pid}`);
    first.release();
    lockLibrary(dir.path).release();
  });

  it('takes over a lock whose process is gone', () => {
    const pid = deadPid();
    writeFileSync(lockFile(), JSON.stringify({ pid, host: hostname(), nonce: 'old' }));
    const lock = lockLibrary(dir.path);
    expect(JSON.parse(readFileSync(lockFile(), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('takes over a lock whose pid was recycled by another process', () => {
    // Our own pid, but a different process start time: the pid was reused after the holder died.
    const record = { pid: process.pid, host: hostname(), nonce: 'old', processStart: '1' };
    writeFileSync(lockFile(), JSON.stringify(record));
    lockLibrary(dir.path).release();
  });

  it('treats an unreadable lock as held while it is fresh, as stale once old', () => {
    writeFileSync(lockFile(), '');
    expect(() => lockLibrary(dir.path)).toThrow(LibraryLockedError);
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockFile(), old, old);
    lockLibrary(dir.path).release();
  });

  it('release never removes a lock another process took over', () => {
    const lock = lockLibrary(dir.path);
    writeFileSync(lockFile(), JSON.stringify({ pid: 1, host: hostname(), nonce: 'theirs' }));
    lock.release();
    expect(JSON.parse(readFileSync(lockFile(), 'utf8')).nonce).toBe('theirs');
  });
});
