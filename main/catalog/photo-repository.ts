import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type {
  PageRequest,
  PhotoDetail,
  PhotoPage,
  PhotoSummary,
  SortOrder,
} from '../../contract/photos';

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
}

interface PhotoRow {
  id: number;
  sha256: string;
  filename: string;
  width: number;
  height: number;
  sort_at: number;
}

interface PhotoDetailRow extends PhotoRow {
  format: string;
  byte_size: number;
  taken_at: number | null;
  imported_at: number;
  camera: string | null;
  orientation: number | null;
  description: string;
}

const orderBy: Record<SortOrder, string> = {
  'taken-desc': 'sort_at DESC, id DESC',
  'taken-asc': 'sort_at ASC, id ASC',
  'imported-desc': 'imported_at DESC, id DESC',
};

const summaryColumns = 'id, sha256, filename, width, height, sort_at';

/** The photos table: the one place that writes SQL about photos. */
export class PhotoRepository {
  private readonly insertStatement: StatementSync;
  private readonly bySha: StatementSync;
  private readonly byId: StatementSync;
  private readonly countStatement: StatementSync;
  private readonly pageStatements: Record<SortOrder, StatementSync>;
  private readonly searchStatement: StatementSync;

  constructor(private readonly db: DatabaseSync) {
    this.insertStatement = db.prepare(
      `INSERT INTO photos (sha256, format, byte_size, width, height, orientation, taken_at,
         imported_at, camera, filename, source_path)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (sha256) DO NOTHING
       RETURNING id`,
    );
    this.bySha = db.prepare('SELECT id, filename, format FROM photos WHERE sha256 = ?');
    this.byId = db.prepare(`SELECT ${summaryColumns}, format, byte_size, taken_at, imported_at,
      camera, orientation, description FROM photos WHERE id = ?`);
    this.countStatement = db.prepare('SELECT count(*) AS n FROM photos');
    this.pageStatements = {
      'taken-desc': this.preparePage('taken-desc'),
      'taken-asc': this.preparePage('taken-asc'),
      'imported-desc': this.preparePage('imported-desc'),
    };
    this.searchStatement = db.prepare(
      `SELECT p.${summaryColumns.split(', ').join(', p.')} FROM photos_fts f
       JOIN photos p ON p.id = f.rowid
       WHERE photos_fts MATCH ? ORDER BY p.sort_at DESC, p.id DESC LIMIT ?`,
    );
  }

  private preparePage(sort: SortOrder): StatementSync {
    return this.db.prepare(
      `SELECT ${summaryColumns} FROM photos ORDER BY ${orderBy[sort]} LIMIT ? OFFSET ?`,
    );
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
    ) as { id: number } | undefined;
    return row?.id ?? null;
  }

  findBySha(sha256: string): { id: number; filename: string; format: string } | null {
    const row = this.bySha.get(sha256) as
      { id: number; filename: string; format: string } | undefined;
    return row ?? null;
  }

  formatOf(sha256: string): string | null {
    return this.findBySha(sha256)?.format ?? null;
  }

  count(): number {
    return (this.countStatement.get() as { n: number }).n;
  }

  page(request: PageRequest): PhotoPage {
    const rows = this.pageStatements[request.sort].all(
      request.limit,
      request.offset,
    ) as unknown as PhotoRow[];
    return { total: this.count(), offset: request.offset, items: rows.map(toSummary) };
  }

  get(id: number): PhotoDetail | null {
    const row = this.byId.get(id) as PhotoDetailRow | undefined;
    if (!row) return null;
    return {
      ...toSummary(row),
      format: row.format,
      byteSize: row.byte_size,
      takenAt: row.taken_at,
      importedAt: row.imported_at,
      camera: row.camera,
      orientation: row.orientation,
      description: row.description,
    };
  }

  /** Full-text lookup over file names, cameras and descriptions; every word is a prefix. */
  search(text: string, limit: number): PhotoSummary[] {
    const query = toFtsQuery(text);
    if (!query) return [];
    return (this.searchStatement.all(query, limit) as unknown as PhotoRow[]).map(toSummary);
  }
}

function toSummary(row: PhotoRow): PhotoSummary {
  return {
    id: row.id,
    sha256: row.sha256,
    filename: row.filename,
    width: row.width,
    height: row.height,
    sortAt: row.sort_at,
  };
}

/** Turns what a person typed into an FTS5 query that cannot be a syntax error. */
export function toFtsQuery(text: string): string {
  const words = text.match(/[\p{L}\p{N}_]+/gu) ?? [];
  return words.map((word) => `"${word}"*`).join(' ');
}
