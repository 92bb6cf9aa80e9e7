/**
 * The HTML pages of the Hosted UI stand-in: the sign-in form, the fake "Login with Amazon" page and
 * error pages. Copies the controls a person (or a Playwright test) relies on: the "Username" and
 * "Password" fields, the "Sign in" button, the wording of Cognito's wrong-password message. It does
 * not copy Cognito's look, sign-up, "forgot password", MFA or Amazon's real consent screen.
 */
import type { AmazonUserInput } from './hosted-ui-users';

export const wrongPasswordMessage = 'Incorrect username or password.';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:sans-serif;max-width:22rem;margin:3rem auto}label,input,button{display:block;margin:.4rem 0}.error{color:#b00}</style>
</head>
<body>${body}</body>
</html>`;
}

/** The Cognito-style sign-in form; `error` re-renders it after a failed attempt. */
export function loginPage(options: {
  action: string;
  clientName: string;
  username?: string;
  error?: string;
}): string {
  const error = options.error
    ? `<p class="error" role="alert">${escapeHtml(options.error)}</p>`
    : '';
  return page(
    'Signin',
    `<h1>Sign in with your username and password</h1>
<p>${escapeHtml(options.clientName)}</p>
${error}
<form method="post" action="${escapeHtml(options.action)}">
  <label for="username">Username</label>
  <input id="username" name="username" autocomplete="username" value="${escapeHtml(options.username ?? '')}">
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password">
  <button type="submit" name="action" value="signin">Sign in</button>
  <button type="submit" name="action" value="cancel" formnovalidate>Cancel</button>
</form>`,
  );
}

/** The stand-in for Amazon's own sign-in page, reached through `identity_provider=LoginWithAmazon`. */
export function amazonPage(options: { action: string; users: readonly AmazonUserInput[] }): string {
  const buttons = options.users
    .map(
      (user) =>
        `<button type="submit" name="amazonUserId" value="${escapeHtml(user.amazonUserId)}">Continue as ${escapeHtml(user.name)}</button>`,
    )
    .join('\n  ');
  return page(
    'Login with Amazon',
    `<h1>Login with Amazon</h1>
<form method="post" action="${escapeHtml(options.action)}">
  ${buttons}
  <button type="submit" name="action" value="cancel">Cancel</button>
</form>`,
  );
}

export function errorPage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1><p role="alert">${escapeHtml(message)}</p>`);
}
