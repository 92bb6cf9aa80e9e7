import { useEffect, useState } from 'react';
import type { PhotoScope } from '../../contract/photos';
import { noAlbums, useAlbums } from '../state/albums-store';
import { useLibrary } from '../state/library-store';
import { AlbumPickerDialog } from './album-picker-dialog';
import { NameAndCount } from './name-and-count';

const places: readonly { scope: Exclude<PhotoScope, 'album'>; name: string }[] = [
  { scope: 'library', name: 'Library' },
  { scope: 'favorites', name: 'Favorites' },
];

/** Library, Favorites, the albums and the Trash: where the grid's photos come from. */
export function LibraryNav() {
  const scope = useLibrary((state) => state.scope);
  const album = useLibrary((state) => state.album);
  const albums = useAlbums((state) => state.albums ?? noAlbums);
  const [making, setMaking] = useState(false);
  const { showScope } = useLibrary.getState();
  useEffect(() => void useAlbums.getState().load(), []);

  return (
    <nav className="library-nav" aria-label="Library">
      <ul>
        {places.map((place) => (
          <li key={place.scope}>
            <button
              type="button"
              aria-current={scope === place.scope ? 'page' : undefined}
              onClick={() => showScope(place.scope)}
            >
              {place.name}
            </button>
          </li>
        ))}
      </ul>
      <h2>Albums</h2>
      <ul>
        {albums.map((entry) => (
          <li key={entry.id}>
            <button
              type="button"
              aria-current={scope === 'album' && album === entry.id ? 'page' : undefined}
              onClick={() => showScope('album', entry.id)}
            >
              <NameAndCount name={entry.name} count={entry.count} />
            </button>
          </li>
        ))}
        <li>
          <button type="button" className="new-album-button" onClick={() => setMaking(true)}>
            New album…
          </button>
        </li>
      </ul>
      <ul>
        <li>
          <button
            type="button"
            aria-current={scope === 'trash' ? 'page' : undefined}
            onClick={() => showScope('trash')}
          >
            Trash
          </button>
        </li>
      </ul>
      {making && <AlbumPickerDialog onClose={() => setMaking(false)} />}
    </nav>
  );
}
