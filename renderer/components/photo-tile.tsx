import { memo, type MouseEvent } from 'react';
import { mediaPath } from '../../contract/media';
import type { PhotoSummary } from '../../contract/photos';
import { shoebox } from '../bridge/shoebox';
import { formatConfidence, photoAltText } from '../format';
import { selectSignedIn, useAuth } from '../state/auth-store';
import { photoAt, useLibrary } from '../state/library-store';
import { isSelected } from '../state/selection';
import { useSelection } from '../state/selection-store';
import { CloudBadge, showsCloudState } from './cloud-badge';
import { FavoriteButton } from './favorite-button';
import { tileClicked } from '../state/grid-selection';

interface PhotoTileProps {
  readonly index: number;
  readonly size: number;
  /**
   * A place past the end of a short row (the last of a section): kept in the DOM, hidden and out
   * of the grid, so that when its recycled row is full again the tile is refilled rather than
   * mounted anew. It shows the photo at `index` (the next section's), which also loads its
   * thumbnail a little early.
   */
  readonly spare?: boolean;
}

/** What a tile's heart stands for until its photo arrives (it is hidden until then). */
const noPhoto = { id: -1, filename: '', favorite: false } as const;

export const PhotoTile = memo(function PhotoTile({ index, size, spare = false }: PhotoTileProps) {
  const photo = useLibrary((state) => photoAt(state, index));
  const active = useLibrary((state) => !spare && state.activeIndex === index);
  const selected = useSelection(
    (state) => !spare && photo !== undefined && isSelected(state.selection, photo.id),
  );
  const signedIn = useAuth(selectSignedIn);
  const onClick = (event: MouseEvent) => tileClicked(index, event);

  return (
    <div
      role={spare ? undefined : 'gridcell'}
      id={spare ? undefined : `tile-${index}`}
      aria-selected={spare ? undefined : selected}
      hidden={spare}
      aria-busy={photo ? undefined : true}
      className={`tile${active ? ' active' : ''}${selected ? ' selected' : ''}`}
      style={{ width: size, height: size }}
      onClick={onClick}
    >
      {/* The same elements whether the photo's page has arrived or not, so its arrival (or a
          recycled tile's next photo) only rewrites them. */}
      <img
        src={photo ? shoebox().mediaBase + mediaPath.thumb(photo.sha256) : undefined}
        alt={photo ? photoAltText(photo) : 'Loading'}
        decoding="async"
        draggable={false}
      />
      <span
        className="tile-check"
        aria-hidden="true"
        onClick={(event) => {
          event.stopPropagation();
          tileClicked(index, { ...event, ctrlKey: true });
        }}
      />
      <CloudBadge
        state={photo?.cloud ?? 'local'}
        hidden={!photo || !showsCloudState(photo.cloud, signedIn)}
      />
      <FavoriteButton
        photo={photo ?? noPhoto}
        className="tile-heart"
        hidden={!photo || photo.trashedAt !== null}
      />
      <TileLabels labels={photo?.topLabels ?? []} />
    </div>
  );
});

/** The best labels, compact; hidden from screen readers, which hear them in the alt text. */
function TileLabels({ labels }: { readonly labels: PhotoSummary['topLabels'] }) {
  if (labels.length === 0) return null;
  return (
    <ul className="tile-labels" aria-hidden="true">
      {labels.slice(0, 3).map((label, place) => (
        // By place: a recycled tile rewrites its chips' text rather than making new ones.
        <li key={place}>
          {label.name} <span className="confidence">{formatConfidence(label.confidence)}</span>
        </li>
      ))}
    </ul>
  );
}
