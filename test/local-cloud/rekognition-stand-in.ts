/**
 * Rekognition stand-in for the local cloud (test code, never shipped).
 *
 * Copies: the AWS JSON 1.1 wire protocol (`POST /`, `X-Amz-Target: RekognitionService.DetectLabels`,
 * `application/x-amz-json-1.1`, errors as `{ __type, Message }` with HTTP 400/500), SigV4 checked
 * by sigv4-verifier.ts (service `rekognition`), and DetectLabels' input limits: Image.Bytes must
 * be JPEG or PNG (sniffed, InvalidImageFormatException), at most 5 MB (ImageTooLargeException),
 * at least 80 px per side (InvalidParameterException, "Request has Invalid Parameters", which is
 * what AWS answers), MinConfidence 0–100 (default 55) and MaxLabels honoured, the real answer
 * shape with LabelModelVersion '3.0'.
 * Cannot copy: real labels (see rekognition-labels.ts for the deterministic rules: an EXIF hint,
 * a registered fixture colour, or the nearest palette colour),
 * IAM (any valid signature may call, and may read any object by S3Object), Features/Settings
 * (ignored), other operations (UnknownOperationException).
 * Image.S3Object {Bucket, Name} is read from the local S3 when `readS3Object` is given (else
 * refused): a missing object or bucket is InvalidS3ObjectException, as AWS answers, and objects
 * may be up to 15 MB (docs/platform-notes.md) before ImageTooLargeException.
 */
import sharp from 'sharp';
import type { CredentialRegistry } from './credential-registry';
import {
  BodyTooLargeError,
  Countdown,
  listenOnLoopbackWithH2c,
  readBody,
  sendJson,
  sendJsonError,
} from './http-util';
import type { StandInRequest, StandInResponse } from './http-util';
import {
  builtInColourHints,
  colourHint,
  colourHintFor,
  labelsFor,
  parseColour,
  type ColourHint,
} from './rekognition-labels';
import { verifySigV4 } from './sigv4-verifier';

export interface StartRekognitionOptions {
  readonly registry: CredentialRegistry;
  readonly region?: string;
  readonly port?: number;
  readonly now?: () => number;
  /**
   * More fixture colours (`#rrggbb` → label hint), besides the built-in dog, cat and beach: a
   * near-solid image of that colour is answered with that hint (rekognition-labels.ts, rule 2).
   */
  readonly colourHints?: Readonly<Record<string, string>>;
  /** Reads an object for Image.S3Object; null when the bucket or key is not there. */
  readonly readS3Object?: (bucket: string, key: string) => Promise<Buffer | null>;
}

export interface RekognitionKnobs {
  /** The next `count` calls fail with HTTP 400 and this throttling error. */
  throttleNext(
    count?: number,
    type?: 'ProvisionedThroughputExceededException' | 'ThrottlingException',
  ): void;
  /** The next `count` calls fail with HTTP 500 InternalServerError. */
  failNext(count?: number): void;
  /**
   * From now on, a near-solid image of `colour` (`#rrggbb`) is answered with `hint`
   * (`labels: Dog=97, …`). The newest registration wins when two colours are as near.
   */
  hintColour(colour: string, hint: string): void;
  /**
   * From now on, a near-solid image of `colour` is refused with this error (HTTP 400), as AWS
   * refuses an image it cannot use: a photo the app decodes but Rekognition will not label.
   */
  refuseColour(
    colour: string,
    type?: 'InvalidImageFormatException' | 'InvalidParameterException',
  ): void;
  /** Requests received (including refused ones). */
  readonly calls: number;
  /** DetectLabels calls answered with labels. */
  readonly answered: number;
  /** Decoded Image.Bytes size of the last DetectLabels request, in bytes. */
  readonly lastImageBytes: number | undefined;
  /** `bucket/key` of every Image.S3Object asked for, in order. */
  readonly s3ObjectsRead: readonly string[];
}

