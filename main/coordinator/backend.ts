import type { AuthState } from '../../contract/auth';
import type { AuthService } from '../auth/auth-service';
import type { SecretStore } from '../auth/secret-store';
import type { Catalog } from '../catalog/catalog';
import type { ShoeboxConfig } from '../config/shoebox-config';
import { importCloudConfig, storedCloudConfig } from '../settings/cloud-config-source';

export interface BackendDeps {
  readonly settings: Catalog['settings'];
  /** The host's config (a `--config` file); the one stored in the library when null. */
  readonly configured: ShoeboxConfig | null;
  readonly secrets: SecretStore;
  readonly makeAuth: (config: ShoeboxConfig) => AuthService;
  /** Told when the backend is replaced, with the new sign-in state. */
  readonly onChanged: (state: AuthState) => void;
}

/**
 * The cloud backend this library talks to, and the sign-in service for it. Null while Shoebox is
 * a local library with nothing to sign in to.
 */
export class Backend {
  private current: ShoeboxConfig | null;
  private service: AuthService | null;

  constructor(private readonly deps: BackendDeps) {
    this.current = deps.configured ?? storedCloudConfig(deps.settings);
    this.service = this.current ? deps.makeAuth(this.current) : null;
  }

  config(): ShoeboxConfig | null {
    return this.current;
  }

  auth(): AuthService | null {
    return this.service;
  }

  /** Switches to the backend in `text` (a config file's JSON); the old session is forgotten. */
  async replace(text: string): Promise<AuthState> {
    const next = importCloudConfig(this.deps.settings, text);
    this.service?.dispose();
    // Another backend: the old session means nothing there.
    await this.deps.secrets.clear();
    this.current = next;
    this.service = this.deps.makeAuth(next);
    const state = this.service.state();
    this.deps.onChanged(state);
    return state;
  }

  dispose(): void {
    this.service?.dispose();
  }
}
