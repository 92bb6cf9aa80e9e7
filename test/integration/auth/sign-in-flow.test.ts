import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from '@playwright/test';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { generateKeyPair, SignJWT } from 'jose';
import type { AuthState } from '../../../contract/auth';
import { AuthError } from '../../../main/auth/auth-error';
import { AuthService } from '../../../main/auth/auth-service';
import { cognitoEndpoints } from '../../../main/config/cognito-endpoints';
import { keySetFor, verifyIdToken } from '../../../main/auth/id-token';
import { identityPoolCredentials } from '../../../main/aws/identity-pool-credentials';
import { MemorySecretStore } from '../../../main/auth/secret-store';
import type { ShoeboxConfig } from '../../../main/config/shoebox-config';
import { configFor, startLocalCloud, type LocalCloud } from '../../local-cloud/start-local-cloud';
import { s3ClientConfig } from '../../local-cloud/s3-server';
import { launchChromium, loginAs } from './browser-login';

describe('signing in against the local cloud', () => {
  let browser: Browser;
  let cloud: LocalCloud;
  let config: ShoeboxConfig;
  let clock: { offsetMs: number };
  let states: AuthState[];
  let secrets: MemorySecretStore;

  const now = () => Date.now() + clock.offsetMs;
  function authWith(openBrowser: (url: string) => Promise<void>, store = secrets, cfg = config) {
    return new AuthService({
      config: cfg,
      secrets: store,
      openBrowser,
      onChanged: (state) => states.push(state),
      now,
      signInTimeoutMs: 30_000,
    });
  }
  const alice = () => loginAs(browser, { username: 'alice', password: 'correct horse' });

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
  });
  beforeEach(async () => {
    clock = { offsetMs: 0 };
    states = [];
    secrets = new MemorySecretStore(null);
    cloud = await startLocalCloud({ hostedUi: { idTokenLifetimeSeconds: 600 } });
    config = configFor(cloud);
  });
  afterEach(async () => {
    await cloud.stop();
  });

  it('signs in with PKCE in a real browser, then uses identity-pool credentials for a signed S3 request', async () => {
    const auth = authWith(alice());
    await auth.signIn('COGNITO');
    expect(auth.state()).toMatchObject({
      status: 'signed-in',
      nickname: 'Alice',
      connection: 'online',
    });
    expect(states.map((s) => s.status)).toEqual(['signing-in', 'signed-in']);
    expect(JSON.parse((await secrets.load()) ?? '{}')).toMatchObject({
      nickname: 'Alice',
      refreshToken: expect.any(String),
    });

    const credentials = identityPoolCredentials(config, () => auth.idToken());
    const { identityId } = await credentials();
    expect(identityId).toMatch(/^eu-west-1:/);
    const s3 = new S3Client({
      ...s3ClientConfig(config.endpoints?.s3 ?? '', config.region),
      credentials,
    });
    const Key = `users/${identityId}/hello.txt`;
    await s3.send(new PutObjectCommand({ Bucket: config.bucket, Key, Body: 'hello' }));
    const answer = await s3.send(new GetObjectCommand({ Bucket: config.bucket, Key }));
    expect(await answer.Body?.transformToString()).toBe('hello');
    expect(cloud.s3.counters.refused).toBe(0);
    auth.dispose();
  });

  it('signs in with Login with Amazon through the Hosted UI', async () => {
    const auth = authWith(loginAs(browser, 'amazon'));
    await auth.signIn('LoginWithAmazon');
    expect(auth.state()).toMatchObject({ status: 'signed-in' });
    expect(auth.identity()?.username).toMatch(/^LoginWithAmazon_/);
    auth.dispose();
  });

  it('refuses forged, expired, wrong-audience, wrong-nonce and access tokens', async () => {
    const { issuer, jwksUri } = cognitoEndpoints(config);
    const keys = keySetFor(jwksUri);
    const expect_ = { issuer, clientId: config.userPoolClientId, nonce: 'n-1' };
    const base = {
      sub: 'user-1',
      aud: config.userPoolClientId,
      token_use: 'id',
      nonce: 'n-1',
      nickname: 'Mallory',
    };
    const sign = (claims: Record<string, unknown>) => cloud.hostedUi.knobs.signToken(claims);
    await expect(verifyIdToken(await sign(base), keys, expect_)).resolves.toMatchObject({
      nickname: 'Mallory',
    });

    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT(base)
      .setProtectedHeader({ alg: 'RS256', kid: 'forged' })
      .setIssuer(issuer)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    const cases: [string, string, RegExp][] = [
      ['forged', forged, /signed by a key this user pool does not have|signature/],
      ['expired', await sign({ ...base, exp: Math.floor(Date.now() / 1000) - 3600 }), /expired/],
      ['wrong audience', await sign({ ...base, aud: 'someone-else' }), /"aud" claim/],
      ['wrong issuer', await sign({ ...base, iss: 'https://evil.example' }), /"iss" claim/],
      ['wrong nonce', await sign({ ...base, nonce: 'n-2' }), /nonce/],
      ['access token', await sign({ ...base, token_use: 'access' }), /access token/],
    ];
    for (const [label, token, message] of cases) {
      const outcome = verifyIdToken(token, keys, expect_);
      await expect(outcome, label).rejects.toBeInstanceOf(AuthError);
      await expect(outcome, label).rejects.toThrow(message);
    }
  });

  it('exchanges the refresh token before the ID token expires, without signing out', async () => {
    await cloud.stop();
    cloud = await startLocalCloud({ hostedUi: { idTokenLifetimeSeconds: 120 } });
    config = configFor(cloud);
    const auth = authWith(alice());
    await auth.signIn('COGNITO');
    const first = await auth.idToken();
    expect(cloud.hostedUi.knobs.counters.refreshToken).toBe(0);
    clock.offsetMs = 90_000; // 30 s left: inside the refresh window
    const second = await auth.idToken();
    expect(second).not.toBe(first);
    expect(cloud.hostedUi.knobs.counters.refreshToken).toBe(1);
    expect(auth.state()).toMatchObject({ status: 'signed-in', connection: 'online' });
    expect(states.some((s) => s.status === 'signed-out')).toBe(false);
    auth.dispose();
  });

  it('renews short-lived identity-pool credentials during a run of requests', async () => {
    await cloud.stop();
    // The SDK renews credentials with under 300 s left, so 302 s lasts about 2 s.
    cloud = await startLocalCloud({ credentialLifetimeSeconds: 302 });
    config = configFor(cloud);
    const auth = authWith(alice());
    await auth.signIn('COGNITO');
    const credentials = identityPoolCredentials(config, () => auth.idToken());
    const s3 = new S3Client({
      ...s3ClientConfig(config.endpoints?.s3 ?? '', config.region),
      credentials,
    });
    const { identityId } = await credentials();
    const until = Date.now() + 4_500;
    let n = 0;
    while (Date.now() < until) {
      await s3.send(
        new PutObjectCommand({
          Bucket: config.bucket,
          Key: `users/${identityId}/n${n++}`,
          Body: 'x',
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(cloud.identity.knobs.calls.GetCredentialsForIdentity).toBeGreaterThanOrEqual(2);
    expect(cloud.s3.counters.refused).toBe(0);
    auth.dispose();
  });

  it('returns to signed-out, library intact, when the refresh token is revoked', async () => {
    const auth = authWith(alice());
    await auth.signIn('COGNITO');
    await cloud.hostedUi.knobs.revokeAllRefreshTokens();
    clock.offsetMs = 10 * 60_000;
    await expect(auth.idToken()).rejects.toMatchObject({ code: 'session-expired' });
    expect(auth.state()).toMatchObject({
      status: 'signed-out',
      message: expect.stringMatching(/library is still here/),
    });
    expect(await secrets.load()).toBeNull();
  });

  it('signs out by revoking the refresh token, which then no longer works', async () => {
    const auth = authWith(alice());
    await auth.signIn('COGNITO');
    const saved = await secrets.load();
    await auth.signOut(false);
    expect(cloud.hostedUi.knobs.counters.revoke).toBe(1);
    expect(auth.state().status).toBe('signed-out');
    expect(await secrets.load()).toBeNull();

    const stale = new MemorySecretStore(null);
    await stale.save(saved ?? '');
    const again = authWith(alice(), stale);
    await again.restore();
    expect(again.state()).toMatchObject({ status: 'signed-out' });
  });

  it('restores a saved session offline at once, and reconnects when the service answers', async () => {
    const auth = authWith(alice());
    await auth.signIn('COGNITO');
    auth.dispose();
    const offline = {
      ...config,
      endpoints: { ...config.endpoints, hostedUiBase: 'http://127.0.0.1:9' },
    };
    const restored = authWith(alice(), secrets, offline);
    await restored.restore();
    expect(restored.state()).toMatchObject({
      status: 'signed-in',
      nickname: 'Alice',
      connection: 'offline',
    });
    restored.dispose();

    const online = authWith(alice(), secrets);
    await online.restore();
    expect(online.state()).toMatchObject({
      status: 'signed-in',
      nickname: 'Alice',
      connection: 'online',
    });
    online.dispose();
  });

  it('stays signed out when sign-out lands during a token refresh', async () => {
    const auth = authWith(alice());
    await auth.signIn('COGNITO');
    clock.offsetMs = 9 * 60_000; // inside the refresh window
    const refreshing = auth.idToken();
    await auth.signOut(false);
    await expect(refreshing).rejects.toBeInstanceOf(AuthError);
    expect(auth.state().status).toBe('signed-out');
    expect(await secrets.load()).toBeNull();
  });

  it('keeps the session through a 503 from the token endpoint, and says it is offline', async () => {
    const auth = authWith(alice());
    await auth.signIn('COGNITO');
    auth.dispose();
    const { createServer } = await import('node:http');
    const portal = createServer((_req, res) =>
      res.writeHead(503, { 'content-type': 'text/html' }).end('<h1>Wi-Fi login</h1>'),
    );
    await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
    const { port } = portal.address() as { port: number };
    try {
      const unreachable = {
        ...config,
        endpoints: { ...config.endpoints, hostedUiBase: `http://127.0.0.1:${port}` },
      };
      const restored = authWith(alice(), secrets, unreachable);
      await restored.restore();
      expect(restored.state()).toMatchObject({ status: 'signed-in', connection: 'offline' });
      expect(await secrets.load()).not.toBeNull();
      restored.dispose();
    } finally {
      portal.close();
    }
  });

  it('never sends a saved session to another backend', async () => {
    const auth = authWith(alice());
    await auth.signIn('COGNITO');
    auth.dispose();
    const other = { ...config, userPoolClientId: 'anotherclient1' };
    const restored = authWith(alice(), secrets, other);
    const refreshesBefore = cloud.hostedUi.knobs.counters.refreshToken;
    await restored.restore();
    expect(restored.state().status).toBe('signed-out');
    expect(cloud.hostedUi.knobs.counters.refreshToken).toBe(refreshesBefore);
    expect(await secrets.load()).toBeNull();
  });

  it('says clearly when the redirect port is taken', async () => {
    const { createServer } = await import('node:http');
    const squatter = createServer().listen(17823, '127.0.0.1');
    await new Promise((resolve) => squatter.once('listening', resolve));
    try {
      const auth = authWith(alice());
      await expect(auth.signIn('COGNITO')).rejects.toMatchObject({ code: 'port-busy' });
      expect(auth.state()).toMatchObject({
        status: 'signed-out',
        message: expect.stringMatching(/port 17823/),
      });
    } finally {
      squatter.close();
    }
  });

  it('refuses to sign in while another program holds [::1] at the redirect port', async () => {
    const { createServer } = await import('node:http');
    const squatter = createServer().listen({ port: 17823, host: '::1', ipv6Only: true });
    await new Promise((resolve) => squatter.once('listening', resolve));
    try {
      const auth = authWith(alice());
      await expect(auth.signIn('COGNITO')).rejects.toMatchObject({ code: 'port-busy' });
      expect(auth.state()).toMatchObject({ message: expect.stringMatching(/::1/) });
    } finally {
      squatter.close();
    }
  });

  it('ignores redirects with the wrong state on either loopback address and keeps waiting', async () => {
    const { http } = await import('../http-client');
    const forged: number[] = [];
    const auth = authWith(async (url) => {
      for (const host of ['127.0.0.1', '::1']) {
        const answer = await http(17823, '/callback?code=stolen&state=wrong', { host });
        forged.push(answer.status);
        const noState = await http(17823, '/callback?code=stolen', { host });
        forged.push(noState.status);
      }
      await alice()(url);
    });
    await auth.signIn('COGNITO');
    expect(forged).toEqual([400, 400, 400, 400]);
    expect(auth.state()).toMatchObject({ status: 'signed-in', nickname: 'Alice' });
  });
});
