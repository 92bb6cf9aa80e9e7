// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, waitFor } from '@testing-library/react';
import type { AuthState } from '../../../contract/auth';
import { ok } from '../../../contract/result';
import { defaultSettings } from '../../../contract/settings';
import { App } from '../../../renderer/components/app';
import { resetAllStores } from '../../../renderer/state/create-store';
import { finishedSigningIn } from '../../../renderer/state/sign-in-greeting';
import { fakeBridge } from './fake-bridge';

const session = { persistence: 'keychain', caveat: null } as const;
const signingIn: AuthState = {
  status: 'signing-in',
  providers: ['COGNITO'],
  message: null,
  ...session,
};
const signedIn: AuthState = {
  status: 'signed-in',
  nickname: 'Ana',
  email: null,
  connection: 'online',
  message: null,
  ...session,
};

describe('finishedSigningIn', () => {
  it('is only the step from signing in to signed in', () => {
    expect(finishedSigningIn(signingIn, signedIn)).toBe(true);
    expect(finishedSigningIn({ status: 'unconfigured' }, signedIn)).toBe(false);
    expect(finishedSigningIn(signedIn, { ...signedIn, connection: 'offline' })).toBe(false);
    expect(finishedSigningIn(signingIn, { ...signingIn, status: 'signed-out' })).toBe(false);
  });
});

describe('greeting on sign-in', () => {
  let fake: ReturnType<typeof fakeBridge>;
  const play = vi.fn(async () => undefined);

  beforeEach(() => {
    fake = fakeBridge();
    window.shoebox = fake.bridge;
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(play);
  });
  afterEach(() => {
    cleanup();
    resetAllStores();
    vi.restoreAllMocks();
    play.mockClear();
    delete window.shoebox;
  });

  async function startApp(greetOnSignIn: boolean, initial: AuthState) {
    fake.bridge.settings.get.mockResolvedValue(ok({ ...defaultSettings, greetOnSignIn }));
    fake.bridge.auth.state.mockResolvedValue(ok(initial));
    render(<App />);
    await waitFor(() => expect(fake.bridge.settings.get).toHaveBeenCalled());
    await act(async () => undefined);
  }

  it('plays the greeting, as the button does, when someone finishes signing in', async () => {
    await startApp(true, signingIn);
    act(() => fake.emit('auth.changed', signedIn));
    await waitFor(() => expect(play).toHaveBeenCalledTimes(1));
    expect(fake.bridge.voice.greet).toHaveBeenCalledTimes(1);
  });

  it('stays quiet when the app starts already signed in, or changes connection', async () => {
    await startApp(true, signedIn);
    act(() => fake.emit('auth.changed', { ...signedIn, connection: 'offline' }));
    await act(async () => undefined);
    expect(fake.bridge.voice.greet).not.toHaveBeenCalled();
  });

  it('stays quiet when the setting is off', async () => {
    await startApp(false, signingIn);
    act(() => fake.emit('auth.changed', signedIn));
    await act(async () => undefined);
    expect(fake.bridge.voice.greet).not.toHaveBeenCalled();
  });
});
