import type { PhotoSummary } from '../../contract/photos';
import { useOrganise } from '../state/organise-store';

interface FavoriteButtonProps {
  readonly photo: Pick<PhotoSummary, 'id' | 'filename' | 'favorite'>;
  readonly className?: string;
}

/** The heart: marks the photo a favorite, or unmarks it. */
export function FavoriteButton({ photo, className }: FavoriteButtonProps) {
  return (
    <button
      type="button"
      className={`favorite${photo.favorite ? ' on' : ''}${className ? ` ${className}` : ''}`}
      aria-pressed={photo.favorite}
      aria-label={`Favorite ${photo.filename}`}
      title={photo.favorite ? 'Favorite (F)' : 'Mark as favorite (F)'}
      tabIndex={-1}
      onClick={(event) => {
        event.stopPropagation();
        void useOrganise.getState().setFavorite({ ids: [photo.id] }, !photo.favorite);
      }}
    >
      {photo.favorite ? '♥' : '♡'}
    </button>
  );
}
