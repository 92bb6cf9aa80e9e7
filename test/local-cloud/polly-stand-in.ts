/**
 * Polly stand-in for the local cloud (test code, never shipped).
 *
 * Copies: Polly's REST-JSON wire protocol as the SDK sends it (`POST /v1/speech` SynthesizeSpeech,
 * `GET /v1/voices` DescribeVoices with Engine / LanguageCode filters; errors via
 * `x-amzn-ErrorType` plus a JSON body), SigV4 checked by sigv4-verifier.ts (service `polly`,
 * auth failures as HTTP 403), and SynthesizeSpeech's rules: ≤ 3000 billed characters and ≤ 6000
 * characters of input (TextLengthExceededException), well-formed <speak> SSML whose tags are not
 * billed (InvalidSsmlException), a voice/engine pair the voice supports (EngineNotSupportedException,
 * no fallback), valid enums (ValidationException), SampleRate per format (InvalidSampleRateException),
 * and the `x-amzn-RequestCharacters` header.
 * Cannot copy: real voices (polly-voices.ts is a subset, audio is a tone sequence from
 * polly-audio.ts), IAM, lexicons, speech marks (`json`) and `ogg_vorbis` / `ogg_opus` output
 * (refused with a ValidationException that says "not supported by the stand-in").
 */
import { randomUUID } from 'node:crypto';
import type { CredentialRegistry } from './credential-registry';
import {
  Countdown,
  listenOnLoopbackWithH2c,
  readBody,
  sendJson,
  sendJsonError,
  writeHead,
} from './http-util';
import type { StandInRequest, StandInResponse } from './http-util';
import { encodeMp3, encodePcm, synthesizeTones } from './polly-audio';
import { InvalidSsmlError, billedLength, ssmlSpokenText } from './polly-ssml';
import { VOICES, findVoice, isEngine } from './polly-voices';
import type { Engine } from './polly-voices';
import { verifySigV4 } from './sigv4-verifier';

export interface StartPollyOptions {
  readonly registry: CredentialRegistry;
  readonly region?: string;
  readonly port?: number;
  readonly now?: () => number;
}

export interface PollyLastRequest {
  readonly text: string;
  readonly voiceId: string;
  readonly engine: Engine;
  readonly textType: 'text' | 'ssml';
  readonly outputFormat: string;
}

export interface PollyKnobs {
  /** The next `count` calls fail with HTTP 400 ThrottlingException. */
  throttleNext(count?: number): void;
  /** Requests received (including refused ones). */
  readonly calls: number;
  /** SynthesizeSpeech calls answered with audio. */
  readonly synthesized: number;
  readonly lastRequest: PollyLastRequest | undefined;
}

export interface RunningPolly {
  readonly endpoint: string;
  readonly region: string;
  readonly knobs: PollyKnobs;
  stop(): Promise<void>;
}

class PollyError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const FORMATS = ['json', 'mp3', 'ogg_vorbis', 'ogg_opus', 'pcm'];
const RATES: Record<string, string[]> = {
  mp3: ['8000', '16000', '22050', '24000'],
  pcm: ['8000', '16000'],
};
const MAX_BILLED = 3000;
const MAX_INPUT = 6000;

const enumError = (field: string, value: unknown, allowed: readonly string[]): PollyError =>
  new PollyError(
    'ValidationException',
    `1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`,
  );

interface SpeechInput {
  Text?: unknown;
  TextType?: unknown;
  VoiceId?: unknown;
  Engine?: unknown;
  OutputFormat?: unknown;
  SampleRate?: unknown;
}

