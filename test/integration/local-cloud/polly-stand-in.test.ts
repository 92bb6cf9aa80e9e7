import { DescribeVoicesCommand, PollyClient, SynthesizeSpeechCommand } from '@aws-sdk/client-polly';
import type { SynthesizeSpeechCommandInput } from '@aws-sdk/client-polly';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialRegistry } from '../../local-cloud/credential-registry';
import { startPolly } from '../../local-cloud/polly-stand-in';
import type { RunningPolly } from '../../local-cloud/polly-stand-in';
import { ssmlSpokenText } from '../../local-cloud/polly-ssml';
import { sdkCredentials } from './credentials';
import { mp3Frames } from './mp3-frames';

let now = Date.now();
const registry = new CredentialRegistry(() => now);
const creds = registry.issue('us-east-1:alice', 3600);
let polly: RunningPolly;

const client = (tamper: Parameters<typeof sdkCredentials>[1] = {}, maxAttempts = 1) =>
  new PollyClient({
    endpoint: polly.endpoint,
    region: 'us-east-1',
    credentials: sdkCredentials(creds, tamper),
    maxAttempts,
  });

async function speak(input: Partial<SynthesizeSpeechCommandInput>, c = client()) {
  const out = await c.send(
    new SynthesizeSpeechCommand({
      OutputFormat: 'mp3',
      VoiceId: 'Joanna',
      Text: 'Hello',
      ...input,
    }),
  );
  return { ...out, bytes: await out.AudioStream!.transformToByteArray() };
}

beforeAll(async () => {
  polly = await startPolly({ registry, region: 'us-east-1', now: () => now });
});
afterAll(async () => {
  await polly?.stop();
});

