"""Quote store: the :class:`Store` interface and :func:`open_store` to pick a backend."""

from __future__ import annotations

from pathlib import Path

from .base import (
    ArticleRef,
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
    content_hash,
    index_terms,
    query_terms,
    skeleton,
    speaker_id_for,
)
from .rows import StoreError
from .sqlite import SqliteStore

DEFAULT_DATABASE = "qawl.db"


def sqlite_path(url: str) -> str:
    """File path of a SQLite URL or plain path.

    ``sqlite:///qawl.db`` is relative to the working directory and ``sqlite:////srv/qawl.db``
    absolute (SQLAlchemy's convention); a plain path is taken as is.
    """
    if url.startswith("sqlite://"):
        rest = url[len("sqlite://"):]
        if not rest.startswith("/"):
            raise StoreError(f"bad SQLite URL {url!r}: write sqlite:///relative.db or sqlite:////absolute.db")
        path = rest[1:]
        if not path:
            raise StoreError(f"bad SQLite URL {url!r}: no file name")
        return path
    return url


def open_store(url: str | None) -> Store:
    """Open (creating and migrating if needed) the store named by a path or URL:
    ``postgresql://user:password@host:port/database`` is PostgreSQL, anything else SQLite."""
    url = url or DEFAULT_DATABASE
    if url.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore  # psycopg is imported only when asked for

        return PostgresStore(url)
    if "://" in url and not url.startswith("sqlite://"):
        raise StoreError(f"unsupported database URL {url!r}: use a file path, sqlite:///path or postgresql://…")
    path = sqlite_path(url)
    if path != ":memory:" and Path(path).is_dir():
        raise StoreError(f"{path!r} is a folder; give a file path for the store")
    return SqliteStore(path)


__all__ = [
    "ArticleRef", "BadCursor", "DEFAULT_DATABASE", "NewArticle", "Page", "QuoteFilter",
    "SaveResult", "SpeakerEntry", "SpeakerRecord", "SpeakerStats", "SqliteStore", "Store", "StoreError",
    "StoreStats", "StoredArticle", "StoredQuote", "content_hash", "index_terms", "open_store",
    "query_terms", "skeleton",
    "speaker_id_for", "sqlite_path",
]
