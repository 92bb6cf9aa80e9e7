import { useRef } from 'react';
import { usePopover } from './use-popover';
import { useAuth } from '../state/auth-store';
import { useVoiceList } from '../state/voice-list-store';
import { ConfigProblemDialog } from './config-problem-dialog';
import { GreetingButton } from './greeting-button';
import { VoicePicker } from './voice-picker';

const connectionLabels = {
  connecting: 'Connecting…',
  online: 'Online',
  offline: 'Offline',
} as const;

/** Who is signed in and how connected, or the way to sign in; nothing for a local-only library. */
export function Account() {
  const auth = useAuth((state) => state.auth);
  const error = useAuth((state) => state.error);
  const { signIn, cancelSignIn, signOut, importConfig } = useAuth.getState();
  const configInput = useRef<HTMLInputElement>(null);
  const { ref: menuRef, onKeyDown: onMenuKeyDown } = usePopover();

  if (auth.status === 'unconfigured') {
    return (
      <div className="account" aria-label="Account" role="group">
        <button type="button" onClick={() => configInput.current?.click()}>
          Connect your AWS backend…
        </button>
        <input
          ref={configInput}
          type="file"
          accept=".json,application/json"
          hidden
          aria-label="Backend config file"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void importConfig(file);
            event.target.value = '';
          }}
        />
        {error && (
          <span className="account-problem" role="alert" title={error}>
            {error}
          </span>
        )}
        <ConfigProblemDialog />
      </div>
    );
  }
  const problem = error ?? auth.message;
  return (
    <div className="account" aria-label="Account" role="group">
      {auth.status === 'signed-in' && (
        <>
          <details
            ref={menuRef}
            className="popover account-menu"
            onKeyDown={onMenuKeyDown}
            onToggle={(event) => {
              if (event.currentTarget.open) void useVoiceList.getState().load();
            }}
          >
            <summary className={`connection ${auth.connection}`}>
              <span className="dot" aria-hidden="true" />
              <span className="nickname">{auth.nickname}</span>
              <span className="visually-hidden">, {connectionLabels[auth.connection]}</span>
            </summary>
            <div className="menu">
              {auth.email && <p>{auth.email}</p>}
              <p>{connectionLabels[auth.connection]}</p>
              {auth.persistence === 'memory' && <p>Not remembered after quitting.</p>}
              {auth.caveat && <p className="caveat">{auth.caveat}</p>}
              <VoicePicker />
              <button type="button" onClick={() => void signOut(true)}>
                Sign out and end the web sign-in too
              </button>
            </div>
          </details>
          <GreetingButton nickname={auth.nickname} />
          {auth.persistence === 'memory' && (
            <span className="session-note wide-only" title={auth.caveat ?? undefined}>
              Not remembered after quitting
            </span>
          )}
          <button type="button" onClick={() => void signOut(false)}>
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
        <span className="account-problem" role="alert" title={problem}>
          {problem}
        </span>
      )}
    </div>
  );
}
