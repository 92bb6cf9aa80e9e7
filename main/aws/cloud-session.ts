import type { RekognitionClient } from '@aws-sdk/client-rekognition';
import type { S3Client } from '@aws-sdk/client-s3';
import {
  lazyClient,
  rekognitionSdk,
  s3Sdk,
  type LazyClient,
  type RekognitionSender,
  type S3Sender,
} from './aws-sdk';
import { identityPoolCredentials } from './identity-pool-credentials';
import {
  awsRequestHandler,
  defaultNetworkTimeouts,
  type NetworkTimeouts,
} from './network-timeouts';
import type { ShoeboxConfig } from '../config/shoebox-config';

/** Identity-pool credentials: AWS keys plus the identity id they belong to. */
type CognitoIdentityCredentials = Awaited<ReturnType<ReturnType<typeof identityPoolCredentials>>>;

/** What the upload queue, sync and labelling share for one signed-in user. */
export interface CloudSession {
  readonly bucket: string;
  /** Retries off (`maxAttempts: 1`): the callers retry per request with jittered backoff. */
  readonly s3: S3Sender;
  readonly rekognition: RekognitionSender;
  /** The Cognito identity id (`<region>:<uuid>`) whose prefix this user may touch. */
  identityId(): Promise<string>;
  /**
   * Fetches new credentials now, for when AWS answered ExpiredToken before they were due (a
   * request that outlived them, or a clock running behind AWS's). Absent where credentials
   * cannot go stale (fixed test keys).
   */
  renewCredentials?(): Promise<void>;
  dispose(): void;
}

/**
 * How the S3 client sends, whoever makes one (the app here, the bench over its local S3):
 * - `maxAttempts: 1`: the callers retry per request with jittered backoff.
 * - Checksums only where an operation requires them: the SDK's streaming checksums corrupt
 *   objects on s3rver (docs/platform-notes.md); integrity comes from the signed payload hash (see
 *   upload-file.ts) and Content-MD5 on documents.
 * - No `Expect: 100-continue`: the SDK sends it with every body of 2 MB or more (every original
 *   and part) and then uses a connection of its own, closed after the request, so each original
 *   paid a new TCP (and TLS) connection and a round trip before its first byte. Without it they
 *   reuse the client's kept-alive connections; a request S3 refuses has sent its body for nothing.
 */
export const s3SendingOptions = {
  maxAttempts: 1,
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
  expectContinueHeader: false,
} as const;

/** Credentials are fetched again when less than this is left (the SDK's own margin). */
const renewMarginMs = 5 * 60_000;

/**
 * S3 and Rekognition clients paid for with the signed-in user's identity-pool credentials. The
 * credentials are fetched once and shared by both clients (and by `identityId`), then fetched
 * again before they expire, so an upload running past the hour carries on with new ones. Each
 * client is made by its first request, when its SDK package loads (aws-sdk.ts).
 */
export function createCloudSession(
  config: ShoeboxConfig,
  idToken: () => Promise<string>,
  now: () => number = Date.now,
  timeouts: NetworkTimeouts = defaultNetworkTimeouts,
): CloudSession & { s3: LazyClient<S3Client>; rekognition: LazyClient<RekognitionClient> } {
  const fetchCredentials = identityPoolCredentials(config, idToken, timeouts);
  let current: Promise<CognitoIdentityCredentials> | null = null;
  const credentials = async (): Promise<CognitoIdentityCredentials> => {
    const held = current ? await current.catch(() => null) : null;
    if (held && (held.expiration?.getTime() ?? Infinity) - now() > renewMarginMs) return held;
    const next = fetchCredentials();
    current = next;
    // A failed fetch is forgotten, so the next call asks again rather than repeating the failure.
    next.catch(() => {
      if (current === next) current = null;
    });
    return next;
  };
  const s3 = lazyClient(async (): Promise<S3Client> => {
    const { S3Client } = await s3Sdk();
    return new S3Client({
      region: config.region,
      credentials,
      requestHandler: awsRequestHandler(timeouts),
      ...s3SendingOptions,
      ...(config.endpoints?.s3 ? { endpoint: config.endpoints.s3, forcePathStyle: true } : {}),
    });
  });
  const rekognition = lazyClient(async (): Promise<RekognitionClient> => {
    const { RekognitionClient } = await rekognitionSdk();
    return new RekognitionClient({
      region: config.region,
      credentials,
      maxAttempts: 1,
      requestHandler: awsRequestHandler(timeouts),
      ...(config.endpoints?.rekognition ? { endpoint: config.endpoints.rekognition } : {}),
    });
  });
  return {
    bucket: config.bucket,
    s3,
    rekognition,
    identityId: async () => (await credentials()).identityId,
    async renewCredentials() {
      current = null;
      // Each client also memoizes what it was given until its own notion of expiry: make both
      // ask again (the first fetches, the second gets the same fresh credentials).
      await (await s3.client()).config.credentials({ forceRefresh: true });
      await (await rekognition.client()).config.credentials({ forceRefresh: true });
    },
    dispose() {
      s3.destroy();
      rekognition.destroy();
    },
  };
}
