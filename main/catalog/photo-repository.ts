import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type {
  CloudState,
  LabelStatus,
  PageRequest,
  PhotoDetail,
  PhotoLabel,
  PhotoPage,
  PhotoScope,
  PhotoSummary,
  SortOrder,
  ViewDays,
  ViewFilter,
} from '../../contract/photos';
import { initials } from './search-matches';
import { SearchResults, type SearchFilter } from './search-results';
import { searchWords } from '../model/search-words';
import { ViewDayCounts } from './view-days';
import { orderBy, scopeCondition } from './view-sql';

/** What the importer records for a new photo. */
export interface NewPhoto {
  readonly sha256: string;
  readonly format: string;
  readonly byteSize: number;
  readonly width: number;
  readonly height: number;
  readonly orientation: number | null;
  readonly takenAt: number | null;
  readonly importedAt: number;
  readonly camera: string | null;
  readonly filename: string;
  readonly sourcePath: string;
  /** One of the library's own originals whose row was lost: its name and import time are not known. */
  readonly addedBack?: boolean;
}

interface PhotoRow {
  id: number;
  sha256: string;
  filename: string;
  width: number;
  height: number;
  sort_at: number;
  dated: number;
  cloud: CloudState;
  /** JSON `[[name, confidence], …]`, best first. */
  top_labels: string;
  favorite: number;
  trashed_at: number | null;
}

interface PhotoDetailRow extends PhotoRow {
  format: string;
  byte_size: number;
  taken_at: number | null;
  imported_at: number;
  camera: string | null;
  orientation: number | null;
  description: string;
  description_updated_at: number;
  original_local: number;
  cloud_error: string | null;
  label_state: LabelStatus['state'];
  label_error: string | null;
  labels_below: number;
}

interface LabelRow {
  name: string;
  confidence: number;
  source: PhotoLabel['source'];
  parents: string;
}

/** Scopes whose pages are read straight from the table when nothing else narrows them. */
type PlainScope = Exclude<PhotoScope, 'album'>;
const plainScopes: readonly PlainScope[] = ['library', 'favorites', 'trash'];

// A running upload is `uploading`, a cancelled one (the person took it out) `local`; the other
// job states are named as the CloudState is. A tile's labels are the three best at the setting
// that no label of the photo at the setting names as a parent (child_confidence: migration 8).
const summaryColumns = `p.id, p.sha256, p.filename, p.width, p.height, p.sort_at,
  p.favorite, p.trashed_at, p.taken_at IS NOT NULL AS dated,
  CASE WHEN p.in_cloud = 1 THEN 'cloud'
       WHEN u.state = 'running' THEN 'uploading'
       WHEN u.state = 'cancelled' THEN 'local'
       ELSE coalesce(u.state, 'local') END AS cloud,
  (SELECT json_group_array(json_array(name, confidence)) FROM (
     SELECT t.name, t.confidence FROM labels t
     WHERE t.photo_id = p.id AND t.confidence >= $min
       AND (t.child_confidence IS NULL OR t.child_confidence < $min)
     ORDER BY t.confidence DESC, t.name LIMIT 3)) AS top_labels`;

const summaryFrom = 'photos p LEFT JOIN upload_jobs u ON u.photo_id = p.id';

/** The most words of one search that are matched (more are ignored). */
const maxSearchWords = 8;

/** The photos table: inserts, and the grid's and detail view's reads (with labels and cloud state). */
export class PhotoRepository {
  private readonly insertStatement: StatementSync;
  private readonly bySha: StatementSync;
  private readonly shasFrom: StatementSync;
  private readonly byId: StatementSync;
  private readonly labelsOf: StatementSync;
  private readonly countStatement: StatementSync;
  private readonly scopeCounts: Record<PlainScope, StatementSync>;
  private readonly pageStatements = new Map<string, StatementSync>();
  private readonly byIds: StatementSync;
  private readonly searches: SearchResults;
  private readonly dayCounts: ViewDayCounts;

