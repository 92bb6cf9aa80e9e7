import type { VoiceOption } from '../../contract/voice';
import type { GreetingEngine } from './voice-choice';

/** What the voice service needs from a speech service; Polly in the app, a fake in unit tests. */
export interface SpeechSynthesizer {
  /** The engines `voiceId` supports; `[]` for a voice the service does not know. */
  supportedEngines(voiceId: string): Promise<readonly string[]>;
  /** Every voice the service offers, with its language and engines. */
  listVoices(): Promise<readonly VoiceOption[]>;
  /** MP3 audio of `text` said as plain text (never parsed as SSML). */
  synthesizeMp3(request: {
    readonly voiceId: string;
    readonly engine: GreetingEngine;
    readonly text: string;
  }): Promise<Uint8Array>;
  dispose(): void;
}
