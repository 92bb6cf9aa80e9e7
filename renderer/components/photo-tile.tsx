import { memo } from 'react';
import { mediaPath } from '../../contract/media';
import { shoebox } from '../bridge/shoebox';
import { photoAltText } from '../format';
import { photoAt, useLibrary } from '../state/library-store';

interface PhotoTileProps {
  readonly index: number;
  readonly size: number;
}

export const PhotoTile = memo(function PhotoTile({ index, size }: PhotoTileProps) {
  const photo = useLibrary((state) => photoAt(state, index));
  const active = useLibrary((state) => state.activeIndex === index);
  const open = useLibrary((state) => state.open);

  return (
    <div
      role="gridcell"
      id={`tile-${index}`}
      aria-selected={active}
      className="tile"
      style={{ width: size, height: size }}
      onClick={() => open(index)}
    >
      {photo ? (
        <img
          src={shoebox().mediaBase + mediaPath.thumb(photo.sha256)}
          alt={photoAltText(photo)}
          decoding="async"
          draggable={false}
        />
      ) : (
        <div className="tile-placeholder" aria-label="Loading" />
      )}
    </div>
  );
});
