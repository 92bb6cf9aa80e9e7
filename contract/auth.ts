export const signInProviders = ['COGNITO', 'LoginWithAmazon'] as const;
export type SignInProvider = (typeof signInProviders)[number];

/** Where the session is kept between runs; `caveat` says why it is not the OS keychain. */
export interface SessionPersistence {
  readonly persistence: 'keychain' | 'file' | 'memory';
  readonly caveat: string | null;
}

/** What the renderer knows about sign-in: never a token, never a credential. */
export type AuthState =
  | { readonly status: 'unconfigured' }
  | ({
      readonly status: 'signed-out' | 'signing-in';
      readonly providers: readonly SignInProvider[];
      /** Why the last attempt failed or the session ended, if it did. */
      readonly message: string | null;
    } & SessionPersistence)
  | ({
      readonly status: 'signed-in';
      readonly nickname: string;
      readonly email: string | null;
      readonly connection: 'connecting' | 'online' | 'offline';
      readonly message: string | null;
    } & SessionPersistence);
