import type { ExportFailureCode } from '../../contract/export';
import { messageOf } from '../../contract/result';
import { CodedError } from '../model/coded-error';
import { OriginalFetchError } from '../sync/original-cache';

/** Why one photo could not be exported; the run notes it and goes on with the next. */
export class ExportError extends CodedError<ExportFailureCode> {}

/** The failure code and words for anything an export step threw. */
export function exportFailureOf(error: unknown): { code: ExportFailureCode; detail: string } {
  if (error instanceof ExportError || error instanceof OriginalFetchError) {
    return { code: error.code, detail: error.message };
  }
  return { code: 'write-failed', detail: messageOf(error) };
}

/** An error with a Node system code (ENOENT, EEXIST…). */
export function hasCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
