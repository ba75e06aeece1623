-- qawl store schema, version 2: quote reuse groups (issue 7).
-- A cluster's id is the id of its first placed quote; clusters never merge, so ids stay valid.
CREATE TABLE clusters (
    id              INTEGER PRIMARY KEY,                 -- = quotes.id of its first quote
    speaker_id      TEXT NOT NULL,
    size            INTEGER NOT NULL,
    first_published TEXT NOT NULL DEFAULT '',            -- min non-empty published_at ('' unknown)
    last_published  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX clusters_speaker ON clusters (speaker_id, last_published DESC, id DESC);
CREATE INDEX clusters_time ON clusters (last_published DESC, id DESC);

CREATE TABLE quote_clusters (
    quote_id   INTEGER PRIMARY KEY REFERENCES quotes(id) ON DELETE CASCADE,
    cluster_id INTEGER NOT NULL,
    speaker_id TEXT NOT NULL,
    stems      TEXT NOT NULL,                            -- api.reuse.features(text).stems, space-joined
    matched    INTEGER,                                  -- the quote it matched (NULL: it started the cluster)
    score      REAL
);
CREATE INDEX quote_clusters_cluster ON quote_clusters (cluster_id, quote_id);

-- token index for candidate lookup: the speaker's quotes by term, most recent first
CREATE TABLE reuse_terms (
    speaker_id TEXT NOT NULL,
    term       TEXT NOT NULL,
    quote_id   INTEGER NOT NULL,
    PRIMARY KEY (speaker_id, term, quote_id)
) WITHOUT ROWID;
