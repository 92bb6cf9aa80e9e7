import { safeStorage } from 'electron';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { MemorySecretStore, type SecretStore } from '../../auth/secret-store';

/**
 * The refresh token sealed by the OS keychain through safeStorage. On Linux without a secret
 * service, safeStorage falls back to `basic_text` (a fixed key, no protection): then the
 * session stays in memory and the UI says why (docs/architecture.md).
 */
export function keychainSecretStore(file: string): SecretStore {
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  if (!safeStorage.isEncryptionAvailable() || backend === 'basic_text' || backend === 'unknown') {
    return new MemorySecretStore(
      'This computer has no keychain Shoebox can use to protect your session, so you will sign in again after quitting.',
    );
  }
  return {
    persistence: 'keychain',
    caveat: null,
    async load() {
      try {
        return safeStorage.decryptString(await readFile(file));
      } catch {
        return null;
      }
    },
    async save(secret) {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, safeStorage.encryptString(secret), { mode: 0o600 });
    },
    async clear() {
      await rm(file, { force: true });
    },
  };
}
