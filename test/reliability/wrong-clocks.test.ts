import type { Browser } from '@playwright/test';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuthState } from '../../contract/auth';
import { AuthService } from '../../main/auth/auth-service';
import { MemorySecretStore } from '../../main/auth/secret-store';
import { createCloudSession } from '../../main/aws/cloud-session';
import type { ShoeboxConfig } from '../../main/config/shoebox-config';
import { configFor, startLocalCloud, type LocalCloud } from '../local-cloud/start-local-cloud';
import { launchChromium, loginAs } from '../integration/auth/browser-login';

// docs/reliability.md, "Wrong clocks": this machine's clock is off, the services' are right.
const hour = 3_600_000;

describe('a wrong clock on this machine (issue 16 #3)', () => {
  let browser: Browser;
  let cloud: LocalCloud;
  let config: ShoeboxConfig;
  let skew: { ms: number };
  let states: AuthState[];
  let secrets: MemorySecretStore;
  const authWith = () =>
    new AuthService({
      config,
      secrets,
      openBrowser: loginAs(browser, { username: 'alice', password: 'correct horse' }),
      onChanged: (state: AuthState) => states.push(state),
      now: () => Date.now() + skew.ms,
      signInTimeoutMs: 30_000,
    });

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
  });
  beforeEach(async () => {
    states = [];
    secrets = new MemorySecretStore(null);
    cloud = await startLocalCloud({ hostedUi: { idTokenLifetimeSeconds: 600 } });
    config = configFor(cloud);
  });
  afterEach(async () => {
    // The login tab closes itself once it shows the landing page; let it before moving on.
    const deadline = Date.now() + 10_000;
    while (browser.contexts().some((c) => c.pages().length > 0) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    await cloud.stop();
  });

  it('two hours fast: signs in, says the clock looks wrong, and keeps the refresh token across a restart', async () => {
    skew = { ms: 2 * hour };
    const auth = authWith();
    await auth.signIn('COGNITO');
    expect(auth.state()).toMatchObject({ status: 'signed-in', connection: 'online' });
    expect(auth.state()).toMatchObject({
      message: expect.stringMatching(/clock looks wrong: it is 2 hours ahead/),
    });
    auth.dispose();

    const restarted = authWith();
    await restarted.restore();
    expect(restarted.state()).toMatchObject({ status: 'signed-in', connection: 'online' });
    expect(JSON.parse((await secrets.load()) ?? '{}')).toMatchObject({
      refreshToken: expect.any(String),
    });
    expect(states.some((s) => s.status === 'signed-out')).toBe(false);

    // Uploads: credentials judged by the service's time are fetched once, not before every request.
    const session = createCloudSession(
      config,
      () => restarted.idToken(),
      () => restarted.clock.now(),
    );
    const identityId = await session.identityId();
    const before = cloud.identity.knobs.calls.GetCredentialsForIdentity;
    for (const n of [1, 2, 3]) {
      await session.s3.send(
        new PutObjectCommand({
          Bucket: config.bucket,
          Key: `users/${identityId}/c${n}`,
          Body: 'x',
        }),
      );
    }
    expect(cloud.identity.knobs.calls.GetCredentialsForIdentity - before).toBe(0);
    expect(cloud.hostedUi.knobs.counters.refreshToken).toBe(1); // the restart's, no more
    session.dispose();
    restarted.dispose();
  });

  it('an hour slow: expiry is judged by the service, so the ID token is still refreshed in time', async () => {
    await cloud.stop();
    cloud = await startLocalCloud({ hostedUi: { idTokenLifetimeSeconds: 120 } });
    config = configFor(cloud);
    skew = { ms: -hour };
    const auth = authWith();
    await auth.signIn('COGNITO');
    expect(auth.state()).toMatchObject({
      message: expect.stringMatching(/1 hours? behind|60 minutes behind/),
    });
    const first = await auth.idToken();
    skew.ms += 90_000; // 30 s left by the service's clock, an hour and more by this one's

    const second = await auth.idToken();

    expect(second).not.toBe(first);
    expect(cloud.hostedUi.knobs.counters.refreshToken).toBe(1);
    auth.dispose();
  });
});
