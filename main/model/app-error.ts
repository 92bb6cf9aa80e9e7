import type { ErrorCode } from '../../contract/result';

/** An error main can answer the renderer with: its code picks the user-facing wording. */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}
