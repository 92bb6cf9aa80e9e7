import { expect, test, type Page } from '@playwright/test';
import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startLocalCloud, type LocalCloud } from '../local-cloud/start-local-cloud';
import { startWebHost, type RunningHost } from '../support/start-web-host';
import { tempDir } from '../support/temp-dir';
import { enterPassword, startSignIn } from './sign-in-steps';

let cloud: LocalCloud;
let work: Awaited<ReturnType<typeof tempDir>>;
let host: RunningHost | null = null;

test.beforeEach(async () => {
  cloud = await startLocalCloud();
  work = await tempDir('greeting');
  await writeFile(join(work.path, 'config.json'), JSON.stringify(cloud.config));
});

test.afterEach(async () => {
  await host?.stop();
  host = null;
  await cloud.stop();
  await work.remove();
});

const library = () => join(work.path, 'library');

/** The greeting's <audio> element's playback position and source. */
function audioState(page: Page) {
  return page.getByTestId('greeting-audio').evaluate((element: HTMLAudioElement) => ({
    currentTime: element.currentTime,
    src: element.getAttribute('src'),
    error: element.error?.message ?? null,
  }));
}

test('the speaker button says hello with Polly, replays from the cache, and falls back offline', async ({
  page,
  context,
}, testInfo) => {
  // Records what the system voice is asked to say; Chromium's own voices are not there headless.
  await page.addInitScript(() => {
    const spoken: string[] = [];
    Object.assign(window, { spokenBySystem: spoken });
    window.speechSynthesis.speak = (utterance) => void spoken.push(utterance.text);
  });
  host = await startWebHost(['--data-dir', library(), '--config', join(work.path, 'config.json')]);
  await page.goto(host.url);
  const account = page.getByRole('group', { name: 'Account' });
  const login = await startSignIn(page, context);
  await enterPassword(login, 'correct horse');
  await login.close();
  await expect(account.getByText('Alice', { exact: true })).toBeVisible();

  const sayHello = account.getByRole('button', { name: 'Say hello' });
  await sayHello.click();
  await expect.poll(async () => (await audioState(page)).currentTime).toBeGreaterThan(0);
  const first = await audioState(page);
  expect(first.src).toMatch(/^\/media\/voice\/[0-9a-f]{64}$/);
  expect(first.error).toBeNull();
  expect(cloud.polly.knobs.lastRequest).toMatchObject({ text: 'Hello, Alice!', textType: 'text' });
  expect(cloud.polly.knobs.synthesized).toBe(1);
  await account.screenshot({ path: testInfo.outputPath('account.png') });
  await page.screenshot({ path: testInfo.outputPath('page.png') });

  // Played to the end, then replayed: from the cache, with no call to Polly.
  await page.getByTestId('greeting-audio').evaluate((element: HTMLAudioElement) => {
    element.pause();
    element.currentTime = 0;
  });
  const calls = cloud.polly.knobs.calls;
  await sayHello.click();
  await expect.poll(async () => (await audioState(page)).currentTime).toBeGreaterThan(0);
  expect(cloud.polly.knobs.calls).toBe(calls);

  // Offline with nothing cached: the system voice says the same words, and the page says so.
  await cloud.polly.stop();
  for (const file of await readdir(join(library(), 'voice'))) {
    await rm(join(library(), 'voice', file));
  }
  await sayHello.click();
  await expect(account.getByRole('status')).toHaveText(
    "Polly is unreachable; using your system's voice",
  );
  expect(
    await page.evaluate(() => (window as unknown as { spokenBySystem: string[] }).spokenBySystem),
  ).toEqual(['Hello, Alice!']);
  await account.screenshot({ path: testInfo.outputPath('account-offline.png') });
});
