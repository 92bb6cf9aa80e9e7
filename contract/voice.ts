/** The voice used until there is a voice picker. */
export const defaultVoiceId = 'Joanna';

/**
 * The greeting's words. Main sends them to Polly as plain text (TextType "text"), so markup in a
 * nickname is spoken literally; the page says the same words when it falls back to the system voice.
 */
export function greetingText(nickname: string): string {
  return `Hello, ${nickname}!`;
}

/** Polly's engines, in the order Shoebox prefers them (long-form is never used for a greeting). */
export const voiceEngines = ['generative', 'neural', 'standard', 'long-form'] as const;
export type VoiceEngine = (typeof voiceEngines)[number];

/** One voice as DescribeVoices lists it, for the voice picker. */
export interface VoiceOption {
  readonly id: string;
  readonly name: string;
  readonly languageCode: string;
  readonly languageName: string;
  /** The engines the voice supports, in `voiceEngines` order. */
  readonly engines: readonly VoiceEngine[];
}

export interface VoiceList {
  readonly voices: readonly VoiceOption[];
  /** The voice the greeting uses now. */
  readonly selected: string;
}
