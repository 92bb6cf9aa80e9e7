import type { PhotoScope, SortOrder } from '../../contract/photos';

/** The grid's orders, over `photos p`. */
export const orderBy: Record<SortOrder, string> = {
  'taken-desc': 'p.sort_at DESC, p.id DESC',
  'taken-asc': 'p.sort_at ASC, p.id ASC',
  'imported-desc': 'p.imported_at DESC, p.id DESC',
};

/** Which photos a scope shows, over `photos p` (`$album` names the album). */
export const scopeCondition: Record<PhotoScope, string> = {
  library: 'p.trashed_at IS NULL',
  favorites: 'p.trashed_at IS NULL AND p.favorite = 1',
  trash: 'p.trashed_at IS NOT NULL',
  album: `p.trashed_at IS NULL AND p.id IN (
    SELECT photo_id FROM album_members WHERE album_id = $album AND added = 1)`,
};
