/**
 * The whole local cloud in one call: the Cognito Hosted UI and identity pool, S3, Rekognition
 * and Polly stand-ins sharing one credential registry, and a Shoebox config pointing at them.
 * Test code; never shipped. What it cannot copy from AWS is listed in the README.
 */
import {
  parseShoeboxConfig,
  type ShoeboxConfig,
  type ShoeboxConfigInput,
} from '../../main/config/shoebox-config';
import { startCognitoIdentity, type CognitoIdentity } from './cognito-identity';
import { CredentialRegistry } from './credential-registry';
import { startHostedUi, type HostedUi, type HostedUiOptions } from './hosted-ui';
import { startPolly } from './polly-stand-in';
import { startRekognition } from './rekognition-stand-in';
import { startLabellingPipeline, type RunningPipeline } from './labelling-pipeline';
import { startS3 } from './s3-server';

export interface LocalCloudOptions {
  readonly hostedUi?: HostedUiOptions;
  readonly credentialLifetimeSeconds?: number;
  /** Where s3rver keeps its objects; a temporary folder when absent. */
  readonly s3Directory?: string;
  readonly now?: () => number;
  /**
   * Label in the cloud, as a stack with CloudLabelling on: the config says so, and the
   * labeller (infra/labeller/) is fed from the local S3's writes (labelling-pipeline.ts).
   */
  readonly labelInCloud?: boolean;
}

export interface LocalCloud {
  readonly registry: CredentialRegistry;
  readonly hostedUi: HostedUi;
  readonly identity: CognitoIdentity;
  readonly s3: Awaited<ReturnType<typeof startS3>>;
  readonly rekognition: Awaited<ReturnType<typeof startRekognition>>;
  readonly polly: Awaited<ReturnType<typeof startPolly>>;
  /** The simulated labelling pipeline, with `labelInCloud`. */
  readonly pipeline: RunningPipeline | null;
  /** A config the app accepts (`--config`), with every endpoint pointing here. */
  readonly config: ShoeboxConfigInput;
  stop(): Promise<void>;
}

const region = 'eu-west-1';
const bucket = 'shoebox-local';

export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const now = options.now ?? Date.now;
  const registry = new CredentialRegistry(now);
  const hostedUi = await startHostedUi({ region, ...options.hostedUi });
  const identity = await startCognitoIdentity({
    registry,
    hostedUi,
    region,
    now,
    ...(options.credentialLifetimeSeconds
      ? { credentialLifetimeSeconds: options.credentialLifetimeSeconds }
      : {}),
  });
  const s3 = await startS3({
    bucket,
    registry,
    region,
    now,
    ...(options.s3Directory ? { directory: options.s3Directory } : {}),
  });
  const rekognition = await startRekognition({
    registry,
    region,
    now,
    // Rekognition reads S3Object images with the caller's rights; the stand-in reads s3rver.
    readS3Object: (name, key) =>
      name === bucket ? readUnsigned(s3.s3rverEndpoint, bucket, key) : Promise.resolve(null),
  });
  const polly = await startPolly({ registry, region, now });
  const config: ShoeboxConfigInput = {
    region,
    userPoolId: hostedUi.userPoolId,
    userPoolClientId: hostedUi.clientId,
    // The real shape of a Hosted UI domain; the endpoints below say where it really is.
    hostedUiDomain: `https://shoebox-local.auth.${region}.amazoncognito.com`,
    identityPoolId: identity.identityPoolId,
    bucket,
    identityProviders: ['COGNITO', 'LoginWithAmazon'],
    s3ForcePathStyle: true,
    ...(options.labelInCloud ? { cloudLabelling: true } : {}),
    endpoints: {
      s3: s3.endpoint,
      cognitoIdentity: identity.endpoint,
      rekognition: rekognition.endpoint,
      polly: polly.endpoint,
      hostedUiIssuer: hostedUi.baseUrl,
      hostedUiBase: hostedUi.baseUrl,
    },
  };
  const pipeline = options.labelInCloud
    ? startLabellingPipeline({ registry, s3, rekognition })
    : null;
  return {
    registry,
    hostedUi,
    identity,
    s3,
    rekognition,
    polly,
    pipeline,
    config,
    async stop() {
      await pipeline?.stop();
      await Promise.all([
        hostedUi.stop(),
        identity.stop(),
        s3.stop(),
        rekognition.stop(),
        polly.stop(),
      ]);
    },
  };
}

/** An object straight from s3rver (which needs no signature); null when it is not there. */
async function readUnsigned(endpoint: string, name: string, key: string): Promise<Buffer | null> {
  const path = key.split('/').map(encodeURIComponent).join('/');
  const answer = await fetch(`${endpoint}/${name}/${path}`);
  if (answer.status === 404) return null;
  if (!answer.ok) throw new Error(`s3rver answered GET ${key} with ${answer.status}`);
  return Buffer.from(await answer.arrayBuffer());
}

/** The local cloud's config as the app parses it (defaults filled in). */
export function configFor(cloud: LocalCloud): ShoeboxConfig {
  const parsed = parseShoeboxConfig(cloud.config);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.value;
}
