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

  // 2: the cloud. Which photos are in the user's prefix, the upload queue with its multipart part
  // ledger, cloud deletions waiting for the network, and per-photo description edit times.
  `
  ALTER TABLE photos ADD COLUMN in_cloud INTEGER NOT NULL DEFAULT 0;
  -- 1: the original was imported on this machine and lives in originals/;
  -- 0: it is only in the cloud (synced from another device) and is fetched on demand into
  -- originals-cache/, whose files come and go under the size budget without touching this flag.
  ALTER TABLE photos ADD COLUMN original_local INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE photos ADD COLUMN description_updated_at INTEGER NOT NULL DEFAULT 0;
  -- The metadata document (description, labels, label edits) changed here at meta_changed_at and
  -- was last written to or read from the cloud at meta_synced_at; newer changes wait to go up.
  ALTER TABLE photos ADD COLUMN meta_changed_at INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE photos ADD COLUMN meta_synced_at INTEGER NOT NULL DEFAULT 0;

  CREATE TABLE upload_jobs (
    photo_id        INTEGER PRIMARY KEY REFERENCES photos (id) ON DELETE CASCADE,
    state           TEXT    NOT NULL
                    CHECK (state IN ('queued', 'running', 'paused', 'failed', 'cancelled')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    queued_at       INTEGER NOT NULL
  );
  CREATE INDEX upload_jobs_by_next ON upload_jobs (state, next_attempt_at, photo_id);

  CREATE TABLE multipart_uploads (
    key       TEXT PRIMARY KEY,
    upload_id TEXT NOT NULL
  );
  CREATE TABLE multipart_parts (
    key         TEXT    NOT NULL REFERENCES multipart_uploads (key) ON DELETE CASCADE,
    part_number INTEGER NOT NULL,
    etag        TEXT    NOT NULL,
    size        INTEGER NOT NULL,
    sha256      TEXT    NOT NULL,
    PRIMARY KEY (key, part_number)
  ) WITHOUT ROWID;

  -- Objects to remove from the cloud once it answers: the photo is already gone locally.
  CREATE TABLE cloud_deletions (
    sha256      TEXT    NOT NULL,
    identity_id TEXT    NOT NULL,
    format      TEXT    NOT NULL,
    queued_at   INTEGER NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT,
    PRIMARY KEY (identity_id, sha256)
  ) WITHOUT ROWID;

  -- Metadata documents seen in an identity's prefix: the ETag last read or written (an unchanged
  -- document is not fetched again) and, for one that could not be used, why. A photo whose
  -- document was seen here and is gone from a later complete listing was deleted elsewhere;
  -- keyed by identity so signing in to another account never reads as mass deletion.
  CREATE TABLE remote_meta (
    identity_id TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    etag        TEXT NOT NULL,
    problem     TEXT,
    PRIMARY KEY (identity_id, sha256)
  ) WITHOUT ROWID;
  `,
  // 3: labels. Rekognition's raw answer per photo, the effective labels (Rekognition's, minus
  // the person's removals, plus their additions), the edits themselves (they sync and win),
  // search terms (label names and parents, word by word) and the label queue.
  `
  CREATE TABLE label_results (
    photo_id      INTEGER PRIMARY KEY REFERENCES photos (id) ON DELETE CASCADE,
    raw           TEXT    NOT NULL,
    model_version TEXT,
    labelled_at   INTEGER NOT NULL
  );

  -- Names compare without case (the person's "dog" is Rekognition's "Dog"), as edits merge.
  CREATE TABLE labels (
    photo_id   INTEGER NOT NULL REFERENCES photos (id) ON DELETE CASCADE,
    name       TEXT    NOT NULL COLLATE NOCASE,
    confidence REAL    NOT NULL,
    parents    TEXT    NOT NULL DEFAULT '[]',
    categories TEXT    NOT NULL DEFAULT '[]',
    source     TEXT    NOT NULL CHECK (source IN ('rekognition', 'user')),
    PRIMARY KEY (photo_id, name)
  ) WITHOUT ROWID;
  CREATE INDEX labels_by_name ON labels (name COLLATE NOCASE, confidence);

  CREATE TABLE label_edits (
    photo_id INTEGER NOT NULL REFERENCES photos (id) ON DELETE CASCADE,
    name     TEXT    NOT NULL COLLATE NOCASE,
    action   TEXT    NOT NULL CHECK (action IN ('add', 'remove')),
    at       INTEGER NOT NULL,
    PRIMARY KEY (photo_id, name)
  ) WITHOUT ROWID;

  CREATE TABLE label_terms (
    term       TEXT    NOT NULL,
    photo_id   INTEGER NOT NULL REFERENCES photos (id) ON DELETE CASCADE,
    confidence REAL    NOT NULL,
    PRIMARY KEY (term, photo_id)
  ) WITHOUT ROWID;
  CREATE INDEX label_terms_by_photo ON label_terms (photo_id);

  CREATE TABLE label_jobs (
    photo_id        INTEGER PRIMARY KEY REFERENCES photos (id) ON DELETE CASCADE,
    state           TEXT    NOT NULL CHECK (state IN ('queued', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    queued_at       INTEGER NOT NULL
  );
  CREATE INDEX label_jobs_by_next ON label_jobs (state, next_attempt_at, photo_id);
  `,
  // 4: organising. The Trash and favorites (each with the time of its last change, for "later
  // wins" across devices), albums and their members. Removed members are kept (added = 0) with
  // the time of removal, so a removal on one device beats an older add on another.
  `
  ALTER TABLE photos ADD COLUMN trashed_at INTEGER;
  ALTER TABLE photos ADD COLUMN trash_updated_at INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE photos ADD COLUMN favorite INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE photos ADD COLUMN favorite_updated_at INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX photos_in_trash ON photos (trashed_at) WHERE trashed_at IS NOT NULL;
  CREATE INDEX photos_favorites ON photos (sort_at, id) WHERE favorite = 1;

  -- An album's document (users/<identity>/albums/<id>.json) changed here at changed_at and was
  -- last written to or read from the cloud at synced_at (etag: what was read or written).
  CREATE TABLE albums (
    id              TEXT    PRIMARY KEY,
    name            TEXT    NOT NULL,
    name_updated_at INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    deleted_at      INTEGER,
    changed_at      INTEGER NOT NULL DEFAULT 0,
    synced_at       INTEGER NOT NULL DEFAULT 0,
    etag            TEXT
  ) WITHOUT ROWID;

  -- No reference to albums: a photo's document may name an album before its own document arrives.
  CREATE TABLE album_members (
    album_id TEXT    NOT NULL,
    photo_id INTEGER NOT NULL REFERENCES photos (id) ON DELETE CASCADE,
    added    INTEGER NOT NULL CHECK (added IN (0, 1)),
    at       INTEGER NOT NULL,
    PRIMARY KEY (album_id, photo_id)
  ) WITHOUT ROWID;
  CREATE INDEX album_members_by_photo ON album_members (photo_id);
  `,
  // 5: labelling in the cloud (docs/backend.md). A queued job whose derivative went up at
  // sent_at waits for the cloud's labels; next_attempt_at is when its document is read next.
  `
  ALTER TABLE label_jobs ADD COLUMN sent_at INTEGER;
  `,
  // 6: the timeline counts undated photos per day of a view; they are few, and this finds them
  // without reading every photo's row.
  `
  CREATE INDEX photos_undated ON photos (id) WHERE taken_at IS NULL;
  `,
  // 7: a photo added back from the library folder (its row lost with a damaged catalog, or never
  // written before a crash) knows only what its file says. Until sync has read its document in
  // the cloud, that document wins its name and import time, and every field not changed here
  // since (docs/reliability.md, "A damaged catalog").
  `
  ALTER TABLE photos ADD COLUMN added_back INTEGER NOT NULL DEFAULT 0;
  `,
  // 8: a tile shows a photo's most specific labels, those that no label of the photo at the
  // confidence setting names as a parent. child_confidence is the best confidence among the
  // photo's labels that name this one as a parent (names compared without case; NULL: none), so
  // a label is hidden exactly when child_confidence >= the setting. The triggers keep it right on
  // every write to labels, so a grid page compares one number instead of reading every parents
  // list of the photo for each of its labels.
  `
  ALTER TABLE labels ADD COLUMN child_confidence REAL;
  UPDATE labels SET child_confidence = named.best
  FROM (SELECT c.photo_id, lower(j.value) AS parent, max(c.confidence) AS best
        FROM labels c, json_each(c.parents) j GROUP BY c.photo_id, lower(j.value)) AS named
  WHERE labels.photo_id = named.photo_id AND labels.name = named.parent;

  -- name = x and name IN (…) compare as the column does (NOCASE: ASCII letters only, as lower()).
  CREATE TRIGGER labels_children_insert AFTER INSERT ON labels BEGIN
    UPDATE labels SET child_confidence = max(coalesce(child_confidence, new.confidence), new.confidence)
    WHERE photo_id = new.photo_id AND name IN (SELECT value FROM json_each(new.parents));
    UPDATE labels SET child_confidence = (
      SELECT max(c.confidence) FROM labels c, json_each(c.parents) j
      WHERE c.photo_id = labels.photo_id AND lower(j.value) = lower(labels.name))
    WHERE photo_id = new.photo_id AND name = new.name;
  END;
  -- Only a parent whose best child was the one removed needs counting again.
  CREATE TRIGGER labels_children_delete AFTER DELETE ON labels BEGIN
    UPDATE labels SET child_confidence = (
      SELECT max(c.confidence) FROM labels c, json_each(c.parents) j
      WHERE c.photo_id = labels.photo_id AND lower(j.value) = lower(labels.name))
    WHERE photo_id = old.photo_id AND name IN (SELECT value FROM json_each(old.parents))
      AND child_confidence <= old.confidence;
  END;
  CREATE TRIGGER labels_children_update AFTER UPDATE OF photo_id, name, confidence, parents
  ON labels BEGIN
    UPDATE labels SET child_confidence = (
      SELECT max(c.confidence) FROM labels c, json_each(c.parents) j
      WHERE c.photo_id = labels.photo_id AND lower(j.value) = lower(labels.name))
    WHERE photo_id = old.photo_id
      AND lower(name) IN (SELECT lower(value) FROM json_each(old.parents));
    UPDATE labels SET child_confidence = (
      SELECT max(c.confidence) FROM labels c, json_each(c.parents) j
      WHERE c.photo_id = labels.photo_id AND lower(j.value) = lower(labels.name))
    WHERE photo_id = new.photo_id
      AND (lower(name) = lower(new.name)
        OR lower(name) IN (SELECT lower(value) FROM json_each(new.parents)));
  END;
  `,
  // 9: label terms keyed by (term, confidence, photo_id), so a search reads only the rows of each
  // term at or above the setting, one key range per term, instead of every row of the word's
  // range with its confidence compared row by row. A photo's terms are distinct by construction
  // (LabelRepository writes them all again, deduplicated, whenever its labels change).
  `
  CREATE TABLE label_terms_by_confidence (
    term       TEXT    NOT NULL,
    photo_id   INTEGER NOT NULL REFERENCES photos (id) ON DELETE CASCADE,
    confidence REAL    NOT NULL,
    PRIMARY KEY (term, confidence, photo_id)
  ) WITHOUT ROWID;
  INSERT INTO label_terms_by_confidence (term, photo_id, confidence)
    SELECT term, photo_id, confidence FROM label_terms;
  DROP TABLE label_terms;
  ALTER TABLE label_terms_by_confidence RENAME TO label_terms;
  CREATE INDEX label_terms_by_photo ON label_terms (photo_id);
  `,
  // 10: the search index keeps every word's first one and two letters as entries of their own
  // (FTS5's prefix indexes), so a word typed as one or two letters reads one list instead of
  // merging the lists of every word that starts with them (a number's first digit starts
  // thousands). Same matches; the triggers on photos keep writing to the table by its name.
  `
  DROP TABLE photos_fts;
  CREATE VIRTUAL TABLE photos_fts USING fts5(
    filename, camera, description,
    content = 'photos', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2'
  );
  INSERT INTO photos_fts (photos_fts) VALUES ('rebuild');
  `,
];
