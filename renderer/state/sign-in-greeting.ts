import type { AuthState } from '../../contract/auth';
import { useAuth } from './auth-store';
import { useSettings } from './settings-store';
import { useVoice } from './voice-store';

type SignedIn = Extract<AuthState, { readonly status: 'signed-in' }>;

/**
 * Whether this change is someone finishing a sign-in, as opposed to the app starting (or
 * reconnecting) while already signed in: only a sign-in that was under way counts.
 */
export function finishedSigningIn(previous: AuthState, next: AuthState): next is SignedIn {
  return previous.status === 'signing-in' && next.status === 'signed-in';
}

/**
 * Plays the greeting, as the greeting button does, when someone finishes signing in and has
 * asked for it (settings.greetOnSignIn). Answers the unsubscribe.
 */
export function greetOnSignIn(): () => void {
  return useAuth.subscribe((state, previous) => {
    const next = state.auth;
    if (finishedSigningIn(previous.auth, next)) void greetIfWanted(next.nickname);
  });
}

async function greetIfWanted(nickname: string): Promise<void> {
  const settings = useSettings.getState().settings ?? (await useSettings.getState().load());
  if (settings?.greetOnSignIn) await useVoice.getState().greet(nickname);
}
