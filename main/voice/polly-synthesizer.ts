import type { PollyClient, VoiceId } from '@aws-sdk/client-polly';
import { voiceEngines, type VoiceOption } from '../../contract/voice';
import { lazyClient, pollySdk, type LazyClient } from '../aws/aws-sdk';
import { identityPoolCredentials } from '../aws/identity-pool-credentials';
import { awsHttp2RequestHandler, defaultNetworkTimeouts } from '../aws/network-timeouts';
import type { ShoeboxConfig } from '../config/shoebox-config';
import { AppError } from '../model/app-error';
import type { SpeechSynthesizer } from './speech-synthesizer';
import { speechError } from './speech-error';

interface PollyVoice {
  /** The SDK's own type for the id, taken from Polly's answer rather than cast from a string. */
  readonly id: VoiceId;
  readonly engines: readonly string[];
  readonly option: VoiceOption;
}

/** A Polly that does not connect or answer is given up in time to fall back to the system voice. */
const pollyTimeouts = { ...defaultNetworkTimeouts, stallMs: 10_000 };

/**
 * Polly with the signed-in user's identity-pool credentials. DescribeVoices is asked once per
 * client (voices' engines change rarely, and a greeting should not cost two calls); a failed ask
 * is forgotten so the next greeting tries again. Every failure is an AppError (speech-error.ts).
 * The client is made by the first request, when the SDK's Polly package loads (aws-sdk.ts).
 */
export class PollySynthesizer implements SpeechSynthesizer {
  private readonly client: LazyClient<PollyClient>;
  private voices: Promise<ReadonlyMap<string, PollyVoice>> | null = null;

  constructor(config: ShoeboxConfig, idToken: () => Promise<string>) {
    this.client = lazyClient(async () => {
      const { PollyClient } = await pollySdk();
      return new PollyClient({
        region: config.region,
        credentials: identityPoolCredentials(config, idToken),
        ...(config.endpoints?.polly ? { endpoint: config.endpoints.polly } : {}),
        // The client's default handler is HTTP/2; the shared timeouts in their HTTP/2 form.
        requestHandler: awsHttp2RequestHandler(pollyTimeouts),
        // Two tries: a blip is retried, but an unreachable Polly is reported within seconds.
        maxAttempts: 2,
      });
    });
  }

  async supportedEngines(voiceId: string): Promise<readonly string[]> {
    return (await this.voiceTable()).get(voiceId)?.engines ?? [];
  }

  async listVoices(): Promise<readonly VoiceOption[]> {
    return [...(await this.voiceTable()).values()].map((voice) => voice.option);
  }

  async synthesizeMp3({
    voiceId,
    engine,
    text,
  }: Parameters<SpeechSynthesizer['synthesizeMp3']>[0]): Promise<Uint8Array> {
    const voice = (await this.voiceTable()).get(voiceId);
    if (!voice) throw new AppError('speech-failed', `Polly has no voice named ${voiceId}.`);
    try {
      const { SynthesizeSpeechCommand } = await pollySdk();
      const answer = await this.client.send(
        new SynthesizeSpeechCommand({
          Engine: engine,
          VoiceId: voice.id,
          OutputFormat: 'mp3',
          // Plain text: Polly parses markup only when TextType is "ssml", so a nickname like
          // "<break/>" or "&amp;" is spoken as written and can never inject SSML.
          TextType: 'text',
          Text: text,
        }),
      );
      if (!answer.AudioStream) throw new Error('Polly answered without audio.');
      return await answer.AudioStream.transformToByteArray();
    } catch (error) {
      throw speechError(error);
    }
  }

  dispose(): void {
    this.client.destroy();
  }

  /** Every voice Polly lists, by id; asked once and kept (forgotten again if the ask fails). */
  private voiceTable(): Promise<ReadonlyMap<string, PollyVoice>> {
    this.voices ??= this.describeVoices().catch((error: unknown) => {
      this.voices = null;
      throw speechError(error);
    });
    return this.voices;
  }

  private async describeVoices(): Promise<ReadonlyMap<string, PollyVoice>> {
    const { DescribeVoicesCommand } = await pollySdk();
    const voices = new Map<string, PollyVoice>();
    let nextToken: string | undefined;
    do {
      const page = await this.client.send(new DescribeVoicesCommand({ NextToken: nextToken }));
      for (const voice of page.Voices ?? []) {
        if (!voice.Id) continue;
        const engines = voice.SupportedEngines ?? [];
        voices.set(voice.Id, {
          id: voice.Id,
          engines,
          option: {
            id: voice.Id,
            name: voice.Name ?? voice.Id,
            languageCode: voice.LanguageCode ?? '',
            languageName: voice.LanguageName ?? voice.LanguageCode ?? 'Other',
            engines: voiceEngines.filter((engine) => engines.includes(engine)),
          },
        });
      }
      nextToken = page.NextToken;
    } while (nextToken);
    return voices;
  }
}
