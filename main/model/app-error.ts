import type { ErrorCode } from '../../contract/result';
import { CodedError } from './coded-error';

/** An error main can answer the renderer with: its code picks the user-facing wording. */
export class AppError extends CodedError<ErrorCode> {}
