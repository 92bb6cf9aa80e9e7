import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../main/model/app-error';
import type { SpeechSynthesizer } from '../../../main/voice/speech-synthesizer';
import { voiceCacheKey } from '../../../main/voice/voice-choice';
import { VoiceService } from '../../../main/voice/voice-service';
import { tempDir } from '../../support/temp-dir';

const mp3 = Uint8Array.of(0xff, 0xfb, 0x90, 0x00);

function fakeSpeech(engines: Record<string, string[]>) {
  return {
    supportedEngines: vi.fn(async (voiceId: string) => engines[voiceId] ?? []),
    listVoices: vi.fn(async () => []),
    synthesizeMp3: vi.fn(async () => mp3),
    dispose: vi.fn(),
  } satisfies SpeechSynthesizer;
}

describe('VoiceService', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    dir = await tempDir('voice-unit');
  });
  afterEach(async () => {
    await dir.remove();
  });

  const service = (
    speech: SpeechSynthesizer,
    nickname: string | null = 'Ana',
    voiceId = 'Joanna',
  ) =>
    new VoiceService({
      speech,
      nickname: () => nickname,
      voiceDir: dir.path,
      voiceId: () => voiceId,
    });

  it('synthesizes once with the best engine, then answers from the cache', async () => {
    const speech = fakeSpeech({ Joanna: ['standard', 'neural', 'long-form'] });
    const voice = service(speech);
    const key = voiceCacheKey('Joanna', 'neural', 'Hello, Ana!');
    expect(await voice.greet()).toEqual({ mediaPath: `voice/${key}`, cached: false });
    expect(speech.synthesizeMp3).toHaveBeenCalledWith({
      voiceId: 'Joanna',
      engine: 'neural',
      text: 'Hello, Ana!',
    });
    expect(await readFile(join(dir.path, `${key}.mp3`))).toEqual(Buffer.from(mp3));
    expect(await voice.greet()).toEqual({ mediaPath: `voice/${key}`, cached: true });
    expect(speech.synthesizeMp3).toHaveBeenCalledTimes(1);
  });

  it('answers a cached greeting without asking the speech service anything, even when it is down', async () => {
    await service(fakeSpeech({ Joanna: ['standard'] })).greet();
    const down = fakeSpeech({});
    down.supportedEngines.mockRejectedValue(new AppError('offline', 'down'));
    expect((await service(down).greet()).cached).toBe(true);
    expect(down.supportedEngines).not.toHaveBeenCalled();
  });

  it('shares one synthesis between greetings asked at the same time', async () => {
    const speech = fakeSpeech({ Joanna: ['neural'] });
    const voice = service(speech);
    const [a, b] = await Promise.all([voice.greet(), voice.greet()]);
    expect(a).toEqual(b);
    expect(speech.synthesizeMp3).toHaveBeenCalledTimes(1);
  });

  it('refuses when signed out and when the voice has no usable engine', async () => {
    await expect(service(fakeSpeech({}), null).greet()).rejects.toMatchObject({
      code: 'not-configured',
    });
    const longFormOnly = fakeSpeech({ Joanna: ['long-form'] });
    await expect(service(longFormOnly).greet()).rejects.toMatchObject({ code: 'speech-failed' });
    expect(longFormOnly.synthesizeMp3).not.toHaveBeenCalled();
  });
});
