export type UploadErrorCode =
  | 'upload-aborted'
  | 'upload-file-missing'
  | 'upload-file-changed'
  | 'upload-verification-failed'
  | 'upload-ledger-invalid';

/** An upload that stopped for a reason the queue must tell apart (retry later, re-hash, give up). */
export class UploadError extends Error {
  override readonly name = 'UploadError';
  constructor(
    readonly code: UploadErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
