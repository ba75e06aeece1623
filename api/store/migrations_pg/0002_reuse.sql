-- qawl store schema, version 2 (PostgreSQL): quote reuse groups (issue 7).
-- A cluster's id is the id of its first placed quote; clusters never merge, so ids stay valid.
CREATE TABLE clusters (
    id              BIGINT PRIMARY KEY,                   -- = quotes.id of its first quote
    speaker_id      TEXT COLLATE "C" NOT NULL,
    size            INTEGER NOT NULL,
    first_published TEXT COLLATE "C" NOT NULL DEFAULT '', -- min non-empty published_at ('' unknown)
    last_published  TEXT COLLATE "C" NOT NULL DEFAULT ''
);
CREATE INDEX clusters_speaker ON clusters (speaker_id, last_published DESC, id DESC);
CREATE INDEX clusters_time ON clusters (last_published DESC, id DESC);

CREATE TABLE quote_clusters (
    quote_id   BIGINT PRIMARY KEY REFERENCES quotes(id) ON DELETE CASCADE,
    cluster_id BIGINT NOT NULL,
    speaker_id TEXT COLLATE "C" NOT NULL,
    stems      TEXT NOT NULL,                             -- api.reuse.features(text).stems, space-joined
    matched    BIGINT,                                    -- the quote it matched (NULL: it started the cluster)
    score      DOUBLE PRECISION
);
CREATE INDEX quote_clusters_cluster ON quote_clusters (cluster_id, quote_id);

-- token index for candidate lookup: the speaker's quotes by term, most recent first
CREATE TABLE reuse_terms (
    speaker_id TEXT COLLATE "C" NOT NULL,
    term       TEXT COLLATE "C" NOT NULL,
    quote_id   BIGINT NOT NULL,
    PRIMARY KEY (speaker_id, term, quote_id)
);
