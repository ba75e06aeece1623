-- qawl store schema, version 3: editorial control (issue 9).
-- `quotes` holds only the quotes every answer shows; a quote leaving the answers (rejected
-- by an editor, dropped by a re-extraction, of an older revision, of a taken-down article)
-- moves to `quotes_hidden` with the same id and columns, so the read paths need no filter.

-- extracted: as the extractor left it; corrected / verified / rejected: an editor decided,
-- and a re-extraction that disagrees is reported, not applied.
ALTER TABLE quotes ADD COLUMN status TEXT NOT NULL DEFAULT 'extracted'
    CHECK (status IN ('extracted', 'corrected', 'verified', 'rejected'));
ALTER TABLE quotes ADD COLUMN origin TEXT NOT NULL DEFAULT 'extractor'
    CHECK (origin IN ('extractor', 'editor'));
ALTER TABLE articles ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;

CREATE TABLE quotes_hidden (
    id                INTEGER PRIMARY KEY,               -- the quote's id, never reused
    article_id        INTEGER NOT NULL,
    ordinal           INTEGER NOT NULL,
    doc               TEXT NOT NULL,
    segment           TEXT NOT NULL,
    kind              TEXT NOT NULL,
    text              TEXT NOT NULL,
    start             INTEGER NOT NULL,
    "end"             INTEGER NOT NULL,
    cue_text          TEXT NOT NULL,
    cue_start         INTEGER NOT NULL,
    cue_end           INTEGER NOT NULL,
    speaker_id        TEXT NOT NULL,
    speaker_name      TEXT NOT NULL,
    speaker_mention   TEXT NOT NULL,
    speaker_type      TEXT NOT NULL,
    speaker_start     INTEGER,
    speaker_end       INTEGER,
    speaker_linked    INTEGER NOT NULL,
    source            TEXT,
    confidence        REAL NOT NULL,
    extractor_version TEXT NOT NULL,
    published_at      TEXT NOT NULL DEFAULT '',
    outlet            TEXT,
    status            TEXT NOT NULL,
    origin            TEXT NOT NULL,
    hidden            TEXT NOT NULL CHECK (hidden IN ('rejected', 'dropped', 'superseded', 'taken_down')),
    revision          INTEGER NOT NULL                   -- the article revision its offsets index
);
CREATE INDEX quotes_hidden_article ON quotes_hidden (article_id);

-- earlier texts of an article (the current one is in `articles`)
CREATE TABLE article_revisions (
    article_id        INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    revision          INTEGER NOT NULL,
    content_hash      TEXT NOT NULL,
    headline          TEXT,
    published_at      TEXT,
    credit            TEXT,
    text              TEXT NOT NULL,
    segments          TEXT NOT NULL,                     -- JSON list of {kind, start, end}
    extractor_version TEXT NOT NULL,
    ingested_at       TEXT NOT NULL,
    PRIMARY KEY (article_id, revision)
);

CREATE TABLE corrections (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    action     TEXT NOT NULL,                            -- speaker | status | span | add | merge | split | takedown
    editor     TEXT NOT NULL,                            -- the write key's name (CLI: --editor)
    at         TEXT NOT NULL,
    reason     TEXT NOT NULL,
    article_id INTEGER,
    detail     TEXT NOT NULL                             -- JSON: what changed, before and after
);
CREATE TABLE correction_quotes (
    quote_id      INTEGER NOT NULL,
    correction_id INTEGER NOT NULL REFERENCES corrections(id),
    PRIMARY KEY (quote_id, correction_id)
) WITHOUT ROWID;

-- a taken-down article keeps its row (its url is not ingested again) and this tombstone
CREATE TABLE tombstones (
    article_id INTEGER PRIMARY KEY,
    url        TEXT,
    at         TEXT NOT NULL,
    editor     TEXT NOT NULL,
    reason     TEXT NOT NULL,
    purged     INTEGER NOT NULL DEFAULT 0               -- 1: the text was erased
);

-- merged speakers: quotes extracted later under from_id are stored under to_id
CREATE TABLE speaker_redirects (
    from_id TEXT PRIMARY KEY,
    to_id   TEXT NOT NULL
);
