/**
 * The Polly stand-in's voice table (test code, never shipped). A SUBSET of Polly's real voices,
 * with the engines each supported when this was written, from memory of the Polly voice list;
 * AWS adds engines to voices over time, so treat the exact engine sets as approximate.
 * What matters for tests is the rule the real service enforces: a voice/engine pair the voice
 * does not support fails (EngineNotSupportedException) rather than falling back.
 */

export const ENGINES = ['standard', 'neural', 'long-form', 'generative'] as const;
export type Engine = (typeof ENGINES)[number];

export interface Voice {
  readonly Id: string;
  readonly Name: string;
  readonly Gender: 'Female' | 'Male';
  readonly LanguageCode: string;
  readonly LanguageName: string;
  readonly SupportedEngines: readonly Engine[];
}

const v = (
  Id: string,
  Name: string,
  Gender: Voice['Gender'],
  LanguageCode: string,
  LanguageName: string,
  SupportedEngines: Engine[],
): Voice => ({
  Id,
  Name,
  Gender,
  LanguageCode,
  LanguageName,
  SupportedEngines,
});

export const VOICES: readonly Voice[] = [
  v('Joanna', 'Joanna', 'Female', 'en-US', 'US English', [
    'standard',
    'neural',
    'long-form',
    'generative',
  ]),
  v('Matthew', 'Matthew', 'Male', 'en-US', 'US English', ['standard', 'neural', 'generative']),
  v('Ivy', 'Ivy', 'Female', 'en-US', 'US English', ['standard', 'neural']),
  v('Kevin', 'Kevin', 'Male', 'en-US', 'US English', ['neural']),
  v('Danielle', 'Danielle', 'Female', 'en-US', 'US English', ['neural', 'long-form', 'generative']),
  v('Ruth', 'Ruth', 'Female', 'en-US', 'US English', ['neural', 'long-form', 'generative']),
  v('Brian', 'Brian', 'Male', 'en-GB', 'British English', ['standard', 'neural']),
  v('Emma', 'Emma', 'Female', 'en-GB', 'British English', ['standard', 'neural']),
  v('Amy', 'Amy', 'Female', 'en-GB', 'British English', ['standard', 'neural', 'generative']),
  v('Hans', 'Hans', 'Male', 'de-DE', 'German', ['standard']),
  v('Marlene', 'Marlene', 'Female', 'de-DE', 'German', ['standard']),
  v('Vicki', 'Vicki', 'Female', 'de-DE', 'German', ['standard', 'neural']),
  v('Lea', 'Léa', 'Female', 'fr-FR', 'French', ['standard', 'neural']),
  v('Celine', 'Céline', 'Female', 'fr-FR', 'French', ['standard']),
  v('Mathieu', 'Mathieu', 'Male', 'fr-FR', 'French', ['standard']),
  v('Takumi', 'Takumi', 'Male', 'ja-JP', 'Japanese', ['standard', 'neural']),
  v('Mizuki', 'Mizuki', 'Female', 'ja-JP', 'Japanese', ['standard']),
];

export function findVoice(id: string): Voice | undefined {
  return VOICES.find((voice) => voice.Id === id);
}

export function isEngine(value: unknown): value is Engine {
  return typeof value === 'string' && (ENGINES as readonly string[]).includes(value);
}
