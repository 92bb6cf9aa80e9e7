import type { DatabaseSync } from 'node:sqlite';
import type { PhotoScope, SortOrder } from '../../contract/photos';
import type { SearchFilter } from '../../main/catalog/search-results';
import { toFtsQuery } from '../../main/model/search-words';

/** The search's meaning written as one plain SQL query: what SearchResults must answer. */
export function expectedSearch(db: DatabaseSync, filter: SearchFilter): number[] {
  const scope: Record<PhotoScope, string> = {
    library: 'p.trashed_at IS NULL',
    favorites: 'p.trashed_at IS NULL AND p.favorite = 1',
    trash: 'p.trashed_at IS NOT NULL',
    album: `p.trashed_at IS NULL AND p.id IN (
      SELECT photo_id FROM album_members WHERE album_id = $album AND added = 1)`,
  };
  const order: Record<SortOrder, string> = {
    'taken-desc': 'p.sort_at DESC, p.id DESC',
    'taken-asc': 'p.sort_at ASC, p.id ASC',
    'imported-desc': 'p.imported_at DESC, p.id DESC',
  };
  const params: Record<string, string | number> = { min: filter.minConfidence };
  const conditions = [scope[filter.scope], '$min = $min'];
  filter.words.forEach((word, n) => {
    params[`w${n}`] = word;
    params[`fts${n}`] = toFtsQuery(word);
    conditions.push(`(p.id IN (SELECT photo_id FROM label_terms
        WHERE substr(term, 1, length($w${n})) = $w${n} AND confidence >= $min)
      OR p.id IN (SELECT rowid FROM photos_fts WHERE photos_fts MATCH $fts${n}))`);
  });
  if (filter.label) {
    params['label'] = filter.label;
    conditions.push(`p.id IN (SELECT photo_id FROM labels
      WHERE name = $label COLLATE NOCASE AND confidence >= $min)`);
  }
  if (filter.scope === 'album') params['album'] = filter.album;
  const ordered =
    filter.scope === 'album'
      ? `(SELECT at FROM album_members WHERE album_id = $album AND photo_id = p.id), p.id`
      : order[filter.sort];
  return db
    .prepare(`SELECT p.id FROM photos p WHERE ${conditions.join(' AND ')} ORDER BY ${ordered}`)
    .all(params)
    .map((row) => Number(row['id']));
}
