import { createHash } from 'node:crypto';

/** The engines Shoebox will ask for, best first. Long-form is for long reads, not a greeting. */
export const enginePreference = ['generative', 'neural', 'standard'] as const;
export type GreetingEngine = (typeof enginePreference)[number];

/**
 * The best engine `supported` offers, or null when it offers none Shoebox uses. Polly refuses an
 * unsupported voice/engine pair (EngineNotSupportedException) instead of falling back, so the
 * choice is made here from what DescribeVoices said.
 */
export function pickEngine(supported: readonly string[]): GreetingEngine | null {
  return enginePreference.find((engine) => supported.includes(engine)) ?? null;
}

/** The cache key of one synthesized phrase: the same voice, engine and words give the same audio. */
export function voiceCacheKey(voiceId: string, engine: GreetingEngine, text: string): string {
  return createHash('sha256').update(`${voiceId}|${engine}|${text}`, 'utf8').digest('hex');
}
