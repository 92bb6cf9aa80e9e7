import { useAuth } from '../state/auth-store';

const connectionLabels = {
  connecting: 'Connecting…',
  online: 'Online',
  offline: 'Offline',
} as const;

/** Who is signed in and how connected, or the way to sign in; nothing for a local-only library. */
export function Account() {
  const auth = useAuth((state) => state.auth);
  const error = useAuth((state) => state.error);
  const { signIn, cancelSignIn, signOut } = useAuth.getState();

  if (auth.status === 'unconfigured') return null;
  const problem = error ?? auth.message;
  return (
    <div className="account" aria-label="Account" role="group">
      {auth.status === 'signed-in' && (
        <>
          <span className={`connection ${auth.connection}`} title={auth.caveat ?? undefined}>
            <span className="dot" aria-hidden="true" />
            <span className="nickname">{auth.nickname}</span>
            <span className="visually-hidden">, {connectionLabels[auth.connection]}</span>
          </span>
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </>
      )}
      {auth.status === 'signed-out' && (
        <>
          <button type="button" className="primary" onClick={() => void signIn('COGNITO')}>
            Sign in
          </button>
          {auth.providers.includes('LoginWithAmazon') && (
            <button type="button" onClick={() => void signIn('LoginWithAmazon')}>
              Sign in with Amazon
            </button>
          )}
        </>
      )}
      {auth.status === 'signing-in' && (
        <>
          <span className="waiting">Finish signing in in your browser…</span>
          <button type="button" onClick={cancelSignIn}>
            Cancel
          </button>
        </>
      )}
      {problem && (
        <span className="account-problem" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}
