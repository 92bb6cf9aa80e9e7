import { CodedError } from './coded-error';

/** Why a photo cannot be sent for labelling at all; retrying would not help. */
export class LabelImageError extends CodedError<
  'missing' | 'unreadable' | 'too-small' | 'too-large'
> {}
