/** The voice used until there is a voice picker. */
export const defaultVoiceId = 'Joanna';

/**
 * The greeting's words. Main sends them to Polly as plain text (TextType "text"), so markup in a
 * nickname is spoken literally; the page says the same words when it falls back to the system voice.
 */
export function greetingText(nickname: string): string {
  return `Hello, ${nickname}!`;
}
