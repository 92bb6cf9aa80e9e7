import type { S3Client } from '@aws-sdk/client-s3';
import type { RekognitionClient } from '@aws-sdk/client-rekognition';

// The AWS SDK's packages, each loaded by the first request that needs it: a library that never
// talks to the cloud never loads them, and one that does opens without waiting for them
// (docs/architecture.md, "Start-up"). Node loads a package once; later calls answer at once.
export const s3Sdk = () => import('@aws-sdk/client-s3');
export const rekognitionSdk = () => import('@aws-sdk/client-rekognition');
export const pollySdk = () => import('@aws-sdk/client-polly');
export const credentialProvidersSdk = () => import('@aws-sdk/credential-providers');

/** What requests need of an S3 client: a real S3Client, or one made on first use (lazyClient). */
export type S3Sender = Pick<S3Client, 'send'>;
export type RekognitionSender = Pick<RekognitionClient, 'send'>;

/** An SDK client that is made, its package loaded, when the first request is sent through it. */
export interface LazyClient<C> {
  readonly send: C extends { send: infer S } ? S : never;
  /** The client itself, made now if it was not yet. */
  client(): Promise<C>;
  /** Destroys the client if it was made. */
  destroy(): void;
}

export function lazyClient<C extends { send: unknown; destroy(): void }>(
  make: () => Promise<C>,
): LazyClient<C> {
  let made: Promise<C> | null = null;
  const client = () => (made ??= make());
  // The SDK's `send` has callback overloads too; only the promise form is used in main/.
  const send = (async (...args: unknown[]) => {
    const real = (await client()) as unknown as { send(...a: unknown[]): Promise<unknown> };
    return real.send(...args);
  }) as LazyClient<C>['send'];
  return {
    send,
    client,
    destroy() {
      made?.then((real) => real.destroy()).catch(() => undefined);
    },
  };
}