  constructor(private readonly db: DatabaseSync) {
    this.insertStatement = db.prepare(
      `INSERT INTO photos (sha256, format, byte_size, width, height, orientation, taken_at,
         imported_at, camera, filename, source_path, added_back)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (sha256) DO NOTHING
       RETURNING id`,
    );
    this.bySha = db.prepare('SELECT id, filename, format FROM photos WHERE sha256 = ?');
    // A range of the sha256 index: `$prefix` ≤ sha256 < `$prefix` + 'g' holds exactly the
    // lowercase hex strings that start with the prefix ('g' sorts after every hex digit).
    this.shasFrom = db.prepare(
      "SELECT sha256 FROM photos WHERE sha256 >= $prefix AND sha256 < $prefix || 'g'",
    );
    this.byId = db.prepare(`SELECT ${summaryColumns}, p.format, p.byte_size, p.taken_at,
      p.imported_at, p.camera, p.orientation, p.description, p.description_updated_at,
      p.original_local, u.last_error AS cloud_error,
      CASE WHEN l.state IS NOT NULL THEN l.state
           WHEN EXISTS (SELECT 1 FROM label_results r WHERE r.photo_id = p.id) THEN 'done'
           ELSE 'off' END AS label_state,
      l.last_error AS label_error,
      (SELECT count(*) FROM labels b
        WHERE b.photo_id = p.id AND b.confidence < $min AND b.source <> 'user') AS labels_below
      FROM ${summaryFrom} LEFT JOIN label_jobs l ON l.photo_id = p.id
      WHERE p.id = $id`);
    this.labelsOf = db.prepare(
      `SELECT name, confidence, source, parents FROM labels
       WHERE photo_id = ? AND (confidence >= ? OR source = 'user')
       ORDER BY confidence DESC, name`,
    );
    // count(*) of a whole table counts the entries of its smallest index without reading a row;
    // with `WHERE trashed_at IS NULL` it reads every photo's row (about 90 times slower at
    // 100,000 photos), and that was most of the grid's first page. The Trash has its own index.
    this.countStatement = db.prepare(`SELECT (SELECT count(*) FROM photos)
      - (SELECT count(*) FROM photos WHERE trashed_at IS NOT NULL) AS n`);
    this.scopeCounts = {
      library: this.countStatement,
      favorites: db.prepare(`SELECT count(*) AS n FROM photos p WHERE ${scopeCondition.favorites}`),
      trash: db.prepare(`SELECT count(*) AS n FROM photos p WHERE ${scopeCondition.trash}`),
    };
    this.byIds = db.prepare(
      `SELECT ${summaryColumns} FROM ${summaryFrom}
       WHERE p.id IN (SELECT value FROM json_each($ids))`,
    );
    this.searches = new SearchResults(db);
    this.dayCounts = new ViewDayCounts(db);
  }

  private pageStatement(sort: SortOrder, scope: PlainScope): StatementSync {
    const key = `${sort}/${scope}`;
    let statement = this.pageStatements.get(key);
    if (!statement) {
      statement = this.db.prepare(
        `SELECT ${summaryColumns} FROM ${summaryFrom} WHERE ${scopeCondition[scope]}
         ORDER BY ${orderBy[sort]} LIMIT $limit OFFSET $offset`,
      );
      this.pageStatements.set(key, statement);
    }
    return statement;
  }

  /** Inserts a photo; answers the new id, or `null` when its content is already there. */
  insert(photo: NewPhoto): number | null {
    const row = this.insertStatement.get(
      photo.sha256,
      photo.format,
      photo.byteSize,
      photo.width,
      photo.height,
      photo.orientation,
      photo.takenAt,
      photo.importedAt,
      photo.camera,
      photo.filename,
      photo.sourcePath,
      photo.addedBack ? 1 : 0,
    ) as { id: number } | undefined;
    return row?.id ?? null;
  }

  findBySha(sha256: string): { id: number; filename: string; format: string } | null {
    const row = this.bySha.get(sha256) as
      { id: number; filename: string; format: string } | undefined;
    return row ?? null;
  }

  /** The sha256s in the catalog that start with `prefix` (hex), as one library folder holds. */
  shasStartingWith(prefix: string): Set<string> {
    const rows = this.shasFrom.all({ prefix }) as { sha256: string }[];
    return new Set(rows.map((row) => row.sha256));
  }

  /** Photos in the library (the Trash not counted). */
  count(): number {
    return (this.countStatement.get() as { n: number }).n;
  }

  /** The ids of every photo a view shows, in its order. */
  viewIds(view: ViewFilter, minConfidence = 0): Int32Array {
    return this.searches.ids(searchFilter(view, minConfidence));
  }

  /**
   * Reads ahead what the first key of each new word searches for (every one-character word's
   * set), so typing is answered from kept sets; one set a turn of the event loop, so requests
   * made meanwhile are answered between them. Asked when the search box gets the focus.
   */
  async prepareSearch(minConfidence = 0): Promise<void> {
    for (const initial of initials) {
      this.searches.prepare(initial, minConfidence);
      await nextTurn();
    }
  }

