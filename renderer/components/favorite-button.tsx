import type { PhotoSummary } from '../../contract/photos';
import { useOrganise } from '../state/organise-store';

interface FavoriteButtonProps {
  readonly photo: Pick<PhotoSummary, 'id' | 'filename' | 'favorite'>;
  readonly className?: string;
  /** Kept in place but not shown (a grid tile keeps its heart for the next photo it shows). */
  readonly hidden?: boolean;
}

/** The heart: marks the photo a favorite, or unmarks it. */
export function FavoriteButton({ photo, className, hidden = false }: FavoriteButtonProps) {
  return (
    <button
      type="button"
      hidden={hidden}
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
