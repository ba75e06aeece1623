-- qawl store schema, version 1. Offsets are code-point indices into articles.text.
CREATE TABLE articles (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,  -- also the ingestion order
    content_hash      TEXT NOT NULL,                      -- sha256 of text (UTF-8)
    url               TEXT UNIQUE,
    outlet            TEXT,
    outlet_key        TEXT NOT NULL DEFAULT '',           -- outlet or '' (for the unique key)
    headline          TEXT,
    published_at      TEXT,                               -- ISO date or datetime
    credit            TEXT,
    doc               TEXT,
    text              TEXT NOT NULL,
    extractor_version TEXT NOT NULL,
    ingested_at       TEXT NOT NULL,
    UNIQUE (outlet_key, content_hash)
);

CREATE TABLE segments (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    ordinal    INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    PRIMARY KEY (article_id, ordinal)
);

CREATE TABLE speakers (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    type       TEXT NOT NULL CHECK (type IN ('person', 'organization', 'unknown')),
    origin     TEXT NOT NULL DEFAULT 'extracted',        -- extracted | learned | registry
    created_at TEXT NOT NULL
);

CREATE TABLE aliases (
    speaker_id TEXT NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
    alias      TEXT NOT NULL,                             -- surface form as written
    key        TEXT NOT NULL,                             -- normalize_key(alias)
    skeleton   TEXT NOT NULL,                             -- script-neutral consonants
    seen       INTEGER NOT NULL DEFAULT 0,                -- quotes naming the speaker so
    PRIMARY KEY (speaker_id, alias)
);
CREATE INDEX aliases_key ON aliases (key);
CREATE INDEX aliases_skeleton ON aliases (skeleton);

CREATE TABLE quotes (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id        INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
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
    speaker_id        TEXT NOT NULL REFERENCES speakers(id),
    speaker_name      TEXT NOT NULL,
    speaker_mention   TEXT NOT NULL,
    speaker_type      TEXT NOT NULL,
    speaker_start     INTEGER,
    speaker_end       INTEGER,
    speaker_linked    INTEGER NOT NULL,                   -- 1 when the extractor linked an id
    source            TEXT,
    confidence        REAL NOT NULL,
    extractor_version TEXT NOT NULL,
    -- copied from the article for filtering and ordering without a join
    published_at      TEXT NOT NULL DEFAULT '',           -- '' when unknown: sorts last
    outlet            TEXT,
    UNIQUE (article_id, ordinal),
    CHECK (start < "end")
);
CREATE INDEX quotes_speaker_time ON quotes (speaker_id, published_at DESC, id DESC);
CREATE INDEX quotes_time ON quotes (published_at DESC, id DESC);
CREATE INDEX quotes_article ON quotes (article_id);

-- index_terms(quote text): every normalize_key word and its clitic-free core; rowid = quotes.id
CREATE VIRTUAL TABLE quotes_fts USING fts5 (norm, tokenize = 'unicode61 remove_diacritics 0');