export interface RunningRekognition {
  readonly endpoint: string;
  readonly region: string;
  readonly knobs: RekognitionKnobs;
  stop(): Promise<void>;
}

const JSON_11 = 'application/x-amz-json-1.1';
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const MAX_S3_IMAGE_BYTES = 15 * 1024 * 1024;
const MIN_SIDE = 80;

class RekognitionError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

interface DetectLabelsInput {
  Image?: { Bytes?: unknown; S3Object?: unknown };
  MinConfidence?: unknown;
  MaxLabels?: unknown;
}

function validationError(field: string, value: unknown, constraint: string): RekognitionError {
  return new RekognitionError(
    'ValidationException',
    `1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: ${constraint}`,
  );
}

type S3Reader = StartRekognitionOptions['readS3Object'];

async function imageBytes(input: DetectLabelsInput, readS3Object: S3Reader): Promise<Buffer> {
  const image = input.Image;
  if (!image || (image.Bytes === undefined && image.S3Object === undefined)) {
    throw new RekognitionError('InvalidParameterException', 'Request has invalid parameters');
  }
  if (image.S3Object !== undefined) {
    if (!readS3Object) {
      throw new RekognitionError(
        'InvalidParameterException',
        'Image.S3Object is not supported by this stand-in (no S3 given); send Image.Bytes',
      );
    }
    const { Bucket, Name } = image.S3Object as { Bucket?: unknown; Name?: unknown };
    if (typeof Bucket !== 'string' || typeof Name !== 'string' || !Bucket || !Name) {
      throw new RekognitionError('InvalidParameterException', 'Request has invalid parameters');
    }
    const bytes = await readS3Object(Bucket, Name);
    if (!bytes) {
      throw new RekognitionError(
        'InvalidS3ObjectException',
        'Unable to get object metadata from S3. Check object key, region and/or access permissions.',
      );
    }
    if (bytes.length > MAX_S3_IMAGE_BYTES)
      throw new RekognitionError('ImageTooLargeException', 'Image size is too large.');
    return bytes;
  }
  if (typeof image.Bytes !== 'string')
    throw new RekognitionError('SerializationException', 'Image.Bytes must be base64');
  const bytes = Buffer.from(image.Bytes, 'base64');
  if (bytes.length > MAX_IMAGE_BYTES)
    throw new RekognitionError('ImageTooLargeException', 'Image size is too large.');
  return bytes;
}

async function decodeImage(input: DetectLabelsInput, readS3Object: S3Reader): Promise<Buffer> {
  const bytes = await imageBytes(input, readS3Object);
  const isJpeg = bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  const isPng = bytes
    .subarray(0, 8)
    .equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  if (!isJpeg && !isPng)
    throw new RekognitionError(
      'InvalidImageFormatException',
      'Request has unsupported image format',
    );
  const meta = await sharp(bytes)
    .metadata()
    .catch(() => undefined);
  if (!meta?.width || !meta.height)
    throw new RekognitionError(
      'InvalidImageFormatException',
      'Request has unsupported image format',
    );
  if (meta.width < MIN_SIDE || meta.height < MIN_SIDE) {
    throw new RekognitionError('InvalidParameterException', 'Request has Invalid Parameters');
  }
  return bytes;
}

