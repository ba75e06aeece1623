"""SQLite store: one file, WAL, one connection per thread, versioned migrations."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import threading
from pathlib import Path

import msgspec

from api.reuse import Item
from extractors.normalize import normalize_key
from extractors.types import Extraction, Segment, Speaker

from . import archive, clusters, editorial
from .base import (
    NewArticle,
    Page,
    QuoteFilter,
    SaveResult,
    SpeakerEntry,
    SpeakerRecord,
    SpeakerStats,
    Store,
    StoreStats,
    StoredArticle,
    StoredQuote,
    index_terms,
    query_terms,
    rank_alias_matches,
    skeleton,
    speaker_id_for,
)
from .rows import (
    INSERT_COLUMNS,
    PUBLISHED,
    QUOTE_COLUMNS,
    INSERT_FIELDS,
    StoreError,
    decode_cursor,
    encode_cursor,
    next_day,
    packaged_migrations,
    quote_from_row,
    quote_page,
    quote_values,
)

log = logging.getLogger(__name__)


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every packaged SQLite migration, in order."""
    return packaged_migrations("migrations")


def _statements(script: str) -> list[str]:
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip() and not buf.strip().startswith("--"):
        out.append(buf.strip())
    return out


def _fts_query(q: str) -> str | None:
    """Every normalised word must match: ``"w1" "w2"`` (quoted, so no FTS syntax leaks)."""
    words = query_terms(q)
    if not words:
        return None
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


# quotes_search rowid (migration 0004): Julian day of the date << 40 | quote id
_KEY_SHIFT = 40
_ID_MASK = (1 << _KEY_SHIFT) - 1
_JULIAN_OFFSET = 1721424  # date.toordinal() + this == CAST(julianday(date) AS INTEGER)


def _day(published: str) -> int:
    """The day of a search key: SQLite's ``coalesce(CAST(julianday(substr(p, 1, 10)) AS INTEGER), 0)``."""
    try:
        return dt.date.fromisoformat(published[:10]).toordinal() + _JULIAN_OFFSET
    except ValueError:
        return 0


def _uniform_day(conn: sqlite3.Connection, day: int) -> bool:
    """Whether every quote of that day has the same published_at (then the key order is exact)."""
    date = dt.date.fromordinal(day - _JULIAN_OFFSET).isoformat()
    first, last = conn.execute(
        "SELECT (SELECT published_at FROM quotes WHERE published_at >= ?1 AND published_at < ?2"
        " ORDER BY published_at LIMIT 1),"
        " (SELECT published_at FROM quotes WHERE published_at >= ?1 AND published_at < ?2"
        " ORDER BY published_at DESC LIMIT 1)", (date, next_day(date))).fetchone()
    return first == last


