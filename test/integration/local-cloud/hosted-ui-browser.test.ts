import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { decodeJwt } from 'jose';
import { startHostedUi, type HostedUi } from '../../local-cloud/hosted-ui';
import { launchChromium } from '../../support/chromium';
import { oidcClient } from './hosted-ui-driver';

/** A stand-in for the app's loopback listener: it answers every visit and reports it. */
async function startAppListener(): Promise<{ origin: string; server: Server; visits: string[] }> {
  const visits: string[] = [];
  const server = createServer((req, res) => {
    // Chromium may ask for a favicon after the page, in either order; it is not a visit.
    if (req.url !== '/favicon.ico') visits.push(req.url ?? '/');
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<title>Shoebox</title>back in the app');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://localhost:${port}`, server, visits };
}

describe('the Hosted UI stand-in in a real browser', () => {
  let hostedUi: HostedUi;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let app: Awaited<ReturnType<typeof startAppListener>>;

  beforeAll(async () => {
    app = await startAppListener();
    hostedUi = await startHostedUi({
      extraRedirectUris: [`${app.origin}/callback`],
      extraLogoutUris: [`${app.origin}/signed-out`],
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await hostedUi?.stop();
    app?.server.close();
  });
  beforeEach(async () => {
    context = await browser.newContext();
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
  });
  afterEach(async () => {
    await context.close();
  });

  const backInTheApp = (path: string) =>
    page.waitForURL((url) => url.href.startsWith(`${app.origin}${path}`));
  const client = () => oidcClient(hostedUi, `${app.origin}/callback`);

  it('signs in through the login form, after a wrong password', async () => {
    const oidc = client();
    const request = await oidc.createSigninRequest({});
    await page.goto(request.url);
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password').fill('battery staple');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('Incorrect username or password.');

    await page.getByLabel('Password').fill('correct horse');
    await Promise.all([
      backInTheApp('/callback'),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    const signin = await oidc.processSigninResponse(page.url());
    expect(signin.profile.email).toBe('alice@example.com');
    expect(decodeJwt(signin.id_token!)['cognito:username']).toBe('alice');

    // The Hosted UI remembers the browser until /logout, then asks again.
    const silent = await oidc.createSigninRequest({});
    await Promise.all([backInTheApp('/callback'), page.goto(silent.url)]);
    const logout = new URLSearchParams({
      client_id: hostedUi.clientId,
      logout_uri: `${app.origin}/signed-out`,
    });
    await Promise.all([
      backInTheApp('/signed-out'),
      page.goto(`${hostedUi.baseUrl}/logout?${logout}`),
    ]);
    await page.goto((await oidc.createSigninRequest({})).url);
    await expect.poll(() => page.getByLabel('Password').isVisible()).toBe(true);
  });

  it('shows "Login with Amazon" for identity_provider=LoginWithAmazon', async () => {
    const oidc = client();
    const request = await oidc.createSigninRequest({
      extraQueryParams: { identity_provider: 'LoginWithAmazon' },
    });
    await page.goto(request.url);
    expect(await page.title()).toBe('Login with Amazon');
    await Promise.all([
      backInTheApp('/callback'),
      page.getByRole('button', { name: 'Continue as Bob' }).click(),
    ]);
    const signin = await oidc.processSigninResponse(page.url());
    expect(decodeJwt(signin.id_token!)['cognito:username']).toMatch(/^LoginWithAmazon_amzn1\./);
  });

  it('sends Cancel back to the app as error=access_denied', async () => {
    const oidc = client();
    await page.goto((await oidc.createSigninRequest({})).url);
    await Promise.all([
      backInTheApp('/callback'),
      page.getByRole('button', { name: 'Cancel' }).click(),
    ]);
    const callback = new URL(page.url());
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('code')).toBeNull();
    expect(app.visits.at(-1)).toBe(`${callback.pathname}${callback.search}`);
  });
});
