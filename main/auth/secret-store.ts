import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Where the session's refresh token is kept between runs (a port; each host provides one). */
export interface SecretStore {
  /** keychain: sealed by the OS; file: a private file, not encrypted; memory: forgotten on quit. */
  readonly persistence: 'keychain' | 'file' | 'memory';
  /** Why the session is not sealed by the OS, shown to the user; null when it is. */
  readonly caveat: string | null;
  load(): Promise<string | null>;
  save(secret: string): Promise<void>;
  clear(): Promise<void>;
}

export class MemorySecretStore implements SecretStore {
  readonly persistence = 'memory';
  private secret: string | null = null;
  constructor(readonly caveat: string | null) {}
  async load() {
    return this.secret;
  }
  async save(secret: string) {
    this.secret = secret;
  }
  async clear() {
    this.secret = null;
  }
}

/**
 * The browser host has no OS keychain: it keeps the session in a file only its user can read
 * (mode 0600), and says so in the UI. The desktop app seals it with safeStorage instead.
 */
export class FileSecretStore implements SecretStore {
  readonly persistence = 'file';
  readonly caveat =
    'The browser host keeps your session in a private file in the library folder, not in the OS keychain.';
  constructor(private readonly file: string) {}
  async load() {
    try {
      return await readFile(this.file, 'utf8');
    } catch {
      return null;
    }
  }
  async save(secret: string) {
    await mkdir(dirname(this.file), { recursive: true });
    await writeFile(this.file, secret, { mode: 0o600 });
    await chmod(this.file, 0o600);
  }
  async clear() {
    await rm(this.file, { force: true });
  }
}
