import type { ExportFailureCode } from '../../contract/export';
import { OriginalFetchError } from '../sync/original-cache';

/** Why one photo could not be exported; the run notes it and goes on with the next. */
export class ExportError extends Error {
  override readonly name = 'ExportError';
  constructor(
    readonly code: ExportFailureCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The failure code and words for anything an export step threw. */
export function exportFailureOf(error: unknown): { code: ExportFailureCode; detail: string } {
  if (error instanceof ExportError || error instanceof OriginalFetchError) {
    return { code: error.code, detail: error.message };
  }
  return { code: 'write-failed', detail: error instanceof Error ? error.message : String(error) };
}

/** An error with a Node system code (ENOENT, EEXIST…). */
export function hasCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
