import { defaultVoiceId } from '../../contract/voice';
import type { SettingsRepository } from '../catalog/settings-repository';

const settingKey = 'voice.id';

/** The greeting's voice as the person picked it, kept in the catalog settings (JSON text). */
export class VoiceSelection {
  constructor(private readonly settings: SettingsRepository) {}

  get(): string {
    const text = this.settings.get(settingKey);
    if (text === null) return defaultVoiceId;
    try {
      const value: unknown = JSON.parse(text);
      return typeof value === 'string' && value.length > 0 ? value : defaultVoiceId;
    } catch {
      return defaultVoiceId;
    }
  }

  set(voiceId: string): void {
    this.settings.set(settingKey, JSON.stringify(voiceId));
  }
}
