import { join } from 'node:path';
import { uploadBatchPattern } from '../../../contract/schemas';
import { CodedError } from '../../model/coded-error';

/** Why the browser host refused an upload; each code is answered with its HTTP status. */
const refusalStatus = {
  'bad-upload': 400,
  'size-unknown': 411,
  'too-large': 413,
  'disk-full': 507,
} as const;

export class UploadRefusal extends CodedError<keyof typeof refusalStatus> {
  get status(): (typeof refusalStatus)[keyof typeof refusalStatus] {
    return refusalStatus[this.code];
  }
}

/** Where one drop's files are staged (`incoming/<batch>`); a malformed batch id is refused. */
export function batchFolder(incoming: string, batchId: string): string {
  if (!uploadBatchPattern.test(batchId))
    throw new UploadRefusal('bad-upload', 'The upload batch id is malformed.');
  return join(incoming, batchId);
}
