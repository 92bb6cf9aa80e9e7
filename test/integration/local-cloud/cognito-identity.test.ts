import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, generateKeyPair, decodeJwt, decodeProtectedHeader } from 'jose';
import { fromCognitoIdentityPool } from '@aws-sdk/credential-providers';
import { startHostedUi, type HostedUi } from '../../local-cloud/hosted-ui';
import { startCognitoIdentity, type CognitoIdentity } from '../../local-cloud/cognito-identity';
import { CredentialRegistry } from '../../local-cloud/credential-registry';
import { oidcClient, signIn } from './hosted-ui-driver';

describe('the Cognito Identity stand-in, through the AWS SDK', () => {
  let hostedUi: HostedUi;
  let identity: CognitoIdentity;
  let registry: CredentialRegistry;
  let clockOffsetMs = 0;
  let idToken: string;
  let accessToken: string;
  let aliceSub: string;

  const now = (): number => Date.now() + clockOffsetMs;
  const credentialsFor = (token: string, identityPoolId = identity.identityPoolId) =>
    fromCognitoIdentityPool({
      identityPoolId,
      logins: { [identity.providerName]: token },
      clientConfig: { endpoint: identity.endpoint, region: identity.region },
    })();
  const failureOf = (promise: Promise<unknown>): Promise<{ name: string; message: string }> =>
    promise.then(
      () => {
        throw new Error('expected the identity pool to refuse');
      },
      (error: unknown) => error as { name: string; message: string },
    );

  beforeAll(async () => {
    hostedUi = await startHostedUi();
    registry = new CredentialRegistry(now);
    identity = await startCognitoIdentity({ registry, hostedUi, now });
    const signin = await signIn(hostedUi, oidcClient(hostedUi));
    idToken = signin.id_token!;
    accessToken = signin.access_token;
    aliceSub = signin.profile.sub;
  });
  afterAll(async () => {
    await identity.stop();
    await hostedUi.stop();
  });

  it('trades a Hosted UI ID token for registered credentials of a stable identity', async () => {
    expect(identity.providerName).toBe('cognito-idp.eu-west-1.amazonaws.com/eu-west-1_LocalPool1');
    const first = await credentialsFor(idToken);
    expect(first.identityId).toMatch(/^eu-west-1:[0-9a-f-]{36}$/);
    expect(identity.knobs.identityIdFor(aliceSub)).toBe(first.identityId);
    expect(registry.find(first.accessKeyId)).toMatchObject({
      identityId: first.identityId,
      secretAccessKey: first.secretAccessKey,
      sessionToken: first.sessionToken,
    });
    const lifetime = (first.expiration!.getTime() - now()) / 1000;
    expect(lifetime).toBeGreaterThan(3590);
    expect(lifetime).toBeLessThanOrEqual(3600);

    const second = await credentialsFor(idToken);
    expect(second.identityId).toBe(first.identityId);
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
  });

  it('gives another user another identity', async () => {
    const bob = hostedUi.users.find((user) => user.amazon)!;
    const token = await hostedUi.knobs.signToken({
      sub: bob.sub,
      aud: hostedUi.clientId,
      token_use: 'id',
    });
    const bobs = await credentialsFor(token);
    expect(bobs.identityId).not.toBe(identity.knobs.identityIdFor(aliceSub));
  });

  it('honours the credential lifetime knob', async () => {
    identity.knobs.credentialLifetimeSeconds = 305;
    try {
      const credentials = await credentialsFor(idToken);
      const lifetime = (credentials.expiration!.getTime() - now()) / 1000;
      expect(lifetime).toBeGreaterThan(300);
      expect(lifetime).toBeLessThanOrEqual(305);
    } finally {
      identity.knobs.credentialLifetimeSeconds = 3600;
    }
  });

  it('refuses a token signed by another key', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT(decodeJwt(idToken))
      .setProtectedHeader(decodeProtectedHeader(idToken) as { alg: string; kid: string })
      .sign(privateKey);
    const failure = await failureOf(credentialsFor(forged));
    expect(failure.name).toBe('NotAuthorizedException');
    expect(failure.message).toBe("Invalid login token. Couldn't verify signed token.");
  });

  it('refuses an expired ID token, by the identity pool clock', async () => {
    clockOffsetMs = 2 * 3600 * 1000;
    try {
      const failure = await failureOf(credentialsFor(idToken));
      expect(failure.name).toBe('NotAuthorizedException');
      expect(failure.message).toMatch(/^Invalid login token\. Token expired: \d+ >= \d+$/);
    } finally {
      clockOffsetMs = 0;
    }
  });

  it('refuses a token for another app client', async () => {
    const token = await hostedUi.knobs.signToken({
      sub: aliceSub,
      aud: 'anotherclientid0000000000a',
      token_use: 'id',
    });
    const failure = await failureOf(credentialsFor(token));
    expect(failure.name).toBe('NotAuthorizedException');
    expect(failure.message).toBe('Invalid login token. Incorrect token audience.');
  });

  it('refuses an access token in place of the ID token', async () => {
    const real = await failureOf(credentialsFor(accessToken));
    expect(real.name).toBe('NotAuthorizedException');
    // Even an access token carrying the right audience is not an identity token.
    const withAudience = await hostedUi.knobs.signToken({
      sub: aliceSub,
      aud: hostedUi.clientId,
      token_use: 'access',
    });
    const failure = await failureOf(credentialsFor(withAudience));
    expect(failure.name).toBe('NotAuthorizedException');
    expect(failure.message).toBe('Invalid login token. Not a valid OpenId Connect identity token.');
  });

  it('refuses an unknown pool and a provider it does not trust', async () => {
    const unknownPool = await failureOf(
      credentialsFor(idToken, 'eu-west-1:00000000-0000-0000-0000-000000000000'),
    );
    expect(unknownPool.name).toBe('ResourceNotFoundException');
    const otherProvider = await failureOf(
      fromCognitoIdentityPool({
        identityPoolId: identity.identityPoolId,
        logins: { 'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other': idToken },
        clientConfig: { endpoint: identity.endpoint, region: identity.region },
      })(),
    );
    expect(otherProvider.name).toBe('NotAuthorizedException');
  });

  it('throttles and fails on demand, and the SDK retries through both', async () => {
    const before = { ...identity.knobs.calls };
    identity.knobs.throttleNext(2);
    const throttled = await credentialsFor(idToken);
    expect(registry.find(throttled.accessKeyId)).toBeDefined();
    expect(identity.knobs.calls.GetId).toBe(before.GetId + 3);
    expect(identity.knobs.calls.GetCredentialsForIdentity).toBe(
      before.GetCredentialsForIdentity + 1,
    );

    identity.knobs.failNext(1);
    await credentialsFor(idToken);
    expect(identity.knobs.calls.GetId).toBe(before.GetId + 5);
  });

  it('answers in the AWS JSON 1.1 error shape', async () => {
    const call = (target: string, body: object) =>
      fetch(identity.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
        body: JSON.stringify(body),
      });
    const unknown = await call('AWSCognitoIdentityService.DeleteIdentityPool', {});
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ __type: 'UnknownOperationException' });

    const noLogins = await call('AWSCognitoIdentityService.GetId', {
      IdentityPoolId: identity.identityPoolId,
    });
    expect(noLogins.status).toBe(400);
    expect(noLogins.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(noLogins.headers.get('x-amzn-errortype')).toBe('NotAuthorizedException:');
    expect(await noLogins.json()).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Unauthenticated access is not supported for this identity pool.',
    });

    const strangerIdentity = await call('AWSCognitoIdentityService.GetCredentialsForIdentity', {
      IdentityId: 'eu-west-1:00000000-0000-0000-0000-000000000000',
      Logins: { [identity.providerName]: idToken },
    });
    expect(await strangerIdentity.json()).toMatchObject({ __type: 'ResourceNotFoundException' });
  });
});
