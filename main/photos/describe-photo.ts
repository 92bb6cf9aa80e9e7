import type { Catalog } from '../catalog/catalog';
import { AppError } from '../model/app-error';

/** The longest description a metadata document holds (photoMetaSchema). */
export const maxDescriptionLength = 2000;

/**
 * Sets a photo's description (see PhotoRepository.describe for how the edit is stamped).
 * Answers false when there is no such photo; refuses a description too long to sync.
 */
export function describePhoto(
  photos: Catalog['photos'],
  id: number,
  text: string,
  now: number,
): boolean {
  if (text.length > maxDescriptionLength) {
    throw new AppError(
      'invalid-request',
      `A description is at most ${maxDescriptionLength} characters; this one has ${text.length}.`,
    );
  }
  return photos.describe(id, text, now);
}
