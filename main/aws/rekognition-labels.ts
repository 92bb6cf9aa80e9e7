import type { Image } from '@aws-sdk/client-rekognition';
import { rekognitionSdk, type RekognitionSender } from './aws-sdk';
import { LabelImageError } from '../model/label-image-error';
import { errorNameOf, httpStatusOf, isRetryable } from './retry';
import { messageOf } from '../../contract/result';

/**
 * Labels are asked for down to this confidence and all kept, so moving the confidence slider
 * only filters what is stored and never costs another call.
 */
export const askMinConfidence = 50;

/** What DetectLabels answered: the body whole (without the SDK's `$metadata`) and its model. */
export interface DetectedLabels {
  readonly raw: unknown;
  readonly modelVersion: string | null;
}

/**
 * Sends one image to DetectLabels: its bytes (the app) or an S3 reference (the cloud labeller,
 * so no image bytes pass through the function).
 */
export async function detectLabels(
  client: RekognitionSender,
  image: Image,
  maxLabels: number,
  signal?: AbortSignal,
): Promise<DetectedLabels> {
  const { DetectLabelsCommand } = await rekognitionSdk();
  const output = await client.send(
    new DetectLabelsCommand({
      Image: image,
      MaxLabels: maxLabels,
      MinConfidence: askMinConfidence,
    }),
    signal ? { abortSignal: signal } : {},
  );
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- taken out, the rest is kept
  const { $metadata, ...raw } = output;
  return { raw, modelVersion: output.LabelModelVersion ?? null };
}

/**
 * What a failed labelling means for its job:
 * - `fail`: trying again would not help (the image itself, or a request Rekognition refuses);
 *   it goes to the "couldn't label" list at once.
 * - `retry`: throttled or a server error; try again after a backoff, a few times at most.
 * - `wait`: offline, or no credentials to be had; wait without counting an attempt.
 * - `stopped`: the queue was stopped mid-call; the job stays queued.
 */
export type LabelErrorKind = 'fail' | 'retry' | 'wait' | 'stopped';

export interface ClassifiedLabelError {
  readonly kind: LabelErrorKind;
  /** In words, for the photo's status and the "couldn't label" list. */
  readonly reason: string;
}

const imageErrors: Record<string, string> = {
  InvalidImageFormatException: 'Rekognition could not read the image made from this photo.',
  ImageTooLargeException: 'The image made from this photo was too large for Rekognition.',
  InvalidParameterException:
    'Rekognition refused the image made from this photo (too small, or otherwise unusable).',
};

// Credentials that could not be had or were turned down: a sign-in matter, not the photo's.
const credentialErrors = new Set([
  'AuthError',
  'CredentialsProviderError',
  'NotAuthorizedException',
  'ExpiredTokenException',
]);

// Rekognition's own word for throttling, which the shared list in retry.ts does not know.
const rekognitionThrottling = new Set(['ProvisionedThroughputExceededException']);

const firstLine = (error: unknown) => messageOf(error).split('\n')[0] ?? '';

/** Decides what a failed labelling means; `signal` tells a stop from a dropped connection. */
export function classifyLabelError(error: unknown, signal?: AbortSignal): ClassifiedLabelError {
  if (error instanceof LabelImageError) return { kind: 'fail', reason: error.message };
  const name = errorNameOf(error) ?? 'Error';
  if (signal?.aborted || name === 'AbortError') {
    return { kind: 'stopped', reason: 'Labelling was stopped.' };
  }
  const image = imageErrors[name];
  if (image) return { kind: 'fail', reason: image };
  if (credentialErrors.has(name)) {
    return { kind: 'wait', reason: 'Waiting for AWS credentials (sign in again if this stays).' };
  }
  const status = httpStatusOf(error);
  // No answer at all (a dropped or refused connection, a timeout): the network is down.
  if (status === undefined && isRetryable(error)) {
    return { kind: 'wait', reason: 'Waiting for the network to reach Rekognition.' };
  }
  if (rekognitionThrottling.has(name) || isRetryable(error)) {
    const reason =
      status !== undefined && status >= 500
        ? `Rekognition had a server error (${name}, HTTP ${status}).`
        : `Rekognition was too busy to answer (${name}).`;
    return { kind: 'retry', reason };
  }
  // Anything else with an HTTP status is Rekognition saying no; without one it happened here.
  const reason =
    status !== undefined
      ? `Rekognition refused the request (${name}: ${firstLine(error)}).`
      : `This photo could not be labelled (${firstLine(error)}).`;
  return { kind: 'fail', reason };
}
