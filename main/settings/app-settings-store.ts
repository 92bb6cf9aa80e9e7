import { defaultSettings, type AppSettings } from '../../contract/settings';
import { settingsPatchRequest } from '../../contract/schemas';
import type { SettingsRepository } from '../catalog/settings-repository';

const settingsKey = 'app.settings';

/**
 * The person's settings over the catalog's settings table, with defaults for anything unset.
 * A stored value that no longer validates (an older or hand-edited catalog) is ignored field by
 * field, so one bad value never costs the others. Read once and then kept (every grid page asks
 * for the minimum confidence): keep one store per catalog, since changes go through `update`.
 */
export class AppSettingsStore {
  private readonly listeners = new Set<(settings: AppSettings) => void>();
  private current: AppSettings | null = null;

  constructor(private readonly repository: SettingsRepository) {}

  get(): AppSettings {
    this.current ??= this.read();
    return this.current;
  }

  private read(): AppSettings {
    const text = this.repository.get(settingsKey);
    if (!text) return defaultSettings;
    let stored: unknown;
    try {
      stored = JSON.parse(text);
    } catch {
      return defaultSettings;
    }
    const valid: Partial<AppSettings> = {};
    if (stored && typeof stored === 'object') {
      for (const [key, value] of Object.entries(stored as Record<string, unknown>)) {
        const one = settingsPatchRequest.safeParse({ [key]: value });
        if (one.success) Object.assign(valid, one.data);
      }
    }
    return { ...defaultSettings, ...valid };
  }

  /** Applies an already validated patch; answers every setting. */
  update(patch: Partial<AppSettings>): AppSettings {
    const next = { ...this.get(), ...patch };
    this.repository.set(settingsKey, JSON.stringify(next));
    this.current = next;
    for (const listener of this.listeners) listener(next);
    return next;
  }

  onChange(listener: (settings: AppSettings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
