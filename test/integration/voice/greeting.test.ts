import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ShoeboxConfig } from '../../../main/config/shoebox-config';
import { createServices } from '../../../main/services';
import { createVoiceService } from '../../../main/voice/create-voice-service';
import type { VoiceService } from '../../../main/voice/voice-service';
import { configFor, startLocalCloud, type LocalCloud } from '../../local-cloud/start-local-cloud';
import { closedPort } from '../../support/closed-port';
import { tempDir } from '../../support/temp-dir';
import { failureOf, mintIdToken } from './voice-fixture';
import { mp3Frames } from '../local-cloud/mp3-frames';

const nickname = 'O\'Brien <&> "Q"';

describe('the spoken greeting, against the local cloud', () => {
  let cloud: LocalCloud;
  let config: ShoeboxConfig;
  let idToken: string;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  const made: VoiceService[] = [];

  beforeAll(async () => {
    cloud = await startLocalCloud();
    config = configFor(cloud);
    idToken = await mintIdToken(cloud, nickname);
  });
  afterAll(async () => {
    await cloud.stop();
  });
  beforeEach(async () => {
    dir = await tempDir('voice');
  });
  afterEach(async () => {
    for (const voice of made.splice(0)) voice.dispose();
    await dir.remove();
  });

  function voiceService(
    options: { voiceId?: string; cfg?: ShoeboxConfig; who?: string | null; voiceDir?: string } = {},
  ): VoiceService {
    const voice = createVoiceService({
      config: options.cfg ?? config,
      idToken: async () => idToken,
      nickname: () => (options.who === undefined ? nickname : options.who),
      voiceDir: options.voiceDir ?? join(dir.path, 'voice'),
      voiceId: () => options.voiceId ?? 'Joanna',
    });
    made.push(voice);
    return voice;
  }

  async function offlineConfig(): Promise<ShoeboxConfig> {
    return {
      ...config,
      endpoints: { ...config.endpoints, polly: `http://127.0.0.1:${await closedPort()}` },
    };
  }

  it('synthesizes once as plain text, writes a real MP3, and replays it with no call', async () => {
    const voice = voiceService();
    const before = cloud.polly.knobs.synthesized;
    const first = await voice.greet();
    expect(first.cached).toBe(false);
    expect(first.mediaPath).toMatch(/^voice\/[0-9a-f]{64}$/);
    expect(cloud.polly.knobs.synthesized).toBe(before + 1);
    expect(cloud.polly.knobs.lastRequest).toMatchObject({
      text: 'Hello, O\'Brien <&> "Q"!',
      textType: 'text',
      voiceId: 'Joanna',
      outputFormat: 'mp3',
    });

    const bytes = await readFile(join(dir.path, 'voice', `${first.mediaPath.slice(6)}.mp3`));
    expect(bytes[0]).toBe(0xff);
    expect(bytes[1]! & 0xe0).toBe(0xe0);
    expect(mp3Frames(bytes).durationMs).toBeGreaterThan(500);

    const calls = cloud.polly.knobs.calls;
    expect(await voice.greet()).toEqual({ mediaPath: first.mediaPath, cached: true });
    expect(await voiceService().greet()).toEqual({ mediaPath: first.mediaPath, cached: true });
    expect(cloud.polly.knobs.calls).toBe(calls);
  });

  it('picks the best engine each voice supports and never asks for one it lacks', async () => {
    await voiceService().greet();
    // The stand-in lists Joanna with standard, neural, long-form and generative.
    expect(cloud.polly.knobs.lastRequest).toMatchObject({
      voiceId: 'Joanna',
      engine: 'generative',
    });
    await voiceService({ voiceId: 'Ivy' }).greet();
    expect(cloud.polly.knobs.lastRequest).toMatchObject({ voiceId: 'Ivy', engine: 'neural' });
    await voiceService({ voiceId: 'Hans' }).greet();
    expect(cloud.polly.knobs.lastRequest).toMatchObject({ voiceId: 'Hans', engine: 'standard' });
  });

  it('asks DescribeVoices once per service, not once per greeting', async () => {
    let who = 'Ana';
    const voice = createVoiceService({
      config,
      idToken: async () => idToken,
      nickname: () => who,
      voiceDir: join(dir.path, 'voice'),
    });
    made.push(voice);
    const calls = cloud.polly.knobs.calls;
    await voice.greet();
    expect(cloud.polly.knobs.calls).toBe(calls + 2); // DescribeVoices, SynthesizeSpeech
    who = 'Bea';
    expect((await voice.greet()).cached).toBe(false);
    expect(cloud.polly.knobs.calls).toBe(calls + 3); // SynthesizeSpeech only
  });

  it('offline: a cached greeting still answers; an uncached one is refused as offline', async () => {
    const first = await voiceService().greet();
    const offline = await offlineConfig();
    const calls = cloud.polly.knobs.calls;
    expect(await voiceService({ cfg: offline }).greet()).toEqual({
      mediaPath: first.mediaPath,
      cached: true,
    });

    const failure = await failureOf(voiceService({ cfg: offline, who: 'Someone new' }).greet());
    expect(failure.code).toBe('offline');
    expect(failure.message).toMatch(/Polly can't be reached/);
    expect(cloud.polly.knobs.calls).toBe(calls);
  });

  it('refuses a signed-out greeting, even with audio cached', async () => {
    await voiceService().greet();
    const failure = await failureOf(voiceService({ who: null }).greet());
    expect(failure.code).toBe('not-configured');
  });

  it('serves the cached audio as voice/<sha256> through the media paths', async () => {
    const services = createServices(
      { dataDir: dir.path, version: 'test', host: 'web', cloud: null },
      { emit: () => undefined },
    );
    try {
      const { mediaPath } = await voiceService({ voiceDir: services.paths.voice }).greet();
      const media = await services.resolveMedia(mediaPath);
      expect(media).toEqual({
        file: join(dir.path, 'voice', `${mediaPath.slice('voice/'.length)}.mp3`),
        contentType: 'audio/mpeg',
      });
      expect((await readFile(media!.file)).length).toBeGreaterThan(0);
      expect(await services.resolveMedia('voice/../catalog.sqlite')).toBeNull();
      expect(await services.resolveMedia('voice/not-a-hash')).toBeNull();
    } finally {
      await services.close();
    }
  });
});
