import { expect, test, type Page } from '@playwright/test';
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

test('sign in through the Hosted UI, stay signed in across a restart, sign out', async ({
  page,
  context,
}) => {
  await openApp(page);
  const account = page.getByRole('group', { name: 'Account' });
  const login = await startSignIn(page, context);
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
  const forbidden = [
    secret.refreshToken,
    'eyJ',
    ...app.cloud.registry.all().flatMap((c) => [c.secretAccessKey, c.sessionToken]),
  ];
  const output = host!.output.join('\n');
  // The log in the data folder, and the "Copy diagnostics" text, are held to the same rule.
  const log = await readFile(join(app.library, 'logs', 'shoebox.log'), 'utf8');
  expect(log).toContain('"message":"auth changed"');
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
