/**
 * Local stand-in for Amazon Cognito Identity (identity pools), test code never shipped.
 *
 * Copies the wire protocol the AWS SDK speaks (POST /, AWS JSON 1.1,
 * `X-Amz-Target: AWSCognitoIdentityService.GetId | .GetCredentialsForIdentity`, unsigned), the
 * enhanced (simplified) auth flow for one Cognito user-pool provider, identity ids
 * `<region>:<uuid>` stable per user-pool `sub`, the strict `Logins` checks (see
 * cognito-identity-logins.ts), temporary credentials with `Expiration` in epoch seconds, and AWS's
 * JSON error shape (`{"__type": ..., "message": ...}` plus `x-amzn-ErrorType`).
 *
 * Cannot copy: IAM roles and policies (the credentials are only as good as the other stand-ins that
 * look them up in the CredentialRegistry), STS, the basic (classic) flow, unauthenticated
 * identities, developer-authenticated identities, identity merging, and AWS's real rate limits
 * (throttling and faults happen only when a test asks for them).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { AwsJsonError, LoginVerifier, type TrustedUserPool } from './cognito-identity-logins';
import type { CredentialRegistry } from './credential-registry';

export interface CognitoIdentityOptions {
  readonly registry: CredentialRegistry;
  /** The user pool and app client this identity pool trusts; a running `HostedUi` fits. */
  readonly hostedUi: TrustedUserPool;
  /** Defaults to `<region>:<random uuid>`. */
  readonly identityPoolId?: string;
  /** Defaults to the region in `identityPoolId`, else eu-west-1. */
  readonly region?: string;
  /** Defaults to 3600 (AWS's one hour). The SDK refreshes when fewer than 300 s remain. */
  readonly credentialLifetimeSeconds?: number;
  /** Clock for token expiry checks; give the CredentialRegistry the same one. */
  readonly now?: () => number;
  readonly port?: number;
}

export type CognitoIdentityOperation = 'GetId' | 'GetCredentialsForIdentity';

/** Live settings and counters tests may use while the stand-in runs. */
export interface CognitoIdentityKnobs {
  credentialLifetimeSeconds: number;
  /** Calls received per operation, including refused, throttled and failed ones. */
  readonly calls: Record<CognitoIdentityOperation, number>;
  /** Answer the next `count` calls with `ThrottlingException` (HTTP 400). */
  throttleNext(count: number): void;
  /** Answer the next `count` calls with `InternalErrorException` (HTTP 500). */
  failNext(count: number): void;
  /** The identity id handed out for a user-pool `sub`, if any. */
  identityIdFor(sub: string): string | undefined;
}

export interface CognitoIdentity {
  readonly endpoint: string;
  readonly identityPoolId: string;
  readonly region: string;
  /** The `Logins` key for the trusted user pool. */
  readonly providerName: string;
  readonly knobs: CognitoIdentityKnobs;
  stop(): Promise<void>;
}

const targetPrefix = 'AWSCognitoIdentityService.';
const jsonType = 'application/x-amz-json-1.1';

export async function startCognitoIdentity(
  options: CognitoIdentityOptions,
): Promise<CognitoIdentity> {
  const region = options.region ?? options.identityPoolId?.split(':')[0] ?? 'eu-west-1';
  const identityPoolId = options.identityPoolId ?? `${region}:${randomUUID()}`;
  const now = options.now ?? Date.now;
  const verifier = new LoginVerifier(options.hostedUi, now);
  const identityBySub = new Map<string, string>();
  let throttled = 0;
  let failing = 0;

  const knobs: CognitoIdentityKnobs = {
    credentialLifetimeSeconds: options.credentialLifetimeSeconds ?? 3600,
    calls: { GetId: 0, GetCredentialsForIdentity: 0 },
    throttleNext: (count) => {
      throttled = count;
    },
    failNext: (count) => {
      failing = count;
    },
    identityIdFor: (sub) => identityBySub.get(sub),
  };

  const operations: Record<
    CognitoIdentityOperation,
    (input: Record<string, unknown>) => Promise<object>
  > = {
    async GetId(input) {
      checkPool(input.IdentityPoolId, identityPoolId);
      const { sub } = await verifier.verify(input.Logins);
      let identityId = identityBySub.get(sub);
      if (!identityId) {
        identityId = `${region}:${randomUUID()}`;
        identityBySub.set(sub, identityId);
      }
      return { IdentityId: identityId };
    },
    async GetCredentialsForIdentity(input) {
      const identityId = input.IdentityId;
      if (typeof identityId !== 'string' || !/^[\w-]+:[0-9a-f-]+$/.test(identityId)) {
        throw new AwsJsonError('ValidationException', '1 validation error detected: IdentityId');
      }
      if (![...identityBySub.values()].includes(identityId)) {
        throw new AwsJsonError('ResourceNotFoundException', `Identity '${identityId}' not found.`);
      }
      const { sub } = await verifier.verify(input.Logins);
      if (identityBySub.get(sub) !== identityId) {
        throw new AwsJsonError(
          'NotAuthorizedException',
          "Logins don't match. Please include at least one valid login for this identity or identity pool.",
        );
      }
      const issued = options.registry.issue(identityId, knobs.credentialLifetimeSeconds);
      return {
        IdentityId: identityId,
        Credentials: {
          AccessKeyId: issued.accessKeyId,
          SecretKey: issued.secretAccessKey,
          SessionToken: issued.sessionToken,
          Expiration: issued.expiration.getTime() / 1000,
        },
      };
    },
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.startsWith(targetPrefix) ? target.slice(targetPrefix.length) : '';
    if (!isOperation(operation)) {
      throw new AwsJsonError('UnknownOperationException', `Unknown operation ${target}`);
    }
    knobs.calls[operation] += 1;
    if (req.method !== 'POST' || !String(req.headers['content-type']).startsWith(jsonType)) {
      throw new AwsJsonError('SerializationException', `Expected POST with ${jsonType}`);
    }
    const input = parseBody(await readBody(req));
    if (throttled > 0) {
      throttled -= 1;
      throw new AwsJsonError('ThrottlingException', 'Rate exceeded');
    }
    if (failing > 0) {
      failing -= 1;
      throw new AwsJsonError('InternalErrorException', 'An internal error occurred.', 500);
    }
    reply(res, 200, await operations[operation](input));
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const failure =
        error instanceof AwsJsonError
          ? error
          : new AwsJsonError('InternalErrorException', String(error), 500);
      res.setHeader('x-amzn-ErrorType', `${failure.type}:`);
      reply(res, failure.status, { __type: failure.type, message: failure.message });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    identityPoolId,
    region,
    providerName: verifier.providerName,
    knobs,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function isOperation(name: string): name is CognitoIdentityOperation {
  return name === 'GetId' || name === 'GetCredentialsForIdentity';
}

function checkPool(requested: unknown, identityPoolId: string): void {
  if (typeof requested !== 'string' || !/^[\w-]+:[0-9a-f-]+$/.test(requested)) {
    throw new AwsJsonError('ValidationException', '1 validation error detected: IdentityPoolId');
  }
  if (requested !== identityPoolId) {
    throw new AwsJsonError('ResourceNotFoundException', `IdentityPool '${requested}' not found.`);
  }
}

function parseBody(body: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(body || '{}');
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // fall through to the service's answer for a body it cannot read
  }
  throw new AwsJsonError('SerializationException', 'Request body is not a JSON object');
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function reply(res: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': jsonType,
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
  });
  res.end(text);
}
