import type { ImportFailure, ImportFailureReason } from '../../contract/import';

/** A file that cannot be imported, with a reason a person can read. */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
  constructor(
    readonly reason: ImportFailureReason,
    message: string,
  ) {
    super(message);
  }

  toFailure(path: string): ImportFailure {
    return { path, reason: this.reason, message: this.message };
  }
}
