import type { Browser } from '@playwright/test';

export { launchChromium } from '../../support/chromium';

/**
 * An `openBrowser` port that behaves like a person at the Hosted UI: it opens the URL in a real
 * Chromium tab and signs in (or continues as the Amazon user), without blocking the caller.
 */
export function loginAs(browser: Browser, how: { username: string; password: string } | 'amazon') {
  return async (url: string): Promise<void> => {
    void (async () => {
      const page = await browser.newPage();
      await page.goto(url);
      if (how === 'amazon') {
        await page.getByRole('button', { name: /^Continue as / }).click();
      } else {
        await page.getByLabel('Username').fill(how.username);
        await page.getByLabel('Password').fill(how.password);
        await page.getByRole('button', { name: 'Sign in' }).click();
      }
      await page.getByRole('heading', { name: 'Signed in to Shoebox' }).waitFor();
      await page.close();
    })().catch(() => {
      // A tab the test gave up on (a cancelled or refused sign-in, or the browser closed when the
      // file ends) is no failure of its own: each test judges the sign-in by its outcome.
    });
  };
}
