/**
 * The slice of oidc-provider 9's API the Hosted UI stand-in uses. The package ships no types and
 * there is no @types package for version 9; this declares only what test/local-cloud calls.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export type AdapterPayload = Record<string, unknown> & {
    grantId?: string;
    uid?: string;
    userCode?: string;
    consumed?: number;
  };

  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export interface ClaimsResult {
    sub: string;
    [claim: string]: unknown;
  }

  export interface Account {
    accountId: string;
    claims(use: 'id_token' | 'userinfo', scope: string): Promise<ClaimsResult> | ClaimsResult;
  }

  export interface ClientMetadata {
    client_id: string;
    token_endpoint_auth_method?: 'none' | 'client_secret_basic' | 'client_secret_post';
    application_type?: 'web' | 'native';
    redirect_uris: string[];
    post_logout_redirect_uris?: string[];
    grant_types?: string[];
    response_types?: string[];
    id_token_signed_response_alg?: string;
    require_auth_time?: boolean;
  }

  export interface Grant {
    readonly jti: string;
    accountId: string;
    clientId: string;
    addOIDCScope(scope: string): void;
    getOIDCScope(): string;
    save(): Promise<string>;
  }

  export interface Session {
    accountId?: string;
    grantIdFor(clientId: string): string | undefined;
    destroy(): Promise<void>;
  }

  export interface OidcContext {
    provider: Provider;
    client?: { clientId: string };
    session: Session;
    params?: Record<string, unknown>;
    result?: { consent?: { grantId?: string } };
  }

  /** The Koa context oidc-provider hands to middleware and configuration hooks. */
  export interface KoaContext {
    method: string;
    path: string;
    status: number;
    type: string;
    body: unknown;
    req: IncomingMessage;
    res: ServerResponse;
    oidc?: OidcContext;
  }

  export interface InteractionDetails {
    uid: string;
    prompt: { name: string; reasons: string[] };
    params: Record<string, unknown>;
    session?: { accountId: string };
    grantId?: string;
  }

  export interface InteractionResults {
    login?: { accountId: string; remember?: boolean };
    consent?: { grantId: string };
    error?: string;
    error_description?: string;
  }

  export interface Prompt {
    checks: { remove(name: string): void };
  }

  export interface Policy {
    get(name: string): Prompt | undefined;
  }

  export const interactionPolicy: { base(): Policy };

  export interface Configuration {
    adapter?: new (name: string) => Adapter;
    clients?: ClientMetadata[];
    jwks?: { keys: Record<string, unknown>[] };
    cookies?: { keys?: string[] };
    routes?: Record<string, string>;
    scopes?: string[];
    claims?: Record<string, string[]>;
    extraParams?: string[];
    conformIdTokenClaims?: boolean;
    pkce?: { required?: () => boolean };
    features?: Record<string, { enabled: boolean } & Record<string, unknown>>;
    findAccount?: (ctx: KoaContext, sub: string) => Promise<Account | undefined>;
    loadExistingGrant?: (ctx: KoaContext & { oidc: OidcContext }) => Promise<Grant | undefined>;
    issueRefreshToken?: (ctx: KoaContext, client: { clientId: string }) => Promise<boolean>;
    rotateRefreshToken?: boolean | ((ctx: KoaContext) => boolean);
    expiresWithSession?: () => Promise<boolean>;
    interactions?: {
      policy?: Policy;
      url?: (ctx: KoaContext, interaction: { uid: string }) => string;
    };
    ttl?: Record<string, number | (() => number)>;
    renderError?: (ctx: KoaContext, out: Record<string, string>, error: Error) => void;
  }

  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    readonly issuer: string;
    Grant: { find(id: string): Promise<Grant | undefined> } & (new (init: {
      accountId: string;
      clientId: string;
    }) => Grant);
    /** This provider's own client model class. */
    Client: { prototype: { redirectUris: string[]; redirectUriAllowed(value: string): boolean } };
    Session: { get(ctx: { req: IncomingMessage; res: ServerResponse }): Promise<Session> };
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    use(middleware: (ctx: KoaContext, next: () => Promise<void>) => Promise<void>): void;
    cookieName(type: 'session' | 'interaction' | 'resume'): string;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResults,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
}
