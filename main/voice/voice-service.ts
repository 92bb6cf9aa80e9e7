import { access } from 'node:fs/promises';
import type { Greeting } from '../../contract/channels';
import { mediaPath } from '../../contract/media';
import { defaultVoiceId, greetingText, type VoiceList } from '../../contract/voice';
import { AppError } from '../model/app-error';
import { writeContentAddressed } from '../library/store-photo-files';
import { voiceFile } from '../library/library-paths';
import type { SpeechSynthesizer } from './speech-synthesizer';
import { enginePreference, pickEngine, voiceCacheKey } from './voice-choice';

export interface VoiceServiceDeps {
  readonly speech: SpeechSynthesizer;
  /** The signed-in user's nickname; null when signed out. */
  readonly nickname: () => string | null;
  /** Where synthesized audio is kept (`<dataDir>/voice`). */
  readonly voiceDir: string;
  /** The voice to speak with; a function so a voice picker can change it later. */
  readonly voiceId?: () => string;
}

/**
 * The spoken greeting: "Hello, <nickname>!" with the best engine the voice supports, kept on disk
 * by voice, engine and text so a greeting heard once is replayed with no call, even offline.
 */
export class VoiceService {
  /** One synthesis per phrase at a time: a double click must not pay Polly twice. */
  private readonly pending = new Map<string, Promise<Greeting>>();

  constructor(private readonly deps: VoiceServiceDeps) {}

  async greet(): Promise<Greeting> {
    const nickname = this.deps.nickname();
    if (nickname === null) throw new AppError('not-configured', 'Sign in to hear your greeting.');
    const voiceId = this.voiceId();
    const text = greetingText(nickname);
    const phrase = `${voiceId}|${text}`;
    let greeting = this.pending.get(phrase);
    if (!greeting) {
      greeting = this.findOrSynthesize(voiceId, text).finally(() => this.pending.delete(phrase));
      this.pending.set(phrase, greeting);
    }
    return greeting;
  }

  /** Every voice, by language then name, and the one the greeting uses; offline with no list fails. */
  async voices(): Promise<VoiceList> {
    const voices = [...(await this.deps.speech.listVoices())].sort(
      (a, b) => a.languageName.localeCompare(b.languageName) || a.name.localeCompare(b.name),
    );
    return { voices, selected: this.voiceId() };
  }

  dispose(): void {
    this.deps.speech.dispose();
  }

  private voiceId(): string {
    return this.deps.voiceId?.() ?? defaultVoiceId;
  }

  private async findOrSynthesize(voiceId: string, text: string): Promise<Greeting> {
    // The cache is looked up before asking Polly which engines the voice has, so a replay costs
    // no call at all, even after a restart, when that answer is no longer in memory.
    const cached = await this.findCached(voiceId, text);
    if (cached) return { mediaPath: mediaPath.voice(cached), cached: true };
    const engine = pickEngine(await this.deps.speech.supportedEngines(voiceId));
    if (!engine) {
      throw new AppError(
        'speech-failed',
        `Polly's voice ${voiceId} offers none of the engines Shoebox uses (${enginePreference.join(', ')}).`,
      );
    }
    const audio = await this.deps.speech.synthesizeMp3({ voiceId, engine, text });
    if (audio.length === 0) throw new AppError('speech-failed', 'Polly answered with no audio.');
    const key = voiceCacheKey(voiceId, engine, text);
    await writeContentAddressed(voiceFile(this.deps.voiceDir, key), audio);
    return { mediaPath: mediaPath.voice(key), cached: false };
  }

  /** The cached key for this phrase, best engine first; files only ever appear whole (renamed in). */
  private async findCached(voiceId: string, text: string): Promise<string | null> {
    for (const engine of enginePreference) {
      const key = voiceCacheKey(voiceId, engine, text);
      if (await exists(voiceFile(this.deps.voiceDir, key))) return key;
    }
    return null;
  }
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
