import type { AuthState } from '../../contract/auth';
import { AuthError } from '../auth/auth-error';
import type { AuthService } from '../auth/auth-service';
import { AppError } from '../model/app-error';
import type { HandlerTable } from './handler-table';

type AuthChannels = 'auth.state' | 'auth.signIn' | 'auth.cancelSignIn' | 'auth.signOut';

const unconfigured: AuthState = { status: 'unconfigured' };

/** Sign-in operations; without a cloud config every one answers "not configured". */
export function authHandlers(
  currentAuth: () => AuthService | null,
  mainOpensBrowser: boolean,
): Pick<HandlerTable, AuthChannels> {
  const need = (): AuthService => {
    const auth = currentAuth();
    if (!auth)
      throw new AppError(
        'not-configured',
        'No cloud backend is set up, so there is nothing to sign in to.',
      );
    return auth;
  };
  return {
    'auth.state': async () => currentAuth()?.state() ?? unconfigured,
    'auth.signIn': async ({ provider }) => {
      try {
        const { authorizeUrl, done } = await need().startSignIn(provider);
        done.catch(() => undefined); // the outcome reaches the page as an auth.changed event
        return { authorizeUrl: mainOpensBrowser ? null : authorizeUrl };
      } catch (error) {
        if (error instanceof AuthError) throw new AppError('sign-in-failed', error.message);
        throw error;
      }
    },
    'auth.cancelSignIn': async () => {
      need().cancelSignIn();
      return { cancelled: true };
    },
    'auth.signOut': async ({ endHostedUiSession }) => {
      const service = need();
      const logoutUrl = await service.signOut(endHostedUiSession);
      return { state: service.state(), logoutUrl: mainOpensBrowser ? null : logoutUrl };
    },
  };
}
