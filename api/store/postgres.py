"""PostgreSQL store (issue 11): the same :class:`Store` interface as SQLite, for several
API processes and ingest workers sharing one server database.

- psycopg 3 with a :class:`psycopg_pool.ConnectionPool`; every method is one transaction
  on a pooled connection, so the store is thread-safe.
- Migrations from ``migrations_pg/`` (the same version numbers as SQLite's), applied under
  a session advisory lock, so processes starting at once do not race.
- Full-text search stores the very terms the SQLite FTS indexes (:func:`index_terms`) as a
  ``tsvector`` of exact lexemes (GIN index) and looks up :func:`query_terms` with ``&``:
  every query word must match, so both backends answer the same.
- Idempotent ingestion under concurrency: unique keys on url and (outlet, content hash),
  ``INSERT … ON CONFLICT`` for articles, speakers and aliases; speakers and aliases are
  written in key order so concurrent writers cannot deadlock. Article writes also take a
  transaction advisory lock, as SQLite's ``BEGIN IMMEDIATE`` does: reuse placement reads
  what earlier placements wrote, and two articles placed at once could otherwise miss
  each other. Extraction runs outside it, so workers still extract in parallel.
- Quote reuse and editorial control (issue 9: corrections, revisions, takedown,
  re-extraction, export/import) run the SQL of :mod:`api.store.clusters`,
  :mod:`api.store.editorial` and :mod:`api.store.archive` (written for SQLite) via
  :class:`_SqliteDialect`, which rewrites its few SQLite-isms and provides what SQLite
  does by itself: the search terms of changed quotes (SQLite's triggers) and id
  sequences (``sqlite_sequence``).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

from api.reuse import Item
from extractors.normalize import normalize_key
from extractors.types import Extraction, Segment, Speaker

from . import archive, clusters, editorial
from .base import (
    BadCursor,
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

try:  # an optional dependency for SQLite-only installs
    import psycopg
    from psycopg import errors as pg_errors
    from psycopg_pool import ConnectionPool, PoolTimeout
except ImportError:  # pragma: no cover - exercised only without psycopg
    psycopg = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

# advisory lock keys (pg_advisory_*(int, int)): the first number is qawl's, the second
# names the lock; both are scoped to the current schema by hashing its name in.
_LOCK_NAMESPACE = 0x7161776C  # "qawl"
_MIGRATE, _WRITE = "migrate", "write"
_RETRIES = 5

T = TypeVar("T")


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every PostgreSQL migration, in order."""
    return packaged_migrations("migrations_pg")


