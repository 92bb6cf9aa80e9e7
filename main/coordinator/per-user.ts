import type { ShoeboxConfig } from '../config/shoebox-config';
import type { AuthService } from '../auth/auth-service';

/** Who something was made for: one sign-in service (one backend) and one user of it. */
export interface UserContext {
  readonly auth: AuthService;
  readonly config: ShoeboxConfig;
}

/**
 * Something that belongs to one signed-in user of one backend, such as AWS clients holding that
 * user's identity-pool credentials: made on first use, and made again (the old one disposed)
 * when the backend or the user changes. Null while nobody is signed in.
 */
export class PerUser<T extends { dispose(): void }> {
  private held: { readonly auth: AuthService; readonly sub: string; readonly value: T } | null =
    null;

  constructor(private readonly make: (user: UserContext) => T) {}

  get(auth: AuthService | null, config: ShoeboxConfig | null): T | null {
    const sub = auth?.identity()?.sub ?? null;
    if (!auth || !config || sub === null) {
      this.dispose();
      return null;
    }
    if (this.held?.auth !== auth || this.held.sub !== sub) {
      this.dispose();
      this.held = { auth, sub, value: this.make({ auth, config }) };
    }
    return this.held.value;
  }

  dispose(): void {
    this.held?.value.dispose();
    this.held = null;
  }
}