function synthesize(input: SpeechInput): {
  audio: Buffer;
  contentType: string;
  billed: number;
  request: PollyLastRequest;
} {
  const engine = input.Engine ?? 'standard';
  if (!isEngine(engine))
    throw enumError('engine', engine, ['standard', 'neural', 'long-form', 'generative']);
  const textType = input.TextType ?? 'text';
  if (textType !== 'text' && textType !== 'ssml')
    throw enumError('textType', textType, ['ssml', 'text']);
  if (typeof input.OutputFormat !== 'string' || !FORMATS.includes(input.OutputFormat))
    throw enumError('outputFormat', input.OutputFormat, FORMATS);
  const voice = typeof input.VoiceId === 'string' ? findVoice(input.VoiceId) : undefined;
  if (!voice) {
    throw enumError('voiceId', input.VoiceId, [
      ...VOICES.map((v) => v.Id),
      '… (the stand-in knows a subset of Polly voices)',
    ]);
  }
  if (!voice.SupportedEngines.includes(engine)) {
    throw new PollyError(
      'EngineNotSupportedException',
      `This voice does not support the selected engine: ${engine}`,
    );
  }
  const format = input.OutputFormat;
  const rates = RATES[format];
  if (!rates)
    throw new PollyError(
      'ValidationException',
      `OutputFormat ${format} is not supported by the stand-in (mp3 and pcm only)`,
    );
  const defaultRate = format === 'pcm' ? '16000' : engine === 'standard' ? '22050' : '24000';
  const rate = input.SampleRate ?? defaultRate;
  if (typeof rate !== 'string' || !rates.includes(rate)) {
    throw new PollyError(
      'InvalidSampleRateException',
      `Sample rate ${String(rate)} is not valid for output format ${format}`,
    );
  }
  if (typeof input.Text !== 'string')
    throw new PollyError(
      'ValidationException',
      "1 validation error detected: Value null at 'text' failed to satisfy constraint: Member must not be null",
    );
  if ([...input.Text].length > MAX_INPUT)
    throw new PollyError('TextLengthExceededException', 'Maximum text length has been exceeded');
  const spoken = textType === 'ssml' ? ssmlSpokenText(input.Text) : input.Text;
  const billed = billedLength(spoken);
  if (billed > MAX_BILLED)
    throw new PollyError('TextLengthExceededException', 'Maximum text length has been exceeded');
  const samples = synthesizeTones(spoken, Number(rate));
  return {
    audio: format === 'mp3' ? encodeMp3(samples, Number(rate)) : encodePcm(samples),
    contentType: format === 'mp3' ? 'audio/mpeg' : 'audio/pcm',
    billed,
    request: { text: input.Text, voiceId: voice.Id, engine, textType, outputFormat: format },
  };
}

function describeVoices(query: URLSearchParams): unknown {
  const engine = query.get('Engine');
  if (engine !== null && !isEngine(engine))
    throw enumError('engine', engine, ['standard', 'neural', 'long-form', 'generative']);
  const language = query.get('LanguageCode');
  const voices = VOICES.filter(
    (v) =>
      (engine === null || v.SupportedEngines.includes(engine)) &&
      (language === null || v.LanguageCode === language),
  );
  return { Voices: voices };
}

/** Starts the stand-in on 127.0.0.1 (port 0 by default). */
export async function startPolly(options: StartPollyOptions): Promise<RunningPolly> {
  const region = options.region ?? 'us-east-1';
  const throttling = new Countdown();
  const state = {
    calls: 0,
    synthesized: 0,
    lastRequest: undefined as PollyLastRequest | undefined,
  };

  async function handle(req: StandInRequest, res: StandInResponse): Promise<void> {
    state.calls += 1;
    const body = await readBody(req, 1024 * 1024);
    const verdict = verifySigV4(req, body, {
      registry: options.registry,
      region,
      service: 'polly',
      now: options.now,
    });
    if (!verdict.ok) throw new PollyError(verdict.code, verdict.message, 403);
    if (throttling.take()) throw new PollyError('ThrottlingException', 'Rate exceeded');
    const url = new URL(req.url ?? '/', 'http://stand-in');
    if (req.method === 'GET' && url.pathname === '/v1/voices') {
      sendJson(res, describeVoices(url.searchParams), 'application/json');
      return;
    }
    if (req.method !== 'POST' || url.pathname !== '/v1/speech') {
      throw new PollyError(
        'UnknownOperationException',
        `${req.method} ${url.pathname} is not supported by the stand-in`,
        404,
      );
    }
    let input: SpeechInput;
    try {
      input = JSON.parse(body.toString('utf8')) as SpeechInput;
    } catch {
      throw new PollyError('SerializationException', 'Request body is not valid JSON');
    }
    const answer = synthesize(input);
    state.lastRequest = answer.request;
    state.synthesized += 1;
    writeHead(res, 200, {
      'content-type': answer.contentType,
      'content-length': answer.audio.length,
      'x-amzn-requestcharacters': String(answer.billed),
      'x-amzn-requestid': randomUUID(),
    });
    res.end(answer.audio);
  }

  const server = await listenOnLoopbackWithH2c((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof PollyError)
        sendJsonError(res, error.status, error.type, error.message, 'rest-json');
      else if (error instanceof InvalidSsmlError)
        sendJsonError(res, 400, 'InvalidSsmlException', error.message, 'rest-json');
      else sendJsonError(res, 500, 'ServiceFailureException', String(error), 'rest-json');
    });
  }, options.port ?? 0);

  return {
    endpoint: server.endpoint,
    region,
    stop: () => server.stop(),
    knobs: {
      throttleNext(count = 1) {
        throttling.set(count);
      },
      get calls() {
        return state.calls;
      },
      get synthesized() {
        return state.synthesized;
      },
      get lastRequest() {
        return state.lastRequest;
      },
    },
  };
}
