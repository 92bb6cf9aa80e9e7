/** One part S3 has acknowledged, with what we need to complete the upload and to check it later. */
export interface LedgerPart {
  readonly partNumber: number;
  readonly etag: string;
  readonly size: number;
  readonly sha256: string;
}

/** A multipart upload in progress for one key. */
export interface LedgerEntry {
  readonly uploadId: string;
  readonly parts: readonly LedgerPart[];
}

/**
 * Where multipart progress survives a crash or quit: a part is recorded only once S3 acknowledged
 * it, so whatever the ledger holds may be skipped on resume. The app keeps it in the catalog
 * (SqlitePartLedger); tests use an in-memory one.
 */
export interface PartLedger {
  load(key: string): Promise<LedgerEntry | null>;
  /** Starts (or restarts) the upload of `key`, forgetting any earlier parts. */
  begin(key: string, uploadId: string): Promise<void>;
  /** Records an acknowledged part; a part with the same number replaces the earlier one. */
  recordPart(key: string, part: LedgerPart): Promise<void>;
  /** Forgets `key` once the object is complete (or must be started over). */
  finish(key: string): Promise<void>;
}

/** Pure step shared by the implementations: `entry` with `part` added or replaced, sorted. */
export function withPart(entry: LedgerEntry, part: LedgerPart): LedgerEntry {
  const parts = entry.parts.filter((p) => p.partNumber !== part.partNumber);
  parts.push(part);
  parts.sort((a, b) => a.partNumber - b.partNumber);
  return { uploadId: entry.uploadId, parts };
}

export function missingEntryError(key: string): Error {
  return new Error(`No multipart upload begun for ${key}; call begin() first`);
}
