/**
 * Numbered schema migrations. Append only: a shipped migration is never edited, since
 * catalogs in the field have already run it. `PRAGMA user_version` records the last one run.
 */
export const migrations: readonly string[] = [
  // 1: photos, their full-text index, settings.
  `
  CREATE TABLE photos (
    id          INTEGER PRIMARY KEY,
    sha256      TEXT    NOT NULL UNIQUE,
    format      TEXT    NOT NULL,
    byte_size   INTEGER NOT NULL,
    width       INTEGER NOT NULL,
    height      INTEGER NOT NULL,
    orientation INTEGER,
    taken_at    INTEGER,
    imported_at INTEGER NOT NULL,
    sort_at     INTEGER GENERATED ALWAYS AS (coalesce(taken_at, imported_at)) STORED,
    camera      TEXT,
    filename    TEXT    NOT NULL,
    source_path TEXT    NOT NULL,
    description TEXT    NOT NULL DEFAULT ''
  );
  CREATE INDEX photos_by_sort ON photos (sort_at, id);
  CREATE INDEX photos_by_import ON photos (imported_at, id);

  CREATE VIRTUAL TABLE photos_fts USING fts5(
    filename, camera, description,
    content = 'photos', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
  );
  CREATE TRIGGER photos_fts_insert AFTER INSERT ON photos BEGIN
    INSERT INTO photos_fts (rowid, filename, camera, description)
    VALUES (new.id, new.filename, new.camera, new.description);
  END;
  CREATE TRIGGER photos_fts_delete AFTER DELETE ON photos BEGIN
    INSERT INTO photos_fts (photos_fts, rowid, filename, camera, description)
    VALUES ('delete', old.id, old.filename, old.camera, old.description);
  END;
  CREATE TRIGGER photos_fts_update AFTER UPDATE OF filename, camera, description ON photos BEGIN
    INSERT INTO photos_fts (photos_fts, rowid, filename, camera, description)
    VALUES ('delete', old.id, old.filename, old.camera, old.description);
    INSERT INTO photos_fts (rowid, filename, camera, description)
    VALUES (new.id, new.filename, new.camera, new.description);
  END;

  CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
];
