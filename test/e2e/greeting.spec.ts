import { expect, test, type Page } from '@playwright/test';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { startCloudApp, type CloudApp } from './cloud-app';
import { signInAsAlice } from './sign-in-steps';

let app: CloudApp;

test.beforeEach(async () => {
  app = await startCloudApp();
});

test.afterEach(async () => {
  await app.stop();
});

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
  await app.open(page);
  await signInAsAlice(page, context);
  const account = page.getByRole('group', { name: 'Account' });

  const sayHello = account.getByRole('button', { name: 'Say hello' });
  await sayHello.click();
  await expect.poll(async () => (await audioState(page)).currentTime).toBeGreaterThan(0);
  const first = await audioState(page);
  expect(first.src).toMatch(/^\/media\/voice\/[0-9a-f]{64}$/);
  expect(first.error).toBeNull();
  expect(app.cloud.polly.knobs.lastRequest).toMatchObject({
    text: 'Hello, Alice!',
    textType: 'text',
  });
  expect(app.cloud.polly.knobs.synthesized).toBe(1);
  await account.screenshot({ path: testInfo.outputPath('account.png') });
  await page.screenshot({ path: testInfo.outputPath('page.png') });

  // Played to the end, then replayed: from the cache, with no call to Polly.
  await page.getByTestId('greeting-audio').evaluate((element: HTMLAudioElement) => {
    element.pause();
    element.currentTime = 0;
  });
  const calls = app.cloud.polly.knobs.calls;
  await sayHello.click();
  await expect.poll(async () => (await audioState(page)).currentTime).toBeGreaterThan(0);
  expect(app.cloud.polly.knobs.calls).toBe(calls);

  // Offline with nothing cached: the system voice says the same words, and the page says so.
  await app.cloud.polly.stop();
  for (const file of await readdir(join(app.library, 'voice'))) {
    await rm(join(app.library, 'voice', file));
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
