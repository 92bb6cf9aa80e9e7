import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunningHost } from '../support/start-web-host';
import { startCloudApp, type CloudApp } from './cloud-app';
import { enterPassword, startSignIn } from './sign-in-steps';

let app: CloudApp;
let host: RunningHost | null = null;
const frames: string[] = [];

test.beforeEach(async () => {
  app = await startCloudApp();
  frames.length = 0;
});

test.afterEach(async () => {
  await app.stop();
});

/** Opens the app, recording every WebSocket frame for the canary. */
async function openApp(page: Page): Promise<void> {
  page.on('websocket', (socket) => {
    socket.on('framereceived', ({ payload }) => frames.push(String(payload)));
    socket.on('framesent', ({ payload }) => frames.push(String(payload)));
  });
  host = await app.open(page);
}

/** The authorization codes the Hosted UI sent the browser back with (the real ones). */
function recordAuthorizationCodes(context: BrowserContext): string[] {
  const codes: string[] = [];
  context.on('request', (request) => {
    const url = new URL(request.url());
    const code = url.searchParams.get('code');
    if (url.port === '17823' && url.pathname === '/callback' && code) codes.push(code);
  });
  return codes;
}

// Token-shaped values another local process puts in forged redirects: the host logs those
// redirects, so a redactor that missed a shape would write them down. A five-part JWE like
// Cognito's refresh token (once masked only in its first three parts), an AWS secret key
// (letters and digits only, so it is not percent-encoded in the URL), and a code.
const fakeJwe = ['eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ', 256, 12, 600, 16]
  .map((part) => (typeof part === 'string' ? part : randomBytes(part).toString('base64url')))
  .join('.');
const fakeSecretKey = `Ab1${randomBytes(60).toString('base64').replace(/[+/=]/g, '')}`.slice(0, 40);
const forgedCode = randomBytes(24).toString('base64url');

/** Sends the callback a redirect with the wrong state through both loopback addresses. */
async function forgeRedirects(): Promise<void> {
  const query = new URLSearchParams({
    code: forgedCode,
    state: 'not-this-sign-in',
    id_token: fakeJwe,
    error_description: fakeSecretKey,
  });
  for (const address of ['127.0.0.1', '[::1]']) {
    const answer = await fetch(`http://${address}:17823/callback?${query}`);
    expect(answer.status, `forged redirect through ${address}`).toBe(400);
    expect(await answer.text()).toContain('Not this sign-in');
  }
  // No state at all is no better.
  expect((await fetch(`http://[::1]:17823/callback?code=${forgedCode}`)).status).toBe(400);
}

/** Every log file the host wrote in the data folder, as one text. */
async function logFiles(library: string): Promise<string> {
  const folder = join(library, 'logs');
  const names = await readdir(folder);
  const texts = await Promise.all(names.map((name) => readFile(join(folder, name), 'utf8')));
  return texts.join('\n');
}