describe('Polly stand-in: SynthesizeSpeech', () => {
  it('returns playable MP3 whose duration grows with the text, and bills characters', async () => {
    const short = await speak({ Text: 'Hi there', Engine: 'neural' });
    expect(short.ContentType).toBe('audio/mpeg');
    expect(short.RequestCharacters).toBe(8);
    expect(short.bytes[0]).toBe(0xff);
    expect(short.bytes[1]! & 0xe0).toBe(0xe0);
    const shortFrames = mp3Frames(short.bytes);
    expect(shortFrames.sampleRate).toBe(24000);
    expect(shortFrames.durationMs).toBeGreaterThanOrEqual(8 * 60);
    expect(shortFrames.durationMs).toBeLessThan(8 * 60 + 200);
    const long = await speak({ Text: 'Good morning, welcome back to your photos.' });
    const longFrames = mp3Frames(long.bytes);
    expect(longFrames.sampleRate).toBe(22050);
    expect(longFrames.durationMs).toBeGreaterThan(shortFrames.durationMs * 4);
    expect(long.bytes.length).toBeGreaterThan(short.bytes.length);
    expect(polly.knobs.lastRequest).toMatchObject({
      voiceId: 'Joanna',
      engine: 'standard',
      textType: 'text',
    });
  });

  it('returns PCM at the requested rate, validates SampleRate', async () => {
    const pcm = await speak({ OutputFormat: 'pcm', SampleRate: '8000', Text: 'abc' });
    expect(pcm.ContentType).toBe('audio/pcm');
    expect(pcm.bytes.length).toBe(3 * 0.06 * 8000 * 2);
    await expect(speak({ OutputFormat: 'pcm', SampleRate: '22050' })).rejects.toMatchObject({
      name: 'InvalidSampleRateException',
    });
    await expect(speak({ SampleRate: '44100' })).rejects.toMatchObject({
      name: 'InvalidSampleRateException',
    });
    await expect(speak({ OutputFormat: 'ogg_vorbis' })).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('stand-in'),
    });
  });

  it('bills SSML text without tags and refuses malformed SSML', async () => {
    const ok = await speak({
      TextType: 'ssml',
      Text: '<speak>Hello <break time="300ms"/><emphasis level="strong">you</emphasis> &amp; me</speak>',
    });
    expect(ok.RequestCharacters).toBe('Hello you & me'.length);
    expect(polly.knobs.lastRequest?.textType).toBe('ssml');
    for (const bad of [
      'Hello',
      '<speak>Hello',
      '<speak><p>Hi</speak>',
      '<speak>a & b</speak>',
      '<speak a=b>x</speak>',
      '<speak>x</speak>y',
    ]) {
      await expect(speak({ TextType: 'ssml', Text: bad }), bad).rejects.toMatchObject({
        name: 'InvalidSsmlException',
      });
    }
    expect(ssmlSpokenText('<?xml version="1.0"?><speak><!-- c --><s>Hi</s></speak>')).toBe('Hi');
  });

  it('refuses over 3000 billed characters, but not SSML tags beyond it', async () => {
    await expect(speak({ Text: 'a'.repeat(3001) })).rejects.toMatchObject({
      name: 'TextLengthExceededException',
    });
    const padded = `<speak>${'<s>aaaa</s>'.repeat(500)}</speak>`;
    expect(padded.length).toBeGreaterThan(3000);
    expect((await speak({ TextType: 'ssml', Text: padded })).RequestCharacters).toBe(2000);
    const tooLong = `<speak>${'<s>a</s>'.repeat(800)}</speak>`;
    await expect(speak({ TextType: 'ssml', Text: tooLong })).rejects.toMatchObject({
      name: 'TextLengthExceededException',
    });
  });

  it('fails instead of falling back when the voice lacks the engine; unknown voices are invalid', async () => {
    await expect(speak({ VoiceId: 'Hans', Engine: 'neural' })).rejects.toMatchObject({
      name: 'EngineNotSupportedException',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(speak({ VoiceId: 'Kevin' })).rejects.toMatchObject({
      name: 'EngineNotSupportedException',
    });
    await expect(speak({ VoiceId: 'Ivy', Engine: 'generative' })).rejects.toMatchObject({
      name: 'EngineNotSupportedException',
    });
    await expect(speak({ VoiceId: 'Nobody' as 'Joanna' })).rejects.toMatchObject({
      name: 'ValidationException',
    });
    expect(
      (await speak({ VoiceId: 'Matthew', Engine: 'generative' })).bytes.length,
    ).toBeGreaterThan(0);
  });

  it('verifies SigV4 and throttles on demand', async () => {
    const unsigned = await fetch(`${polly.endpoint}/v1/speech`, { method: 'POST', body: '{}' });
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    await expect(speak({}, client({ secretAccessKey: 'nope' }))).rejects.toMatchObject({
      name: 'InvalidSignatureException',
    });
    await expect(speak({}, client({ accessKeyId: 'ASIAUNKNOWN' }))).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
    });
    now += 3601_000;
    try {
      await expect(speak({})).rejects.toMatchObject({ name: 'ExpiredTokenException' });
    } finally {
      now -= 3601_000;
    }
    const before = polly.knobs.synthesized;
    polly.knobs.throttleNext(1);
    await expect(speak({})).rejects.toMatchObject({ name: 'ThrottlingException' });
    polly.knobs.throttleNext(1);
    await speak({}, client({}, 2));
    expect(polly.knobs.synthesized).toBe(before + 1);
  });
});

describe('Polly stand-in: DescribeVoices', () => {
  it('lists voices with engines and filters by Engine and LanguageCode', async () => {
    const all = await client().send(new DescribeVoicesCommand({}));
    expect(all.Voices!.length).toBeGreaterThanOrEqual(12);
    expect(all.Voices!.find((v) => v.Id === 'Joanna')).toMatchObject({
      LanguageCode: 'en-US',
      Gender: 'Female',
      SupportedEngines: expect.arrayContaining(['neural']),
    });
    const neuralGb = await client().send(
      new DescribeVoicesCommand({ Engine: 'neural', LanguageCode: 'en-GB' }),
    );
    expect(neuralGb.Voices!.map((v) => v.Id).sort()).toEqual(['Amy', 'Brian', 'Emma']);
    const standardDe = await client().send(
      new DescribeVoicesCommand({ Engine: 'standard', LanguageCode: 'de-DE' }),
    );
    expect(standardDe.Voices!.map((v) => v.Id).sort()).toEqual(['Hans', 'Marlene', 'Vicki']);
    const generative = await client().send(new DescribeVoicesCommand({ Engine: 'generative' }));
    expect(generative.Voices!.every((v) => v.SupportedEngines!.includes('generative'))).toBe(true);
    expect(generative.Voices!.map((v) => v.Id)).not.toContain('Hans');
  });
});
