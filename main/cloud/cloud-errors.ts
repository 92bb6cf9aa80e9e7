/** Why a photo key could not be built: a bug upstream, never a user's mistake. */
export class PhotoKeyError extends Error {
  override readonly name = 'PhotoKeyError';
  readonly code = 'invalid-photo-key';
}

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
