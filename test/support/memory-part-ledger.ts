import {
  missingEntryError,
  withPart,
  type LedgerEntry,
  type LedgerPart,
  type PartLedger,
} from '../../main/catalog/part-ledger';

/** The part ledger in memory, for tests of the upload path that need no catalog. */
export class MemoryPartLedger implements PartLedger {
  private readonly entries = new Map<string, LedgerEntry>();

  async load(key: string): Promise<LedgerEntry | null> {
    return this.entries.get(key) ?? null;
  }

  async begin(key: string, uploadId: string): Promise<void> {
    this.entries.set(key, { uploadId, parts: [] });
  }

  async recordPart(key: string, part: LedgerPart): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry) throw missingEntryError(key);
    this.entries.set(key, withPart(entry, part));
  }

  async finish(key: string): Promise<void> {
    this.entries.delete(key);
  }
}
