import { CodedError } from '../model/coded-error';
export type UploadErrorCode =
  | 'upload-aborted'
  | 'upload-file-missing'
  | 'upload-file-changed'
  | 'upload-verification-failed'
  | 'upload-ledger-invalid';

/** An upload that stopped for a reason the queue must tell apart (retry later, re-hash, give up). */
export class UploadError extends CodedError<UploadErrorCode> {}
