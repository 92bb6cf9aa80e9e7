/** Why a photo cannot be sent for labelling at all; retrying would not help. */
export class LabelImageError extends Error {
  override readonly name = 'LabelImageError';
  constructor(
    readonly code: 'missing' | 'unreadable' | 'too-small' | 'too-large',
    message: string,
  ) {
    super(message);
  }
}
