import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthError } from '../../../main/auth/auth-error';
import { awaitSchemeCallback } from '../../../main/auth/scheme-callback';

// The packaged app's sign-in redirect, `shoebox://auth/callback?code=…&state=…`, handed over by
// the OS. Any local program can open such a link, so only the awaited state counts.
const redirectUri = 'shoebox://auth/callback';
const timeoutMs = 120_000;

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('awaitSchemeCallback (the shoebox://auth/callback deep link)', () => {
  it('ignores deep links with a wrong or missing state, then takes the one with the right state', async () => {
    const callback = awaitSchemeCallback(redirectUri, timeoutMs);
    let settled = false;
    void callback.url.then(
      () => (settled = true),
      () => (settled = true),
    );
    // Before the sign-in request is open, no state is awaited: even a plausible link is ignored.
    expect(callback.deliver(`${redirectUri}?code=early&state=right-state`)).toBe(false);
    callback.expectState('right-state');
    const ignored = [
      `${redirectUri}?code=forged&state=wrong-state`,
      `${redirectUri}?code=forged`,
      `${redirectUri}?code=forged&state=`,
      `${redirectUri}?code=forged&state=right-state-and-more`,
      `shoebox://auth/elsewhere?code=forged&state=right-state`,
      `${redirectUri}/extra?code=forged&state=right-state`,
    ];
    for (const link of ignored) expect(callback.deliver(link), link).toBe(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false); // the forged links did not end the sign-in

    const right = `${redirectUri}?code=real-code&state=right-state`;
    expect(callback.deliver(right)).toBe(true);
    await expect(callback.url).resolves.toBe(right);
    // Once taken, nothing else is.
    expect(callback.deliver(right)).toBe(false);
  });

  it('rejects with a timeout when the right link never comes, whatever wrong ones do', async () => {
    const callback = awaitSchemeCallback(redirectUri, timeoutMs);
    callback.expectState('right-state');
    expect(callback.deliver(`${redirectUri}?code=forged&state=wrong-state`)).toBe(false);
    const outcome = callback.url.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(timeoutMs);
    const error = await outcome;
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ code: 'timeout' });
    expect(callback.deliver(`${redirectUri}?code=late&state=right-state`)).toBe(false);
  });

  it('rejects as cancelled when closed', async () => {
    const callback = awaitSchemeCallback(redirectUri, timeoutMs);
    callback.expectState('right-state');
    callback.close();
    await expect(callback.url).rejects.toMatchObject({ code: 'cancelled' });
    expect(callback.deliver(`${redirectUri}?code=late&state=right-state`)).toBe(false);
  });
});
