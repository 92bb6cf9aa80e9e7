import type { ErrorCode } from '../../contract/result';
import { CodedError } from './coded-error';

/** An error main can answer the renderer with: its code picks the user-facing wording. */
export class AppError extends CodedError<ErrorCode> {
  constructor(
    code: ErrorCode,
    message: string,
    /** Each thing wrong, listed for the person when there are several (contract/result.ts). */
    readonly problems?: readonly string[],
    options?: ErrorOptions,
  ) {
    super(code, message, options);
  }
}