class SqliteStore(editorial.EditorialWrites, Store):
    """Thread-safe: each thread gets its own connection; writes use ``BEGIN IMMEDIATE``."""

    backend = "sqlite"

    def __init__(self, path: str | Path, *, busy_timeout_ms: int = 10_000) -> None:
        self.path = str(path)
        self._busy_timeout_ms = busy_timeout_ms
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        if self.path != ":memory:":
            parent = Path(self.path).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError(f"cannot open store {self.path!r}: folder {parent} does not exist")
        conn = self._conn()
        try:
            conn.execute("PRAGMA journal_mode=WAL")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open store {self.path!r}: {exc}") from exc
        self.schema_version = self._migrate(conn)

    # --- connections and schema -------------------------------------------------------
    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            try:
                conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
                conn.execute(f"PRAGMA busy_timeout={int(self._busy_timeout_ms)}")
                conn.execute("PRAGMA foreign_keys=ON")
                conn.execute("PRAGMA synchronous=NORMAL")
                # the quotes_search triggers index a quote's text through this (migration 0004)
                conn.create_function("qawl_index_terms", 1, index_terms, deterministic=True)
            except sqlite3.Error as exc:
                raise StoreError(f"cannot open store {self.path!r}: {exc}") from exc
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    def _migrate(self, conn: sqlite3.Connection) -> int:
        known = migrations()
        latest = known[-1][0]
        try:
            current = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path!r} is not a qawl store: {exc}") from exc
        if current > latest:
            raise StoreError(
                f"store {self.path!r} has schema version {current}, newer than this qawl "
                f"knows ({latest}); upgrade qawl"
            )
        for version, name, sql in known:
            if version <= current:
                continue
            conn.execute("BEGIN IMMEDIATE")
            try:
                # another process may have migrated while we waited for the lock
                if conn.execute("PRAGMA user_version").fetchone()[0] >= version:
                    conn.execute("ROLLBACK")
                    continue
                for statement in _statements(sql):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version={version}")
                conn.execute("COMMIT")
                log.info("store %s: applied migration %s", self.path, name)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        return conn.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
        self._local = threading.local()

    def change_token(self) -> tuple[int, int, int]:
        """A value that moves whenever the store may have changed: a commit by any other
        connection or process (``PRAGMA data_version``) or any change through this thread's
        connection (``total_changes``). Cheap enough to ask on every request."""
        conn = self._conn()
        return id(conn), conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes

    def stats(self) -> StoreStats:
        conn = self._conn()
        count = lambda table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: E731
        return StoreStats(
            backend=self.backend, location=self.path, schema_version=self.schema_version,
            articles=count("articles"), quotes=count("quotes"), speakers=count("speakers"),
        )

    # --- writes -----------------------------------------------------------------------
    @staticmethod
    def _find(conn: sqlite3.Connection, url: str | None, outlet: str | None, chash: str) -> int | None:
        if url:
            row = conn.execute("SELECT id FROM articles WHERE url = ?", (url,)).fetchone()
            if row:
                return row[0]
        row = conn.execute(
            "SELECT id FROM articles WHERE outlet_key = ? AND content_hash = ?", (outlet or "", chash)
        ).fetchone()
        return row[0] if row else None

    def find_article(self, *, url: str | None, outlet: str | None, content_hash: str) -> int | None:
        return self._find(self._conn(), url, outlet, content_hash)

    def save_article(self, article: NewArticle, extraction: Extraction, *, extractor_version: str) -> SaveResult:
        conn = self._conn()
        chash = article.content_hash
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        published = article.published_at or extraction.article.published
        conn.execute("BEGIN IMMEDIATE")
        try:
            existing = self._find(conn, article.url, article.outlet, chash)
            if existing is not None:
                conn.execute("ROLLBACK")
                return SaveResult(article_id=existing, created=False, quote_ids=[])
            cur = conn.execute(
                "INSERT INTO articles (content_hash, url, outlet, outlet_key, headline, published_at,"
                " credit, doc, text, extractor_version, ingested_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (chash, article.url, article.outlet, article.outlet or "",
                 article.headline or extraction.article.headline, published,
                 extraction.article.credit, article.doc or extraction.article.doc, article.text,
                 extractor_version, now),
            )
            article_id = cur.lastrowid
            conn.executemany(
                'INSERT INTO segments (article_id, ordinal, kind, start, "end") VALUES (?, ?, ?, ?, ?)',
                [(article_id, i, s.kind, s.start, s.end) for i, s in enumerate(extraction.article.segments)],
            )
            quote_ids, placing = [], []
            for ordinal, quote in enumerate(extraction.quotes):
                if article.text[quote.start:quote.end] != quote.text or quote.start >= quote.end:
                    log.warning("article %s: quote %d does not match its offsets; not stored",
                                article_id, ordinal)
                    continue
                sid = self._upsert_speaker(conn, quote.speaker, now)
                cur = conn.execute(
                    f"INSERT INTO quotes ({INSERT_COLUMNS}) VALUES ({', '.join('?' * len(INSERT_FIELDS))})",
                    quote_values(article_id, ordinal, quote, sid, extractor_version=extractor_version,
                                 published=published, outlet=article.outlet),
                )
                # quotes_search follows by trigger (migration 0004)
                placing.append(Item(quote_id=cur.lastrowid, speaker_id=sid, article_id=article_id,
                                    text=quote.text, published_at=published or "", kind=quote.kind))
                quote_ids.append(cur.lastrowid)
            clusters.place_article(conn, placing)  # reuse groups (issue 7)
            conn.execute("COMMIT")
            return SaveResult(article_id=article_id, created=True, quote_ids=quote_ids)
        except sqlite3.IntegrityError:
            conn.execute("ROLLBACK")
            existing = self._find(conn, article.url, article.outlet, chash)
            if existing is None:
                raise
            return SaveResult(article_id=existing, created=False, quote_ids=[])
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    @staticmethod
    def _add_alias(conn: sqlite3.Connection, sid: str, alias: str, seen: int) -> None:
        alias = " ".join(alias.split())
        if not alias:
            return
        conn.execute(
            "INSERT INTO aliases (speaker_id, alias, key, skeleton, seen) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (speaker_id, alias) DO UPDATE SET seen = aliases.seen + excluded.seen",
            (sid, alias, normalize_key(alias), skeleton(alias), seen),
        )

    def _upsert_speaker(self, conn: sqlite3.Connection, speaker: Speaker, now: str) -> str:
        sid = editorial.redirect(conn, speaker_id_for(speaker))  # merged by an editor (issue 9)
        conn.execute(
            "INSERT INTO speakers (id, name, type, origin, created_at) VALUES (?, ?, ?, 'extracted', ?)"
            " ON CONFLICT (id) DO UPDATE SET type = excluded.type"
            " WHERE speakers.type = 'unknown' AND excluded.type != 'unknown'",
            (sid, speaker.name, speaker.type, now),
        )
        self._add_alias(conn, sid, speaker.name, 1)
        if speaker.mention != speaker.name:
            self._add_alias(conn, sid, speaker.mention, 1)
        return sid

    def save_speakers(self, speakers: list[SpeakerEntry], *, origin: str) -> None:
        conn = self._conn()
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        conn.execute("BEGIN IMMEDIATE")
        try:
            for sp in speakers:
                sp = msgspec.structs.replace(sp, id=editorial.redirect(conn, sp.id))
                conn.execute(
                    "INSERT INTO speakers (id, name, type, origin, created_at) VALUES (?, ?, ?, ?, ?)"
                    " ON CONFLICT (id) DO UPDATE SET name = excluded.name, type = excluded.type,"
                    " origin = CASE WHEN speakers.origin = 'registry' THEN 'registry' ELSE excluded.origin END",
                    (sp.id, sp.name, sp.type, origin, now),
                )
                for alias in [sp.name, *sp.aliases]:
                    self._add_alias(conn, sp.id, alias, 0)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def load_speakers(self, *, origin: str | None = None) -> list[SpeakerEntry]:
        conn = self._conn()
        where, params = ("WHERE origin = ?", (origin,)) if origin else ("", ())
        out = []
        for sid, name, type_ in conn.execute(
                f"SELECT id, name, type FROM speakers {where} ORDER BY id", params).fetchall():
            aliases = [a for (a,) in conn.execute(
                "SELECT alias FROM aliases WHERE speaker_id = ? AND alias != ? ORDER BY alias",
                (sid, name))]
            out.append(SpeakerEntry(id=sid, name=name, type=type_, aliases=aliases))
        return out

    # --- reads ------------------------------------------------------------------------
    def get_article(self, article_id: int) -> StoredArticle | None:
        conn = self._conn()
        row = conn.execute(
            "SELECT id, content_hash, url, outlet, headline, published_at, credit, text,"
            " extractor_version, ingested_at FROM articles WHERE id = ?"
            " AND id NOT IN (SELECT article_id FROM tombstones)", (article_id,)
        ).fetchone()
        if row is None:
            return None
        segments = [
            Segment(kind=k, start=s, end=e) for k, s, e in conn.execute(
                'SELECT kind, start, "end" FROM segments WHERE article_id = ? ORDER BY ordinal',
                (article_id,))
        ]
        (aid, chash, url, outlet, headline, published, credit, text, version, ingested) = row
        return StoredArticle(
            id=aid, content_hash=chash, url=url, outlet=outlet, headline=headline,
            published_at=published, credit=credit, text=text, segments=segments,
            extractor_version=version, ingested_at=ingested,
        )

    def article_quotes(self, article_id: int) -> list[StoredQuote]:
        rows = self._conn().execute(
            f"SELECT {QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id"
            " WHERE q.article_id = ? ORDER BY q.start, q.id", (article_id,)
        ).fetchall()
        return [quote_from_row(r) for r in rows]

    def get_quote(self, quote_id: int) -> StoredQuote | None:
        row = self._conn().execute(
            f"SELECT {QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id"
            " WHERE q.id = ?", (quote_id,)
        ).fetchone()
        return quote_from_row(row) if row else None

    def list_quotes(self, filters: QuoteFilter, *, limit: int, cursor: str | None) -> Page:
        where: list[str] = []
        params: list = []
        source = "quotes q"
        if filters.q is not None:
            match = _fts_query(filters.q)
            if match is None:
                return Page(items=[], next=None)
            source = f"quotes_search f JOIN quotes q ON q.id = (f.rowid & {_ID_MASK})"
            where.append("quotes_search MATCH ?")
            params.append(match)
        if filters.speaker_ids is not None:
            if not filters.speaker_ids:
                return Page(items=[], next=None)
            where.append(f"q.speaker_id IN ({', '.join('?' * len(filters.speaker_ids))})")
            params.extend(filters.speaker_ids)
        if filters.since:
            where.append("q.published_at >= ?")
            params.append(filters.since)
        if filters.until:
            where.append("q.published_at < ? AND q.published_at != ''")
            params.append(next_day(filters.until))
        if filters.outlet:
            where.append("q.outlet = ? COLLATE NOCASE")
            params.append(filters.outlet)
        if filters.kind:
            where.append("q.kind = ?")
            params.append(filters.kind)
        if cursor:
            published, last_id = decode_cursor(cursor, (str, int))
            where.append("(q.published_at < ? OR (q.published_at = ? AND q.id < ?))")
            params.extend([published, published, last_id])
        conn = self._conn()
        if filters.q is not None:
            rows = self._search_rows(conn, source, where, params, filters, cursor, limit + 1)
        else:
            sql = (
                f"SELECT {QUOTE_COLUMNS} FROM {source} JOIN articles a ON a.id = q.article_id"
                f" {'WHERE ' + ' AND '.join(where) if where else ''}"
                " ORDER BY q.published_at DESC, q.id DESC LIMIT ?"
            )
            rows = conn.execute(sql, [*params, limit + 1]).fetchall()
        return quote_page(rows, limit)

    @staticmethod
    def _search_rows(conn: sqlite3.Connection, source: str, where: list[str], params: list,
                     filters: QuoteFilter, cursor: str | None, n: int) -> list[tuple]:
        """The first ``n`` search hits newest first, read in index order (no sort of every
        match): the key orders by day, then id; the exact order (published_at, id) is
        restored within the days read, and a cut inside a day holding date-times (or an
        undated one) reads that day again in the exact order."""
        lo, hi = 0, None
        if filters.since:
            lo = _day(filters.since) << _KEY_SHIFT
        if filters.until:
            hi = (_day(filters.until) + 1) << _KEY_SHIFT
        if cursor:
            published = decode_cursor(cursor, (str, int))[0]
            below = (_day(published) + 1) << _KEY_SHIFT
            hi = below if hi is None else min(hi, below)
        bounds, bound_params = ["f.rowid >= ?"], [lo]
        if hi is not None:
            bounds.append("f.rowid < ?")
            bound_params.append(hi)
        select = (f"SELECT {QUOTE_COLUMNS}, f.rowid >> {_KEY_SHIFT} FROM {source}"
                  " JOIN articles a ON a.id = q.article_id WHERE ")
        cond = " AND ".join([*where, *bounds])
        rows = conn.execute(select + cond + " ORDER BY f.rowid DESC LIMIT ?",
                            [*params, *bound_params, n]).fetchall()
        if len(rows) == n:
            day = rows[-1][-1]
            if day == 0 or not _uniform_day(conn, day):
                # the page ends inside a day whose quotes differ in published_at: read that day
                # and the later ones again, ordered exactly
                rows = conn.execute(
                    select + cond + " AND f.rowid >= ? ORDER BY q.published_at DESC, q.id DESC LIMIT ?",
                    [*params, *bound_params, day << _KEY_SHIFT, n]).fetchall()
                return [r[:-1] for r in rows]
        rows.sort(key=lambda r: (r[PUBLISHED], r[0]), reverse=True)
        return [r[:-1] for r in rows]

    def _speaker(self, conn: sqlite3.Connection, speaker_id: str) -> SpeakerRecord | None:
        row = conn.execute("SELECT id, name, type FROM speakers WHERE id = ?", (speaker_id,)).fetchone()
        if row is None:
            return None
        aliases = [a for (a,) in conn.execute(
            "SELECT alias FROM aliases WHERE speaker_id = ? ORDER BY seen DESC, alias", (speaker_id,))]
        count = conn.execute("SELECT count(*) FROM quotes WHERE speaker_id = ?", (speaker_id,)).fetchone()[0]
        return SpeakerRecord(id=row[0], name=row[1], type=row[2], aliases=aliases, quote_count=count)

    def get_speaker(self, speaker_id: str) -> SpeakerRecord | None:
        return self._speaker(self._conn(), speaker_id)

    def speaker_stats(self, speaker_id: str) -> SpeakerStats:
        conn = self._conn()
        by_kind = dict(conn.execute(
            "SELECT kind, count(*) FROM quotes WHERE speaker_id = ? GROUP BY kind ORDER BY kind",
            (speaker_id,)).fetchall())
        by_outlet = dict(conn.execute(
            "SELECT coalesce(outlet, ''), count(*) FROM quotes WHERE speaker_id = ?"
            " GROUP BY coalesce(outlet, '') ORDER BY 2 DESC, 1", (speaker_id,)).fetchall())
        first, last = conn.execute(
            "SELECT min(nullif(published_at, '')), max(nullif(published_at, ''))"
            " FROM quotes WHERE speaker_id = ?", (speaker_id,)).fetchone()
        return SpeakerStats(total=sum(by_kind.values()), by_kind=by_kind, by_outlet=by_outlet,
                            first_quoted=first, last_quoted=last)

    def _matching_speaker_ids(self, q: str) -> list[str]:
        """Ids whose aliases contain every query word (normalised, or as a consonant
        skeleton so Latin finds Arabic), best first: exact alias, then most quoted."""
        words, skel = normalize_key(q).split(), skeleton(q).split()
        if not words:
            return []
        conn = self._conn()
        like = "%" + words[0].replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        params: list = [like]
        cond = "key LIKE ? ESCAPE '\\'"
        if skel:
            cond += " OR skeleton LIKE ? ESCAPE '\\'"
            params.append("%" + skel[0] + "%")
        rows = conn.execute(
            f"SELECT speaker_id, key, skeleton FROM aliases WHERE {cond}", params).fetchall()

        best = rank_alias_matches(words, skel, rows)
        if not best:
            return []
        counts = dict(conn.execute(
            f"SELECT speaker_id, count(*) FROM quotes WHERE speaker_id IN ({', '.join('?' * len(best))})"
            " GROUP BY speaker_id", list(best)).fetchall())
        return sorted(best, key=lambda sid: (best[sid], -counts.get(sid, 0), sid))

    def search_speakers(self, q: str | None, *, limit: int, cursor: str | None) -> Page:
        offset = decode_cursor(cursor, (int,))[0] if cursor else 0
        conn = self._conn()
        if q and q.strip():
            ids = self._matching_speaker_ids(q)
        else:
            ids = [sid for (sid,) in conn.execute(
                "SELECT s.id FROM speakers s LEFT JOIN quotes q ON q.speaker_id = s.id"
                " GROUP BY s.id ORDER BY count(q.id) DESC, s.id")]
        page = ids[offset:offset + limit]
        items = [sp for sp in (self._speaker(conn, sid) for sid in page) if sp is not None]
        nxt = encode_cursor([offset + limit]) if len(ids) > offset + limit else None
        return Page(items=items, next=nxt)

    def resolve_speakers(self, id_or_name: str) -> list[str]:
        conn = self._conn()
        if conn.execute("SELECT 1 FROM speakers WHERE id = ?", (id_or_name,)).fetchone():
            return [id_or_name]
        return self._matching_speaker_ids(id_or_name)

    # --- quote reuse (issue 7): the SQL lives in api/store/clusters.py ------------------
    def quote_cluster(self, quote_id: int) -> clusters.Cluster | None:
        cid = clusters.cluster_of(self._conn(), quote_id)
        return clusters.get_cluster(self._conn(), cid) if cid is not None else None

    def get_cluster(self, cluster_id: int) -> clusters.Cluster | None:
        return clusters.get_cluster(self._conn(), cluster_id)

    def list_clusters(self, filters: clusters.ClusterFilter, *, limit: int, cursor: str | None) -> Page:
        after = tuple(decode_cursor(cursor, (str, int))) if cursor else None
        items, nxt = clusters.list_clusters(self._conn(), filters, limit=limit, after=after)
        return Page(items=items, next=encode_cursor(list(nxt)) if nxt else None)

    def rebuild_clusters(self) -> clusters.RebuildStats:
        return clusters.rebuild(self._conn())

    # --- editorial control (issue 9): the SQL lives in api/store/editorial.py ------------
    def _edit(self, fn, *args, **kwargs):
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            result = fn(conn, *args, **kwargs)
            conn.execute("COMMIT")
            return result
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def get_tombstone(self, article_id: int) -> editorial.Tombstone | None:
        return editorial.tombstone(self._conn(), article_id)

    def quote_record(self, quote_id: int) -> editorial.QuoteRecord | None:
        return editorial.quote_record(self._conn(), quote_id)

    def quote_history(self, quote_id: int) -> list[editorial.Correction] | None:
        return editorial.history(self._conn(), quote_id)

    def article_ids(self, *, since: str | None = None) -> list[int]:
        """Ids of the articles in the answers (not taken down), oldest first; ``since``:
        published (or, when unknown, ingested) on or after that ISO date."""
        sql = "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM tombstones)"
        params: list = []
        if since:
            sql += " AND coalesce(nullif(published_at, ''), ingested_at) >= ?"
            params.append(since)
        return [i for (i,) in self._conn().execute(sql + " ORDER BY id", params)]

    def reextract_article(self, article_id: int, extraction: Extraction, *, extractor_version: str,
                          content_hash: str, apply: bool) -> editorial.ArticleDiff | None:
        """Reconcile an article's quotes with a new extraction of its text in one transaction,
        rolled back unless ``apply``. None: the article changed or went meanwhile."""
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            diff = editorial.reextract_article(conn, self, article_id, extraction, extractor_version=extractor_version,
                                               content_hash=content_hash, apply=apply)
            conn.execute("COMMIT" if diff is not None and apply else "ROLLBACK")
            return diff
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def save_revision(self, article_id: int, article: NewArticle, extraction: Extraction, *,
                      extractor_version: str) -> SaveResult:
        """A changed text for a stored article (same url): the old text and its quotes stay
        as history, the new text and quotes take their place under the same article id."""
        return self._edit(editorial.save_revision, self, article_id, article, extraction,
                           extractor_version=extractor_version)

    def export_records(self):
        """Every record of the store, one typed :mod:`api.store.archive` record at a time."""
        return archive.export_records(self._conn(), self.schema_version)

    def import_records(self, records) -> archive.ImportStats:
        """Load an export into this store, which must be empty (:class:`archive.NotEmpty`)."""
        return self._edit(archive.import_records, records)