def redact(url: str) -> str:
    """The URL without its password (for logs, /health and errors)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[-1]}"))


def with_schema(url: str, schema: str) -> str:
    """``url`` with every connection's ``search_path`` set to ``schema`` (libpq ``options``):
    one database can hold several qawl stores, one a schema (tests, benchmarks)."""
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", schema):
        raise StoreError(f"schema names are lower-case letters, digits and _: {schema!r}")
    parts = urlsplit(url)
    query = "&".join(p for p in parts.query.split("&") if p and not p.startswith("options="))
    query = (query + "&" if query else "") + f"options=-csearch_path%3D{schema}"
    return urlunsplit(parts._replace(query=query))


def _tsquery(words: list[str]) -> str:
    """``'w1' & 'w2'``: quoted lexemes, so nothing in a word is read as tsquery syntax."""
    return " & ".join("'" + w.replace("\\", "\\\\").replace("'", "''") + "'" for w in words)


def _lock_sql(name: str, *, xact: bool) -> str:
    fn = "pg_advisory_xact_lock" if xact else "pg_advisory_lock"
    return f"SELECT {fn}({_LOCK_NAMESPACE}, hashtext(current_schema() || ':{name}'))"


# --- running api.store.clusters (SQLite SQL) on a psycopg connection -------------------
@lru_cache(maxsize=256)
def _translate(sql: str) -> str:
    """SQLite → PostgreSQL for the statements of :mod:`api.store.clusters`: ``?`` → ``%s``,
    ``%`` escaped, ``INSERT OR IGNORE`` → ``ON CONFLICT DO NOTHING``."""
    out, in_string = [], False
    for ch in sql:
        if ch == "'":
            in_string = not in_string
        if ch == "%":
            out.append("%%")
        elif ch == "?" and not in_string:
            out.append("%s")
        else:
            out.append(ch)
    text = "".join(out)
    if text.lstrip().upper().startswith("INSERT OR IGNORE INTO"):
        text = re.sub(r"(?i)^\s*INSERT OR IGNORE INTO", "INSERT INTO", text) + " ON CONFLICT DO NOTHING"
    return text


class _SqliteDialect:
    """The part of the ``sqlite3.Connection`` interface :mod:`api.store.clusters` uses."""

    def __init__(self, conn: psycopg.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, params: Any = ()) -> psycopg.Cursor:
        statement = sql.strip().upper()
        if statement.startswith("BEGIN"):  # BEGIN IMMEDIATE: a transaction holding the write lock
            if not self.in_transaction:
                self.conn.execute("BEGIN")
            return self.conn.execute(_lock_sql(_WRITE, xact=True))
        if statement in ("COMMIT", "ROLLBACK"):
            return self.conn.execute(statement)
        return self.conn.execute(_translate(sql), tuple(params))  # (), not None: %% is unescaped

    def executemany(self, sql: str, rows: list) -> None:
        if rows:
            with self.conn.cursor() as cur:
                cur.executemany(_translate(sql), rows)

    @property
    def in_transaction(self) -> bool:
        return self.conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE

    # --- hooks for what SQLite does by itself (api.store.editorial, api.store.archive) ---
    def index_search(self, quote_ids: list[int]) -> None:
        """The search terms of live quotes inserted or changed (SQLite: triggers)."""
        rows = self.conn.execute("SELECT id, text FROM quotes WHERE id = ANY(%s::bigint[])",
                                 (list(quote_ids),)).fetchall()
        with self.conn.cursor() as cur:
            cur.executemany("UPDATE quotes SET fts = array_to_tsvector(%s::text[]) WHERE id = %s",
                            [(index_terms(text).split(), qid) for qid, text in rows])

    def sequences(self) -> list[tuple[str, int]]:
        """(table, last id handed out) of the tables with generated ids, as ``sqlite_sequence``."""
        out = []
        for table in _SEQUENCED:
            seq = self.conn.execute("SELECT pg_sequence_last_value(pg_get_serial_sequence(%s, 'id')::regclass)",
                                    (table,)).fetchone()[0]
            if seq is not None:
                out.append((table, seq))
        return out

    def bump_sequence(self, table: str, seq: int) -> None:
        """Ids of ``table`` are handed out above ``seq`` from now on."""
        if table not in _SEQUENCED:
            raise StoreError(f"no id sequence for table {table!r}")
        if seq >= 1:
            self.conn.execute(
                "SELECT setval(s, greatest(%s::bigint, coalesce(pg_sequence_last_value(s), 0)))"
                " FROM (SELECT pg_get_serial_sequence(%s, 'id')::regclass AS s) x", (seq, table))


_SEQUENCED = ("articles", "corrections", "quotes")  # tables whose ids PostgreSQL generates


class PostgresStore(editorial.EditorialWrites, Store):
    """Thread-safe: a pool of autocommit connections; a read is one statement (or a few, each
    seeing committed data, as under READ COMMITTED anyway), a write one explicit transaction."""

    backend = "postgres"

    def __init__(self, url: str, *, min_size: int = 1, max_size: int = 8, timeout: float = 10.0) -> None:
        if psycopg is None:
            raise StoreError("the PostgreSQL backend needs psycopg: pip install 'psycopg[binary,pool]'")
        self.url = url
        self.location = redact(url)
        try:  # one direct attempt first: fails fast, with the server's reason
            psycopg.connect(url, connect_timeout=max(1, int(timeout))).close()
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to PostgreSQL at {self.location}: {str(exc).strip()}") from None
        self._pool = ConnectionPool(url, min_size=min_size, max_size=max_size, timeout=timeout, open=False,
                                    name="qawl", kwargs={"application_name": "qawl", "autocommit": True})
        try:
            self._pool.open(wait=True, timeout=timeout)
        except PoolTimeout as exc:
            self._pool.close()
            raise StoreError(f"cannot connect to PostgreSQL at {self.location}: {exc}") from None
        try:
            self.schema_version = self._migrate()
        except BaseException:
            self._pool.close()
            raise

    # --- connections and schema -------------------------------------------------------
    @contextmanager
    def _tx(self) -> Iterator[psycopg.Connection]:
        """A pooled autocommit connection (no BEGIN/COMMIT round trips for reads)."""
        with self._pool.connection() as conn:
            yield conn

    def _retrying(self, work: Callable[[psycopg.Connection], T]) -> T:
        """Run ``work`` in a transaction, again when PostgreSQL aborted it for a deadlock
        or a serialisation conflict (both are safe to retry from the start)."""
        for attempt in range(_RETRIES):
            try:
                with self._tx() as conn, conn.transaction():
                    return work(conn)
            except (pg_errors.DeadlockDetected, pg_errors.SerializationFailure):
                if attempt == _RETRIES - 1:
                    raise
                time.sleep(0.01 * (attempt + 1))
        raise AssertionError("unreachable")

    def _migrate(self) -> int:
        known = migrations()
        latest = known[-1][0]
        with self._pool.connection() as conn:
            try:
                conn.execute(_lock_sql(_MIGRATE, xact=False))  # held until the unlock below
                try:
                    conn.execute("CREATE TABLE IF NOT EXISTS qawl_schema (version INTEGER NOT NULL)")
                    row = conn.execute("SELECT max(version) FROM qawl_schema").fetchone()
                    current = row[0] or 0
                    if current > latest:
                        raise StoreError(
                            f"store {self.location} has schema version {current}, newer than this qawl "
                            f"knows ({latest}); upgrade qawl")
                    for version, name, sql in known:
                        if version <= current:
                            continue
                        with conn.transaction():
                            conn.execute(sql.encode("utf-8"))  # a script: no parameters
                            conn.execute("DELETE FROM qawl_schema")
                            conn.execute("INSERT INTO qawl_schema (version) VALUES (%s)", (version,))
                        log.info("store %s: applied migration %s", self.location, name)
                        current = version
                    return current
                finally:
                    conn.execute(f"SELECT pg_advisory_unlock({_LOCK_NAMESPACE},"
                                 f" hashtext(current_schema() || ':{_MIGRATE}'))")
            except psycopg.Error as exc:
                raise StoreError(f"cannot migrate PostgreSQL store {self.location}: {str(exc).strip()}") from exc

    def close(self) -> None:
        self._pool.close()

    def stats(self) -> StoreStats:
        with self._tx() as conn:
            articles, quotes, speakers = conn.execute(
                "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM quotes),"
                " (SELECT count(*) FROM speakers)").fetchone()
        return StoreStats(backend=self.backend, location=self.location, schema_version=self.schema_version,
                          articles=articles, quotes=quotes, speakers=speakers)

    # --- writes -----------------------------------------------------------------------
    @staticmethod
    def _find(conn: psycopg.Connection, url: str | None, outlet: str | None, chash: str) -> int | None:
        if url:
            row = conn.execute("SELECT id FROM articles WHERE url = %s", (url,)).fetchone()
            if row:
                return row[0]
        row = conn.execute("SELECT id FROM articles WHERE outlet_key = %s AND content_hash = %s",
                           (outlet or "", chash)).fetchone()
        return row[0] if row else None

    def find_article(self, *, url: str | None, outlet: str | None, content_hash: str) -> int | None:
        with self._tx() as conn:
            return self._find(conn, url, outlet, content_hash)

    def save_article(self, article: NewArticle, extraction: Extraction, *, extractor_version: str) -> SaveResult:
        chash = article.content_hash
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        published = article.published_at or extraction.article.published
        kept = []
        for ordinal, quote in enumerate(extraction.quotes):
            if article.text[quote.start:quote.end] != quote.text or quote.start >= quote.end:
                log.warning("article (%s): quote %d does not match its offsets; not stored",
                            article.url or chash[:12], ordinal)
                continue
            kept.append((ordinal, quote, speaker_id_for(quote.speaker)))

        def work(conn: psycopg.Connection) -> SaveResult:
            existing = self._find(conn, article.url, article.outlet, chash)
            if existing is not None:  # the common duplicate: no lock, no write
                return SaveResult(article_id=existing, created=False, quote_ids=[])
            conn.execute(_lock_sql(_WRITE, xact=True))
            row = conn.execute(
                "INSERT INTO articles (content_hash, url, outlet, outlet_key, headline, published_at,"
                " credit, doc, text, extractor_version, ingested_at)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING RETURNING id",
                (chash, article.url, article.outlet, article.outlet or "",
                 article.headline or extraction.article.headline, published,
                 extraction.article.credit, article.doc or extraction.article.doc, article.text,
                 extractor_version, now),
            ).fetchone()
            if row is None:  # another writer stored it since the check above
                existing = self._find(conn, article.url, article.outlet, chash)
                if existing is None:
                    raise StoreError("article conflicts with a stored one but none was found")
                return SaveResult(article_id=existing, created=False, quote_ids=[])
            article_id = row[0]
            with conn.cursor() as cur:
                cur.executemany(
                    'INSERT INTO segments (article_id, ordinal, kind, start, "end") VALUES (%s, %s, %s, %s, %s)',
                    [(article_id, i, s.kind, s.start, s.end) for i, s in enumerate(extraction.article.segments)])
            moved = self._redirects(conn, [sid for _, _, sid in kept])  # merged by an editor (issue 9)
            quotes = [(ordinal, quote, moved.get(sid, sid)) for ordinal, quote, sid in kept]
            self._upsert_quote_speakers(conn, [(sid, quote.speaker) for _, quote, sid in quotes], now)
            quote_ids, placing = [], []
            with conn.cursor() as cur:
                for ordinal, quote, sid in quotes:
                    cur.execute(
                        f"INSERT INTO quotes ({INSERT_COLUMNS}, fts) VALUES ({', '.join(['%s'] * len(INSERT_FIELDS))},"
                        " array_to_tsvector(%s::text[])) RETURNING id",
                        (*quote_values(article_id, ordinal, quote, sid, extractor_version=extractor_version,
                                       published=published, outlet=article.outlet),
                         index_terms(quote.text).split()),
                    )
                    qid = cur.fetchone()[0]
                    placing.append(Item(quote_id=qid, speaker_id=sid, article_id=article_id,
                                        text=quote.text, published_at=published or "", kind=quote.kind))
                    quote_ids.append(qid)
            clusters.place_article(_SqliteDialect(conn), placing)  # reuse groups (issue 7)
            return SaveResult(article_id=article_id, created=True, quote_ids=quote_ids)

        return self._retrying(work)

    @staticmethod
    def _redirects(conn: psycopg.Connection, ids: list[str]) -> dict[str, str]:
        """Speaker id → the id it was merged into, for those of ``ids`` an editor merged."""
        if not ids:
            return {}
        return dict(conn.execute("SELECT from_id, to_id FROM speaker_redirects WHERE from_id = ANY(%s::text[])",
                                 (list(set(ids)),)).fetchall())

    def _upsert_speaker(self, db: _SqliteDialect, speaker: Speaker, now: str) -> str:
        """One quote's speaker (for :mod:`api.store.editorial`): its id after redirects."""
        sid = editorial.redirect(db, speaker_id_for(speaker))
        self._upsert_quote_speakers(db.conn, [(sid, speaker)], now)
        return sid

    @staticmethod
    def _upsert_aliases(conn: psycopg.Connection, rows: dict[tuple[str, str], int]) -> None:
        """Add aliases (``(speaker id, alias) → seen``), in key order (no deadlocks)."""
        params = [(sid, alias, normalize_key(alias), skeleton(alias), seen)
                  for (sid, alias), seen in sorted(rows.items())]
        if params:
            with conn.cursor() as cur:
                cur.executemany(
                    "INSERT INTO aliases (speaker_id, alias, key, skeleton, seen) VALUES (%s, %s, %s, %s, %s)"
                    " ON CONFLICT (speaker_id, alias) DO UPDATE SET seen = aliases.seen + excluded.seen",
                    params)

    def _upsert_quote_speakers(self, conn: psycopg.Connection, speakers: list[tuple[str, Speaker]],
                               now: str) -> None:
        """The speakers of an article's quotes, as SQLite's one-by-one upserts leave them
        (first name wins; an unknown type is settled by the first known one), written in id order."""
        first: dict[str, list] = {}
        aliases: dict[tuple[str, str], int] = {}
        for sid, speaker in speakers:
            entry = first.setdefault(sid, [speaker.name, speaker.type])
            if entry[1] == "unknown" and speaker.type != "unknown":
                entry[1] = speaker.type
            for alias in {speaker.name, speaker.mention}:
                alias = " ".join(alias.split())
                if alias:
                    aliases[(sid, alias)] = aliases.get((sid, alias), 0) + 1
        if not first:
            return
        with conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO speakers (id, name, type, origin, created_at) VALUES (%s, %s, %s, 'extracted', %s)"
                " ON CONFLICT (id) DO UPDATE SET type = excluded.type"
                " WHERE speakers.type = 'unknown' AND excluded.type != 'unknown'",
                [(sid, name, type_, now) for sid, (name, type_) in sorted(first.items())])
        self._upsert_aliases(conn, aliases)

    def save_speakers(self, speakers: list[SpeakerEntry], *, origin: str) -> None:
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")

        def work(conn: psycopg.Connection) -> None:
            moved = self._redirects(conn, [sp.id for sp in speakers])  # merged by an editor (issue 9)
            latest: dict[str, SpeakerEntry] = {}  # the last entry of an id wins
            aliases: dict[tuple[str, str], int] = {}
            for sp in speakers:
                sid = moved.get(sp.id, sp.id)
                latest[sid] = sp
                for alias in [sp.name, *sp.aliases]:
                    alias = " ".join(alias.split())
                    if alias:
                        aliases[(sid, alias)] = 0
            with conn.cursor() as cur:
                cur.executemany(
                    "INSERT INTO speakers (id, name, type, origin, created_at) VALUES (%s, %s, %s, %s, %s)"
                    " ON CONFLICT (id) DO UPDATE SET name = excluded.name, type = excluded.type,"
                    " origin = CASE WHEN speakers.origin = 'registry' THEN 'registry' ELSE excluded.origin END",
                    [(sid, sp.name, sp.type, origin, now) for sid, sp in sorted(latest.items())])
            self._upsert_aliases(conn, aliases)

        if speakers:
            self._retrying(work)

    def load_speakers(self, *, origin: str | None = None) -> list[SpeakerEntry]:
        where, params = ("WHERE s.origin = %s", (origin,)) if origin else ("", ())
        with self._tx() as conn:
            rows = conn.execute(
                "SELECT s.id, s.name, s.type, coalesce(array_agg(a.alias ORDER BY a.alias)"
                " FILTER (WHERE a.alias IS NOT NULL), '{}')"
                f" FROM speakers s LEFT JOIN aliases a ON a.speaker_id = s.id AND a.alias != s.name {where}"
                " GROUP BY s.id ORDER BY s.id", params).fetchall()
        return [SpeakerEntry(id=sid, name=name, type=type_, aliases=list(aliases))
                for sid, name, type_, aliases in rows]

    # --- reads ------------------------------------------------------------------------
    def get_article(self, article_id: int) -> StoredArticle | None:
        if not -2**63 <= article_id < 2**63:
            return None
        with self._tx() as conn:
            row = conn.execute(
                "SELECT id, content_hash, url, outlet, headline, published_at, credit, text,"
                " extractor_version, ingested_at FROM articles WHERE id = %s"
                " AND id NOT IN (SELECT article_id FROM tombstones)", (article_id,)).fetchone()
            if row is None:
                return None
            segments = [Segment(kind=k, start=s, end=e) for k, s, e in conn.execute(
                'SELECT kind, start, "end" FROM segments WHERE article_id = %s ORDER BY ordinal', (article_id,))]
        (aid, chash, url, outlet, headline, published, credit, text, version, ingested) = row
        return StoredArticle(id=aid, content_hash=chash, url=url, outlet=outlet, headline=headline,
                             published_at=published, credit=credit, text=text, segments=segments,
                             extractor_version=version, ingested_at=ingested)

    def article_quotes(self, article_id: int) -> list[StoredQuote]:
        if not -2**63 <= article_id < 2**63:
            return []
        with self._tx() as conn:
            rows = conn.execute(
                f"SELECT {QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id"
                " WHERE q.article_id = %s ORDER BY q.start, q.id", (article_id,)).fetchall()
        return [quote_from_row(r) for r in rows]

    def get_quote(self, quote_id: int) -> StoredQuote | None:
        if not -2**63 <= quote_id < 2**63:
            return None
        with self._tx() as conn:
            row = conn.execute(
                f"SELECT {QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id"
                " WHERE q.id = %s", (quote_id,)).fetchone()
        return quote_from_row(row) if row else None

    def list_quotes(self, filters: QuoteFilter, *, limit: int, cursor: str | None) -> Page:
        where: list[str] = []
        params: list = []
        if filters.q is not None:
            words = query_terms(filters.q)
            if not words:
                return Page(items=[], next=None)
            where.append("q.fts @@ %s::tsquery")
            params.append(_tsquery(words))
        if filters.speaker_ids is not None:
            if not filters.speaker_ids:
                return Page(items=[], next=None)
            where.append("q.speaker_id = ANY(%s::text[])")
            params.append(list(filters.speaker_ids))
        if filters.since:
            where.append("q.published_at >= %s::text")
            params.append(filters.since)
        if filters.until:
            where.append("q.published_at < %s::text AND q.published_at != ''")
            params.append(next_day(filters.until))
        if filters.outlet:
            # SQLite's COLLATE NOCASE folds ASCII only; so does lower() under "C"
            where.append('lower(q.outlet) = lower(%s::text COLLATE "C")')
            params.append(filters.outlet)
        if filters.kind:
            where.append("q.kind = %s::text")
            params.append(filters.kind)
        if cursor:
            published, last_id = decode_cursor(cursor, (str, int))
            if not -2**63 <= last_id < 2**63:
                raise BadCursor("the cursor is not one this API issued; use the `next` value as is")
            where.append("(q.published_at, q.id) < (%s::text, %s::bigint)")
            params.extend([published, last_id])
        sql = (
            f"SELECT {QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id"
            f" {'WHERE ' + ' AND '.join(where) if where else ''}"
            " ORDER BY q.published_at DESC, q.id DESC LIMIT %s"
        )
        with self._tx() as conn:
            rows = conn.execute(sql, [*params, limit + 1]).fetchall()
        return quote_page(rows, limit)

    @staticmethod
    def _speakers(conn: psycopg.Connection, ids: list[str]) -> list[SpeakerRecord]:
        """Speaker records of ``ids``, in that order (unknown ids left out)."""
        if not ids:
            return []
        rows = conn.execute(
            "SELECT s.id, s.name, s.type,"
            " coalesce((SELECT array_agg(a.alias ORDER BY a.seen DESC, a.alias) FROM aliases a"
            "           WHERE a.speaker_id = s.id), '{}'),"
            " (SELECT count(*) FROM quotes q WHERE q.speaker_id = s.id)"
            " FROM speakers s WHERE s.id = ANY(%s::text[])", (ids,)).fetchall()
        by_id = {r[0]: SpeakerRecord(id=r[0], name=r[1], type=r[2], aliases=list(r[3]), quote_count=r[4])
                 for r in rows}
        return [by_id[sid] for sid in ids if sid in by_id]

    def get_speaker(self, speaker_id: str) -> SpeakerRecord | None:
        with self._tx() as conn:
            found = self._speakers(conn, [speaker_id])
        return found[0] if found else None

    def speaker_stats(self, speaker_id: str) -> SpeakerStats:
        with self._tx() as conn:
            by_kind = dict(conn.execute(
                "SELECT kind, count(*) FROM quotes WHERE speaker_id = %s GROUP BY kind ORDER BY kind",
                (speaker_id,)).fetchall())
            by_outlet = dict(conn.execute(
                "SELECT coalesce(outlet, ''), count(*) FROM quotes WHERE speaker_id = %s"
                " GROUP BY coalesce(outlet, '') ORDER BY 2 DESC, 1", (speaker_id,)).fetchall())
            first, last = conn.execute(
                "SELECT min(nullif(published_at, '')), max(nullif(published_at, ''))"
                " FROM quotes WHERE speaker_id = %s", (speaker_id,)).fetchone()
        return SpeakerStats(total=sum(by_kind.values()), by_kind=by_kind, by_outlet=by_outlet,
                            first_quoted=first, last_quoted=last)

    def _matching_speaker_ids(self, conn: psycopg.Connection, q: str) -> list[str]:
        """Ids whose aliases contain every query word (normalised, or as a consonant
        skeleton so Latin finds Arabic), best first: exact alias, then most quoted.
        The same candidates and ranking as the SQLite store."""
        words, skel = normalize_key(q).split(), skeleton(q).split()
        if not words:
            return []
        like = "%" + words[0].replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        params: list = [like]
        cond = "key ILIKE %s"  # SQLite's LIKE ignores ASCII case
        if skel:
            cond += " OR skeleton ILIKE %s"
            params.append("%" + skel[0] + "%")
        rows = conn.execute(f"SELECT speaker_id, key, skeleton FROM aliases WHERE {cond}", params).fetchall()

        best = rank_alias_matches(words, skel, rows)
        if not best:
            return []
        counts = dict(conn.execute(
            "SELECT speaker_id, count(*) FROM quotes WHERE speaker_id = ANY(%s::text[]) GROUP BY speaker_id",
            (list(best),)).fetchall())
        return sorted(best, key=lambda sid: (best[sid], -counts.get(sid, 0), sid))

    def search_speakers(self, q: str | None, *, limit: int, cursor: str | None) -> Page:
        offset = decode_cursor(cursor, (int,))[0] if cursor else 0
        if offset < 0:
            raise BadCursor("the cursor is not one this API issued; use the `next` value as is")
        with self._tx() as conn:
            if q and q.strip():
                ids = self._matching_speaker_ids(conn, q)
                total = len(ids)
                page = ids[offset:offset + limit]
            else:
                rows = conn.execute(
                    "SELECT s.id, count(*) OVER () FROM speakers s LEFT JOIN quotes q ON q.speaker_id = s.id"
                    " GROUP BY s.id ORDER BY count(q.id) DESC, s.id OFFSET %s LIMIT %s",
                    (offset, limit)).fetchall()
                page = [sid for sid, _ in rows]
                total = rows[0][1] if rows else 0
            items = self._speakers(conn, page)
        nxt = encode_cursor([offset + limit]) if total > offset + limit else None
        return Page(items=items, next=nxt)

    def resolve_speakers(self, id_or_name: str) -> list[str]:
        with self._tx() as conn:
            if conn.execute("SELECT 1 FROM speakers WHERE id = %s", (id_or_name,)).fetchone():
                return [id_or_name]
            return self._matching_speaker_ids(conn, id_or_name)

    # --- quote reuse (issue 7): the SQL lives in api/store/clusters.py ------------------
    def quote_cluster(self, quote_id: int) -> clusters.Cluster | None:
        if not -2**63 <= quote_id < 2**63:
            return None
        with self._tx() as conn:
            db = _SqliteDialect(conn)
            cid = clusters.cluster_of(db, quote_id)
            return clusters.get_cluster(db, cid) if cid is not None else None

    def get_cluster(self, cluster_id: int) -> clusters.Cluster | None:
        if not -2**63 <= cluster_id < 2**63:
            return None
        with self._tx() as conn:
            return clusters.get_cluster(_SqliteDialect(conn), cluster_id)

    def list_clusters(self, filters: clusters.ClusterFilter, *, limit: int, cursor: str | None) -> Page:
        after = tuple(decode_cursor(cursor, (str, int))) if cursor else None
        if after is not None and not -2**63 <= after[1] < 2**63:
            raise BadCursor("the cursor is not one this API issued; use the `next` value as is")
        with self._tx() as conn:
            items, nxt = clusters.list_clusters(_SqliteDialect(conn), filters, limit=limit, after=after)
        return Page(items=items, next=encode_cursor(list(nxt)) if nxt else None)

    def rebuild_clusters(self) -> clusters.RebuildStats:
        with self._tx() as conn:
            return clusters.rebuild(_SqliteDialect(conn))

    # --- editorial control (issue 9): the SQL lives in api/store/editorial.py and archive.py
    def _edit(self, fn: Callable[..., T], *args: Any, commit: bool = True, **kwargs: Any) -> T:
        """``fn(connection, *args, **kwargs)`` in a write transaction (the write lock, as
        SQLite's ``BEGIN IMMEDIATE``), rolled back when it raises or unless ``commit``."""
        def work(conn: psycopg.Connection) -> T:
            conn.execute(_lock_sql(_WRITE, xact=True))
            with conn.transaction(force_rollback=not commit):
                return fn(_SqliteDialect(conn), *args, **kwargs)

        return self._retrying(work)

    def get_tombstone(self, article_id: int) -> editorial.Tombstone | None:
        if not -2**63 <= article_id < 2**63:
            return None
        with self._tx() as conn:
            return editorial.tombstone(_SqliteDialect(conn), article_id)

    def quote_record(self, quote_id: int) -> editorial.QuoteRecord | None:
        if not -2**63 <= quote_id < 2**63:
            return None
        with self._tx() as conn:
            return editorial.quote_record(_SqliteDialect(conn), quote_id)

    def quote_history(self, quote_id: int) -> list[editorial.Correction] | None:
        if not -2**63 <= quote_id < 2**63:
            return None
        with self._tx() as conn:
            return editorial.history(_SqliteDialect(conn), quote_id)

    def article_ids(self, *, since: str | None = None) -> list[int]:
        sql = "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM tombstones)"
        params: list = []
        if since:
            sql += " AND coalesce(nullif(published_at, ''), ingested_at) >= %s::text"
            params.append(since)
        with self._tx() as conn:
            return [i for (i,) in conn.execute(sql + " ORDER BY id", params)]

    def reextract_article(self, article_id: int, extraction: Extraction, *, extractor_version: str,
                          content_hash: str, apply: bool) -> editorial.ArticleDiff | None:
        return self._edit(editorial.reextract_article, self, article_id, extraction, commit=apply, apply=apply,
                          extractor_version=extractor_version, content_hash=content_hash)

    def save_revision(self, article_id: int, article: NewArticle, extraction: Extraction, *,
                      extractor_version: str) -> SaveResult:
        return self._edit(editorial.save_revision, self, article_id, article, extraction,
                          extractor_version=extractor_version)

    def export_records(self) -> Iterator[archive.Record]:
        """Every record, read in one snapshot (REPEATABLE READ) that blocks no writer."""
        with self._tx() as conn:
            conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            try:
                yield from archive.export_records(_SqliteDialect(conn), self.schema_version)
            finally:
                conn.execute("COMMIT")

    def import_records(self, records) -> archive.ImportStats:
        """Into an empty store only (archive.NotEmpty); ids kept, id sequences set above them.
        One transaction, not retried (``records`` may be read once)."""
        with self._tx() as conn, conn.transaction():
            conn.execute(_lock_sql(_WRITE, xact=True))
            return archive.import_records(_SqliteDialect(conn), records)

    # --- for tests and benchmarks ------------------------------------------------------
    def assignments(self) -> dict[int, int]:
        """quote id → cluster id of every placed quote."""
        with self._tx() as conn:
            return clusters.assignments(_SqliteDialect(conn))


__all__ = ["PostgresStore", "migrations", "redact", "with_schema"]
