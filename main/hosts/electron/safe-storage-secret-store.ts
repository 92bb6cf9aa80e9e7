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
  // The store is chosen synchronously at start-up (the async check would need the app ready);
  // the secret itself goes through the asynchronous encryptor below.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
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
        return (await safeStorage.decryptStringAsync(await readFile(file))).result;
      } catch {
        return null;
      }
    },
    async save(secret) {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, await safeStorage.encryptStringAsync(secret), { mode: 0o600 });
    },
    async clear() {
      await rm(file, { force: true });
    },
  };
}