/** Starts the stand-in on 127.0.0.1 (port 0 by default). */
export async function startRekognition(
  options: StartRekognitionOptions,
): Promise<RunningRekognition> {
  const region = options.region ?? 'us-east-1';
  const throttling = new Countdown();
  let throttleType = 'ProvisionedThroughputExceededException';
  const failing = new Countdown();
  const state = { calls: 0, answered: 0, lastImageBytes: undefined as number | undefined };
  const s3ObjectsRead: string[] = [];
  const refusals: ColourHint[] = [];
  const colourHints: ColourHint[] = [
    ...Object.entries(options.colourHints ?? {}).map(([colour, hint]) => colourHint(colour, hint)),
    ...builtInColourHints(),
  ];

  async function detectLabels(input: DetectLabelsInput): Promise<unknown> {
    if (input.Image && typeof input.Image.Bytes === 'string') {
      state.lastImageBytes = Buffer.byteLength(input.Image.Bytes, 'base64');
    }
    const min = input.MinConfidence ?? 55;
    if (typeof min !== 'number' || min < 0 || min > 100) {
      throw validationError('minConfidence', min, 'Member must have value between 0 and 100');
    }
    const max = input.MaxLabels ?? 1000;
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 0) {
      throw validationError('maxLabels', max, 'Member must have value greater than or equal to 0');
    }
    const reference = input.Image?.S3Object as { Bucket?: unknown; Name?: unknown } | undefined;
    if (reference) s3ObjectsRead.push(`${String(reference.Bucket)}/${String(reference.Name)}`);
    const bytes = await decodeImage(input, options.readS3Object);
    const refusal = refusals.length > 0 ? await colourHintFor(bytes, refusals) : undefined;
    if (refusal) throw new RekognitionError(refusal, 'Request has unsupported image format');
    const labels = (await labelsFor(bytes, colourHints))
      .filter((l) => l.Confidence >= min)
      .sort((a, b) => b.Confidence - a.Confidence)
      .slice(0, max);
    state.answered += 1;
    return { Labels: labels, LabelModelVersion: '3.0' };
  }

  async function handle(req: StandInRequest, res: StandInResponse): Promise<void> {
    state.calls += 1;
    const body = await readBody(req, 16 * 1024 * 1024);
    const verdict = verifySigV4(req, body, {
      registry: options.registry,
      region,
      service: 'rekognition',
      now: options.now,
    });
    if (!verdict.ok)
      throw new RekognitionError(
        verdict.code,
        verdict.message,
        verdict.code === 'AccessDeniedException' ? 403 : 400,
      );
    if (throttling.take()) throw new RekognitionError(throttleType, 'Provisioned rate exceeded.');
    if (failing.take())
      throw new RekognitionError('InternalServerError', 'Internal server error (injected).', 500);
    const target = req.headers['x-amz-target'];
    if (req.method !== 'POST' || target !== 'RekognitionService.DetectLabels') {
      throw new RekognitionError(
        'UnknownOperationException',
        `Operation ${String(target)} is not supported by the stand-in`,
      );
    }
    let input: DetectLabelsInput;
    try {
      input = JSON.parse(body.toString('utf8')) as DetectLabelsInput;
    } catch {
      throw new RekognitionError('SerializationException', 'Request body is not valid JSON');
    }
    sendJson(res, await detectLabels(input), JSON_11);
  }

  const server = await listenOnLoopbackWithH2c((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof RekognitionError)
        sendJsonError(res, error.status, error.type, error.message, 'json-1.1');
      else if (error instanceof BodyTooLargeError)
        sendJsonError(res, 413, 'ImageTooLargeException', 'Request is too large.', 'json-1.1');
      else sendJsonError(res, 500, 'InternalServerError', String(error), 'json-1.1');
    });
  }, options.port ?? 0);

  return {
    endpoint: server.endpoint,
    region,
    stop: () => server.stop(),
    knobs: {
      throttleNext(count = 1, type = 'ProvisionedThroughputExceededException') {
        throttleType = type;
        throttling.set(count);
      },
      failNext(count = 1) {
        failing.set(count);
      },
      hintColour(colour, hint) {
        colourHints.unshift(colourHint(colour, hint));
      },
      refuseColour(colour, type = 'InvalidImageFormatException') {
        refusals.unshift({ rgb: parseColour(colour), hint: type });
      },
      get calls() {
        return state.calls;
      },
      get answered() {
        return state.answered;
      },
      get lastImageBytes() {
        return state.lastImageBytes;
      },
      get s3ObjectsRead() {
        return s3ObjectsRead;
      },
    },
  };
}