test('sign in through the Hosted UI, stay signed in across a restart, sign out', async ({
  page,
  context,
}) => {
  const authorizationCodes = recordAuthorizationCodes(context);
  await openApp(page);
  const account = page.getByRole('group', { name: 'Account' });
  const login = await startSignIn(page, context);
  // Another local process races the browser with forged redirects: ignored, the sign-in waits.
  await forgeRedirects();
  await enterPassword(login, 'correct horse');
  await expect(login.getByRole('heading', { name: 'Signed in to Shoebox' })).toBeVisible();
  await login.close();

  await expect(account.getByText('Alice', { exact: true })).toBeVisible();
  await expect(account.getByText(', Online')).toBeAttached();
  expect(app.cloud.hostedUi.knobs.counters.authorizationCode).toBe(1);

  await app.stopHost();
  await openApp(page);
  await expect(account.getByText('Alice', { exact: true })).toBeVisible();
  await expect(account.getByText(', Online')).toBeAttached();
  expect(app.cloud.hostedUi.knobs.counters.refreshToken).toBeGreaterThanOrEqual(1);

  // Canary: no token or credential ever reached the page, the host's output or the catalog.
  const secret = JSON.parse(await readFile(join(app.library, 'session.secret'), 'utf8')) as {
    refreshToken: string;
  };
  expect(authorizationCodes).toHaveLength(1);
  const forbidden = [
    secret.refreshToken,
    'eyJ',
    ...app.cloud.registry.all().flatMap((c) => [c.secretAccessKey, c.sessionToken]),
    ...authorizationCodes,
    forgedCode,
    ...fakeJwe.split('.'),
    fakeSecretKey,
  ];
  const output = host!.output.join('\n');
  // The logs in the data folder, and the "Copy diagnostics" text, are held to the same rule.
  const log = await logFiles(app.library);
  expect(log).toContain('"message":"auth changed"');
  // The canary is live: the redirects, codes and forged tokens in them, went through the log.
  const redirects = log
    .split('\n')
    .filter((line) => line.includes('sign-in redirect'))
    .map((line) => JSON.parse(line) as { message: string; address: string });
  expect(redirects.map((r) => [r.message.split(':')[0], r.address])).toEqual([
    ['sign-in redirect ignored', '127.0.0.1'],
    ['sign-in redirect ignored', '::1'],
    ['sign-in redirect ignored', '::1'],
    // Chromium tries ::1 first for localhost: the real code came through the [::1] listener.
    ['sign-in redirect received', '::1'],
  ]);
  const diagnostics = await page.evaluate(async () => {
    const answer = await window.shoebox!.app.diagnostics();
    return answer.ok ? answer.value.text : answer.error.message;
  });
  expect(diagnostics).toContain('Shoebox diagnostics');
  expect(diagnostics).toContain('auth changed');
  const catalog = await readFile(join(app.library, 'catalog.sqlite'), 'latin1');
  for (const needle of forbidden) {
    expect(
      frames.some((frame) => frame.includes(needle)),
      `page traffic contains ${needle.slice(0, 8)}…`,
    ).toBe(false);
    expect(output.includes(needle), `host output contains ${needle.slice(0, 8)}…`).toBe(false);
    expect(catalog.includes(needle), `catalog contains ${needle.slice(0, 8)}…`).toBe(false);
    expect(log.includes(needle), `log contains ${needle.slice(0, 8)}…`).toBe(false);
    expect(diagnostics.includes(needle), `diagnostics contain ${needle.slice(0, 8)}…`).toBe(false);
  }
  expect(await page.evaluate(() => document.documentElement.outerHTML.includes('eyJ'))).toBe(false);

  await account.getByRole('button', { name: 'Sign out' }).click();
  await expect(account.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  await expect.poll(() => app.cloud.hostedUi.knobs.counters.revoke).toBe(1);
  expect(await readdir(app.library)).not.toContain('session.secret');
});

test('a wrong password is answered on the Hosted UI, and cancelling says so in the app', async ({
  page,
  context,
}) => {
  await openApp(page);
  const account = page.getByRole('group', { name: 'Account' });
  const login = await startSignIn(page, context);
  await enterPassword(login, 'wrong');
  await expect(login.getByRole('alert')).toHaveText('Incorrect username or password.');
  await login.getByRole('button', { name: 'Cancel' }).click();
  await expect(account.getByRole('alert')).toHaveText('Sign-in was cancelled.');
  await expect(account.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
});

test('signing out can end the Hosted UI session, so the next sign-in asks for the password again', async ({
  page,
  context,
}) => {
  await openApp(page);
  const account = page.getByRole('group', { name: 'Account' });
  const login = await startSignIn(page, context);
  await enterPassword(login, 'correct horse');
  await expect(account.getByText('Alice', { exact: true })).toBeVisible();
  await login.close();

  await account.getByText('Alice', { exact: true }).click();
  await expect(account.getByText('alice@example.com')).toBeVisible();
  const logout = context.waitForEvent('page');
  await account.getByRole('button', { name: 'Sign out and end the web sign-in too' }).click();
  await expect(
    (await logout).getByRole('heading', { name: 'Signed out of Shoebox' }),
  ).toBeVisible();
  await expect(account.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();

  const again = await startSignIn(page, context);
  await expect(again.getByLabel('Password')).toBeVisible();
});
