import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { greetingText } from '../../../contract/voice';
import { pickEngine, voiceCacheKey } from '../../../main/voice/voice-choice';

describe('pickEngine', () => {
  it('takes the best engine the voice supports: generative, then neural, then standard', () => {
    expect(pickEngine(['standard', 'neural', 'long-form', 'generative'])).toBe('generative');
    expect(pickEngine(['neural', 'standard'])).toBe('neural');
    expect(pickEngine(['standard'])).toBe('standard');
    expect(pickEngine(['neural', 'long-form'])).toBe('neural');
  });

  it('never picks long-form or an engine it does not know, and says so with null', () => {
    expect(pickEngine(['long-form'])).toBeNull();
    expect(pickEngine(['hyperreal'])).toBeNull();
    expect(pickEngine([])).toBeNull();
  });
});

describe('voiceCacheKey', () => {
  it('is the SHA-256 of voice, engine and text', () => {
    const expected = createHash('sha256').update('Joanna|neural|Hello, Ana!').digest('hex');
    expect(voiceCacheKey('Joanna', 'neural', 'Hello, Ana!')).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs when any of the three differs', () => {
    const keys = new Set([
      voiceCacheKey('Joanna', 'neural', 'Hello, Ana!'),
      voiceCacheKey('Matthew', 'neural', 'Hello, Ana!'),
      voiceCacheKey('Joanna', 'standard', 'Hello, Ana!'),
      voiceCacheKey('Joanna', 'neural', 'Hello, Ann!'),
    ]);
    expect(keys.size).toBe(4);
  });

  it('hashes text as UTF-8, so accents and emoji key their own audio', () => {
    expect(voiceCacheKey('Lea', 'neural', greetingText('Zoë 🎉'))).not.toBe(
      voiceCacheKey('Lea', 'neural', greetingText('Zoe 🎉')),
    );
  });
});

describe('greetingText', () => {
  it('keeps the nickname exactly as written; it is sent as plain text, never SSML', () => {
    expect(greetingText('O\'Brien <&> "Q"')).toBe('Hello, O\'Brien <&> "Q"!');
  });
});
