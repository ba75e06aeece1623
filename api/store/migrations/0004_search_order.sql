-- qawl store schema, version 4: full-text search in date order (issue 6).
-- quotes_search replaces quotes_fts. Its rowid is a date-ordered key,
--     day << 40 | quote id      (day: Julian day number of published_at's date, 0 when unknown)
-- so "newest first" and date ranges come straight from the index instead of sorting every
-- match (a common word matched a third of the store). Within a day the key orders by id;
-- the store restores the exact (published_at, id) order when a day holds date-times.
-- published_at is '' or starts with an ISO date (the API and the extractor normalise it).
--
-- Triggers keep the index in step with `quotes` (insert, delete, a changed text or date), so
-- no write path touches it; qawl_index_terms(text) is api.store.base.index_terms, which the
-- store registers on every connection it opens.
CREATE VIRTUAL TABLE quotes_search USING fts5 (norm, tokenize = 'unicode61 remove_diacritics 0');

INSERT INTO quotes_search (rowid, norm)
    SELECT (coalesce(CAST(julianday(substr(q.published_at, 1, 10)) AS INTEGER), 0) << 40) | q.id, f.norm
    FROM quotes q JOIN quotes_fts f ON f.rowid = q.id
    ORDER BY 1;

DROP TABLE quotes_fts;

CREATE TRIGGER quotes_search_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_search (rowid, norm) VALUES (
        (coalesce(CAST(julianday(substr(new.published_at, 1, 10)) AS INTEGER), 0) << 40) | new.id,
        qawl_index_terms(new.text));
END;

CREATE TRIGGER quotes_search_delete AFTER DELETE ON quotes BEGIN
    DELETE FROM quotes_search
    WHERE rowid = (coalesce(CAST(julianday(substr(old.published_at, 1, 10)) AS INTEGER), 0) << 40) | old.id;
END;

CREATE TRIGGER quotes_search_update AFTER UPDATE OF id, text, published_at ON quotes BEGIN
    DELETE FROM quotes_search
    WHERE rowid = (coalesce(CAST(julianday(substr(old.published_at, 1, 10)) AS INTEGER), 0) << 40) | old.id;
    INSERT INTO quotes_search (rowid, norm) VALUES (
        (coalesce(CAST(julianday(substr(new.published_at, 1, 10)) AS INTEGER), 0) << 40) | new.id,
        qawl_index_terms(new.text));
END;

INSERT INTO quotes_search (quotes_search) VALUES ('optimize');
