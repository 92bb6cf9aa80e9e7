import { expect, type BrowserContext, type Page } from '@playwright/test';

/** Clicks "Sign in" and answers the Hosted UI tab that opens. */
export async function startSignIn(page: Page, context: BrowserContext): Promise<Page> {
  const popup = context.waitForEvent('page');
  await page
    .getByRole('group', { name: 'Account' })
    .getByRole('button', { name: 'Sign in', exact: true })
    .click();
  return popup;
}

/** Fills the Hosted UI stand-in's login form as alice. */
export async function enterPassword(login: Page, password: string): Promise<void> {
  await login.getByLabel('Username').fill('alice');
  await login.getByLabel('Password').fill(password);
  await login.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in as alice through the Hosted UI tab and waits for the app to show her nickname. */
export async function signInAsAlice(page: Page, context: BrowserContext): Promise<void> {
  const login = await startSignIn(page, context);
  await enterPassword(login, 'correct horse');
  await login.close();
  await expect(
    page.getByRole('group', { name: 'Account' }).getByText('Alice', { exact: true }),
  ).toBeVisible();
}
