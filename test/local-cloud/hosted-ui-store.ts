/**
 * In-memory storage for the Hosted UI stand-in's oidc-provider (sessions, grants, codes, tokens).
 * Copies nothing from AWS; it exists so tests can reach every stored token (for example to revoke
 * all refresh tokens, like `AdminUserGlobalSignOut`) and so nothing outlives `stop()`.
 */
import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  expiresAt: number | undefined;
}

/** One table per oidc-provider model name ("Session", "RefreshToken", ...). */
export class HostedUiStore {
  private readonly tables = new Map<string, Map<string, Entry>>();

  table(model: string): Map<string, Entry> {
    let table = this.tables.get(model);
    if (!table) {
      table = new Map();
      this.tables.set(model, table);
    }
    return table;
  }

  /** Ids of the live entries of one model. */
  ids(model: string): string[] {
    const table = this.table(model);
    return [...table.keys()].filter((id) => live(table.get(id)));
  }

  /** An oidc-provider adapter class bound to this store. */
  adapterClass(): new (model: string) => Adapter {
    const { tables } = this;
    const tableOf = (model: string): Map<string, Entry> => this.table(model);
    return class implements Adapter {
      private readonly entries: Map<string, Entry>;

      constructor(private readonly model: string) {
        this.entries = tableOf(model);
      }

      async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
        const expiresAt = expiresIn ? Date.now() + expiresIn * 1000 : undefined;
        this.entries.set(id, { payload, expiresAt });
      }

      async find(id: string): Promise<AdapterPayload | undefined> {
        const entry = this.entries.get(id);
        return live(entry) ? entry?.payload : undefined;
      }

      async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
        return this.findWhere((payload) => payload.userCode === userCode);
      }

      async findByUid(uid: string): Promise<AdapterPayload | undefined> {
        return this.findWhere((payload) => payload.uid === uid);
      }

      async consume(id: string): Promise<void> {
        const entry = this.entries.get(id);
        if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
      }

      async destroy(id: string): Promise<void> {
        this.entries.delete(id);
      }

      async revokeByGrantId(grantId: string): Promise<void> {
        for (const table of tables.values()) {
          for (const [id, entry] of table) {
            if (entry.payload.grantId === grantId) table.delete(id);
          }
        }
      }

      private findWhere(test: (payload: AdapterPayload) => boolean): AdapterPayload | undefined {
        for (const entry of this.entries.values()) {
          if (live(entry) && test(entry.payload)) return entry.payload;
        }
        return undefined;
      }

      toString(): string {
        return `HostedUiStore(${this.model})`;
      }
    };
  }
}

function live(entry: Entry | undefined): boolean {
  return entry !== undefined && (entry.expiresAt === undefined || entry.expiresAt > Date.now());
}
