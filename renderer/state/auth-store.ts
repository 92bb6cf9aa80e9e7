import type { AuthState, SignInProvider } from '../../contract/auth';
import { shoebox } from '../bridge/shoebox';
import { createStore } from './create-store';
import { problemText } from './problem-words';

interface AuthStoreState {
  readonly auth: AuthState;
  /** A request that failed before the sign-in even started (e.g. the port is busy). */
  readonly error: string | null;
  load(): Promise<void>;
  changed(auth: AuthState): void;
  signIn(provider: SignInProvider): Promise<void>;
  cancelSignIn(): void;
  /** `endHostedUiSession`: also sign out of the Hosted UI in the browser. */
  signOut(endHostedUiSession: boolean): Promise<void>;
  importConfig(file: File): Promise<void>;
  /** Why the config just chosen cannot be used, with every wrong field; shown in a dialog. */
  readonly configProblem: ConfigProblem | null;
  dismissConfigProblem(): void;
}

export interface ConfigProblem {
  readonly fileName: string;
  readonly message: string;
  readonly problems: readonly string[];
}

/** The schema caps config text at 100,000 characters; anything bigger is not a config. */
const maxConfigBytes = 100_000;

export const useAuth = createStore<AuthStoreState>((set) => ({
  auth: { status: 'unconfigured' },
  error: null,
  configProblem: null,
  dismissConfigProblem() {
    set({ configProblem: null });
  },
  async load() {
    const result = await shoebox().auth.state();
    if (result.ok) set({ auth: result.value });
  },
  changed(auth) {
    set({ auth, error: null });
  },
  async signIn(provider) {
    set({ error: null });
    const result = await shoebox().auth.signIn(provider);
    if (!result.ok) set({ error: problemText(result.error) });
  },
  cancelSignIn() {
    void shoebox().auth.cancelSignIn();
  },
  async importConfig(file) {
    const fileName = file.name;
    if (file.size > maxConfigBytes) {
      const message = `It is ${Math.round(file.size / 1024)} KB; a Shoebox config is a few hundred bytes.`;
      set({ configProblem: { fileName, message, problems: [] } });
      return;
    }
    const result = await shoebox().auth.setConfig(await file.text());
    if (result.ok) set({ auth: result.value, error: null, configProblem: null });
    else {
      const { problems = [] } = result.error;
      set({ configProblem: { fileName, message: problemText(result.error), problems } });
    }
  },
  async signOut(endHostedUiSession) {
    const result = await shoebox().auth.signOut(endHostedUiSession);
    set(result.ok ? { auth: result.value, error: null } : { error: problemText(result.error) });
  },
}));

/** Selector: whether someone is signed in (uploads, sync and cloud badges depend on it). */
export const selectSignedIn = (state: Pick<AuthStoreState, 'auth'>) =>
  state.auth.status === 'signed-in';
