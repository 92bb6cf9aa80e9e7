import type { SettingsRepository } from '../catalog/settings-repository';
import { AppError } from '../model/app-error';
import { parseShoeboxConfig, type ShoeboxConfig } from '../config/shoebox-config';

const settingKey = 'cloud.config';

/** A config given at start (`--config`, SHOEBOX_CONFIG) wins; otherwise the one imported in the app. */
export function storedCloudConfig(settings: SettingsRepository): ShoeboxConfig | null {
  const text = settings.get(settingKey);
  if (!text) return null;
  try {
    const parsed = parseShoeboxConfig(JSON.parse(text));
    return parsed.ok ? parsed.value : null;
  } catch {
    return null;
  }
}

/** Validates a config file's text as the person imports it; every problem is named. */
export function importCloudConfig(settings: SettingsRepository, text: string): ShoeboxConfig {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new AppError('invalid-request', `That file is not JSON (${(error as Error).message}).`);
  }
  const parsed = parseShoeboxConfig(json);
  if (!parsed.ok) {
    const count = parsed.errors.length;
    throw new AppError(
      'invalid-request',
      `That config has ${count === 1 ? 'a problem' : `${count} problems`}.`,
      parsed.errors,
    );
  }
  settings.set(settingKey, JSON.stringify(json));
  return parsed.value;
}