  /** The view's photos per day, for the timeline; null for an album (its order is its own). */
  days(view: ViewFilter, minConfidence = 0): ViewDays | null {
    const filter = searchFilter(view, minConfidence);
    if (filter.scope === 'album') return null;
    return this.dayCounts.count(view.sort, this.searches.matches(filter));
  }

  /**
   * A page of the grid, optionally narrowed by a search and a label. `minConfidence` (0–100)
   * hides weaker labels from chips and from matching.
   */
  page(request: PageRequest, minConfidence = 0): PhotoPage {
    const filter = searchFilter(request, minConfidence);
    const { scope } = filter;
    if (filter.words.length === 0 && !filter.label && scope !== 'album') {
      const rows = this.pageStatement(request.sort, scope).all({
        min: minConfidence,
        limit: request.limit,
        offset: request.offset,
      }) as unknown as PhotoRow[];
      const total = (this.scopeCounts[scope].get() as { n: number }).n;
      return { total, offset: request.offset, items: rows.map(toSummary) };
    }
    const { total, ids: slice } = this.searches.page(filter, request.offset, request.limit);
    const rows = this.byIds.all({
      ids: JSON.stringify([...slice]),
      min: minConfidence,
    }) as unknown as PhotoRow[];
    const byId = new Map(rows.map((row) => [row.id, row]));
    const items = [...slice].flatMap((id) => {
      const row = byId.get(id);
      return row ? [toSummary(row)] : [];
    });
    return { total, offset: request.offset, items };
  }

  /**
   * Sets a photo's description and marks its metadata document changed, so the next sync sends
   * it; false when there is no such photo. The edit is stamped `max(now, previous + 1)`: an edit
   * made after seeing another device's description must beat it even if this device's clock is
   * behind that one's, since "later wins" is decided by these stamps on every device.
   */
  describe(id: number, text: string, now: number): boolean {
    const changed = this.db
      .prepare(
        `UPDATE photos SET
           description = $text,
           description_updated_at = max($now, description_updated_at + 1),
           meta_changed_at = max($now, meta_synced_at + 1, description_updated_at + 1)
         WHERE id = $id`,
      )
      .run({ text, now, id });
    return changed.changes > 0;
  }

  get(id: number, minConfidence = 0): PhotoDetail | null {
    const row = this.byId.get({ id, min: minConfidence }) as PhotoDetailRow | undefined;
    if (!row) return null;
    const labels = (this.labelsOf.all(id, minConfidence) as unknown as LabelRow[]).map(
      (label): PhotoLabel => ({
        name: label.name,
        confidence: label.confidence,
        source: label.source,
        parents: JSON.parse(label.parents) as string[],
      }),
    );
    return {
      ...toSummary(row),
      format: row.format,
      byteSize: row.byte_size,
      takenAt: row.taken_at,
      importedAt: row.imported_at,
      camera: row.camera,
      orientation: row.orientation,
      description: row.description,
      descriptionUpdatedAt: row.description_updated_at,
      labels,
      labelsBelowConfidence: row.labels_below,
      labelStatus: { state: row.label_state, message: row.label_error },
      cloudError: row.cloud === 'failed' ? row.cloud_error : null,
      originalLocal: row.original_local === 1,
    };
  }
}

function searchFilter(view: ViewFilter, minConfidence: number): SearchFilter {
  const scope = view.scope ?? 'library';
  return {
    sort: view.sort,
    scope: plainScopes.includes(scope as PlainScope) || view.album ? scope : 'library',
    album: scope === 'album' ? (view.album ?? '') : '',
    words: searchWords(view.query ?? '').slice(0, maxSearchWords),
    label: view.label?.trim() ?? '',
    minConfidence,
  };
}

function toSummary(row: PhotoRow): PhotoSummary {
  const top = JSON.parse(row.top_labels) as [string, number][];
  return {
    id: row.id,
    sha256: row.sha256,
    filename: row.filename,
    width: row.width,
    height: row.height,
    sortAt: row.sort_at,
    dated: row.dated === 1,
    cloud: row.cloud,
    topLabels: top.map(([name, confidence]) => ({ name, confidence })),
    favorite: row.favorite === 1,
    trashedAt: row.trashed_at,
  };
}
