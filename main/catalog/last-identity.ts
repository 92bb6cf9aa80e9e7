import type { SettingsRepository } from './settings-repository';

const lastIdentityKey = 'cloud.lastIdentityId';

/**
 * The Cognito identity id of the last cloud session used with this library. Deleting photos
 * while signed out (or offline before the credentials come) still knows whose prefix holds them.
 */
export class LastIdentity {
  constructor(private readonly settings: SettingsRepository) {}

  get(): string | null {
    const text = this.settings.get(lastIdentityKey);
    if (text === null) return null;
    try {
      const value: unknown = JSON.parse(text);
      return typeof value === 'string' ? value : null;
    } catch {
      return null;
    }
  }

  remember(identityId: string): void {
    if (this.get() !== identityId) this.settings.set(lastIdentityKey, JSON.stringify(identityId));
  }
}
