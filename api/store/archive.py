"""Export and restore (issue 9): the whole store as typed records, one JSON object a line.

Every record carries a ``type`` tag. The order is the order a restore needs: speakers and
aliases before the quotes naming them, articles before their quotes, quotes before their
reuse groups. Ids are kept, so a restored store answers exactly as the original did; the
search index and the reuse token index are rebuilt from the records. The records know
nothing of SQLite: the PostgreSQL backend reads and writes the same lines (through its
dialect connection, as :mod:`api.store.editorial`), so export → import is also the way
from one backend to the other.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any, Union

import msgspec

from api.reuse import Item, features
from extractors.types import Segment

from . import clusters
from .editorial import QUOTE_FIELDS, index_search

FORMAT = 1


class NotEmpty(ValueError):
    """Import into a store that already holds articles or speakers."""


class Meta(msgspec.Struct, frozen=True, tag="meta"):
    format: int
    schema_version: int
    exported_at: str


class SpeakerRec(msgspec.Struct, frozen=True, tag="speaker"):
    id: str
    name: str
    speaker_type: str
    origin: str
    created_at: str


class AliasRec(msgspec.Struct, frozen=True, tag="alias"):
    speaker_id: str
    alias: str
    key: str
    skeleton: str
    seen: int


class RedirectRec(msgspec.Struct, frozen=True, tag="redirect"):
    from_id: str
    to_id: str


class ArticleRec(msgspec.Struct, frozen=True, tag="article"):
    id: int
    revision: int
    content_hash: str
    url: str | None
    outlet: str | None
    headline: str | None
    published_at: str | None
    credit: str | None
    doc: str | None
    text: str
    extractor_version: str
    ingested_at: str
    segments: list[Segment]


class RevisionRec(msgspec.Struct, frozen=True, tag="revision"):
    article_id: int
    revision: int
    content_hash: str
    headline: str | None
    published_at: str | None
    credit: str | None
    text: str
    extractor_version: str
    ingested_at: str
    segments: list[Segment]


class QuoteRec(msgspec.Struct, frozen=True, tag="quote"):
    id: int
    article_id: int
    ordinal: int
    doc: str
    segment: str
    kind: str
    text: str
    start: int
    end: int
    cue_text: str
    cue_start: int
    cue_end: int
    speaker_id: str
    speaker_name: str
    speaker_mention: str
    speaker_type: str
    speaker_start: int | None
    speaker_end: int | None
    speaker_linked: int
    source: str | None
    confidence: float
    extractor_version: str
    published_at: str
    outlet: str | None
    status: str
    origin: str
    hidden: str | None = None  # None: in the answers
    revision: int | None = None  # of a hidden quote


class ClusterRec(msgspec.Struct, frozen=True, tag="cluster"):
    id: int
    speaker_id: str
    size: int
    first_published: str
    last_published: str


class ClusterMemberRec(msgspec.Struct, frozen=True, tag="cluster_member"):
    quote_id: int
    cluster_id: int
    speaker_id: str
    stems: str
    matched: int | None
    score: float | None


class CorrectionRec(msgspec.Struct, frozen=True, tag="correction"):
    id: int
    action: str
    editor: str
    at: str
    reason: str
    article_id: int | None
    detail: dict[str, Any]
    quote_ids: list[int]


class TombstoneRec(msgspec.Struct, frozen=True, tag="tombstone"):
    article_id: int
    url: str | None
    at: str
    editor: str
    reason: str
    purged: bool


class SequenceRec(msgspec.Struct, frozen=True, tag="sequence"):
    """The next id a table hands out is above ``seq`` (ids of hidden quotes are never reused)."""

    table: str
    seq: int


Record = Union[Meta, SpeakerRec, AliasRec, RedirectRec, ArticleRec, RevisionRec, QuoteRec, ClusterRec,
               ClusterMemberRec, CorrectionRec, TombstoneRec, SequenceRec]


class ImportStats(msgspec.Struct, frozen=True):
    records: dict[str, int]


_SEGMENTS = msgspec.json.Decoder(list[Segment])
_COLS = ", ".join(QUOTE_FIELDS)


def export_records(conn: sqlite3.Connection, schema_version: int) -> Iterator[Record]:
    """Everything, in restore order, read in one snapshot (a read transaction: this one's,
    or the caller's when it has begun one)."""
    began = not conn.in_transaction
    if began:
        conn.execute("BEGIN")
    try:
        yield Meta(format=FORMAT, schema_version=schema_version,
                   exported_at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
        for r in conn.execute("SELECT id, name, type, origin, created_at FROM speakers ORDER BY id"):
            yield SpeakerRec(*r)
        for r in conn.execute("SELECT speaker_id, alias, key, skeleton, seen FROM aliases ORDER BY speaker_id, alias"):
            yield AliasRec(*r)
        for r in conn.execute("SELECT from_id, to_id FROM speaker_redirects ORDER BY from_id"):
            yield RedirectRec(*r)
        seg_conn = conn
        for r in conn.execute(
                "SELECT id, revision, content_hash, url, outlet, headline, published_at, credit, doc, text,"
                " extractor_version, ingested_at FROM articles ORDER BY id").fetchall():
            segments = [Segment(kind=k, start=s, end=e) for k, s, e in seg_conn.execute(
                'SELECT kind, start, "end" FROM segments WHERE article_id = ? ORDER BY ordinal', (r[0],))]
            yield ArticleRec(*r, segments=segments)
        for r in conn.execute(
                "SELECT article_id, revision, content_hash, headline, published_at, credit, text,"
                " extractor_version, ingested_at, segments FROM article_revisions ORDER BY article_id, revision"):
            yield RevisionRec(*r[:-1], segments=_SEGMENTS.decode(r[-1]))
        for r in conn.execute(f"SELECT {_COLS} FROM quotes ORDER BY id"):
            yield QuoteRec(*r)
        for r in conn.execute(f"SELECT {_COLS}, hidden, revision FROM quotes_hidden ORDER BY id"):
            yield QuoteRec(*r)
        for r in conn.execute("SELECT id, speaker_id, size, first_published, last_published FROM clusters ORDER BY id"):
            yield ClusterRec(*r)
        for r in conn.execute("SELECT quote_id, cluster_id, speaker_id, stems, matched, score FROM quote_clusters"
                              " ORDER BY quote_id"):
            yield ClusterMemberRec(*r)
        for r in conn.execute("SELECT id, action, editor, at, reason, article_id, detail FROM corrections ORDER BY id"
                              ).fetchall():
            qids = [q for (q,) in conn.execute(
                "SELECT quote_id FROM correction_quotes WHERE correction_id = ? ORDER BY quote_id", (r[0],))]
            yield CorrectionRec(*r[:-1], detail=msgspec.json.decode(r[-1]), quote_ids=qids)
        for r in conn.execute("SELECT article_id, url, at, editor, reason, purged FROM tombstones ORDER BY article_id"):
            yield TombstoneRec(*r[:-1], purged=bool(r[-1]))
        for name, seq in _sequences(conn):
            yield SequenceRec(table=name, seq=seq)
    finally:
        if began and conn.in_transaction:
            conn.execute("COMMIT")


def _fields(rec: msgspec.Struct, names: Iterable[str]) -> tuple:
    return tuple(getattr(rec, n.strip('"')) for n in names)


def import_records(conn: sqlite3.Connection, records: Iterable[Record]) -> ImportStats:
    """Insert every record (inside the caller's transaction) into an empty store."""
    if conn.execute("SELECT EXISTS (SELECT 1 FROM articles) OR EXISTS (SELECT 1 FROM speakers)").fetchone()[0]:
        raise NotEmpty("the store is not empty: import into a new store file")
    counts: dict[str, int] = {}
    quotes: dict[int, QuoteRec] = {}
    max_quote = 0
    for rec in records:
        tag = type(rec).__struct_config__.tag
        counts[tag] = counts.get(tag, 0) + 1
        if isinstance(rec, Meta):
            if rec.format != FORMAT:
                raise ValueError(f"archive format {rec.format} is not one this qawl reads ({FORMAT})")
        elif isinstance(rec, SpeakerRec):
            conn.execute("INSERT INTO speakers (id, name, type, origin, created_at) VALUES (?, ?, ?, ?, ?)",
                         (rec.id, rec.name, rec.speaker_type, rec.origin, rec.created_at))
        elif isinstance(rec, AliasRec):
            conn.execute("INSERT INTO aliases (speaker_id, alias, key, skeleton, seen) VALUES (?, ?, ?, ?, ?)",
                         (rec.speaker_id, rec.alias, rec.key, rec.skeleton, rec.seen))
        elif isinstance(rec, RedirectRec):
            conn.execute("INSERT INTO speaker_redirects (from_id, to_id) VALUES (?, ?)", (rec.from_id, rec.to_id))
        elif isinstance(rec, ArticleRec):
            conn.execute(
                "INSERT INTO articles (id, revision, content_hash, url, outlet, outlet_key, headline, published_at,"
                " credit, doc, text, extractor_version, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (rec.id, rec.revision, rec.content_hash, rec.url, rec.outlet, rec.outlet or "", rec.headline,
                 rec.published_at, rec.credit, rec.doc, rec.text, rec.extractor_version, rec.ingested_at))
            conn.executemany('INSERT INTO segments (article_id, ordinal, kind, start, "end") VALUES (?, ?, ?, ?, ?)',
                             [(rec.id, i, s.kind, s.start, s.end) for i, s in enumerate(rec.segments)])
        elif isinstance(rec, RevisionRec):
            conn.execute(
                "INSERT INTO article_revisions (article_id, revision, content_hash, headline, published_at, credit,"
                " text, segments, extractor_version, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (rec.article_id, rec.revision, rec.content_hash, rec.headline, rec.published_at, rec.credit,
                 rec.text, msgspec.json.encode(rec.segments).decode(), rec.extractor_version, rec.ingested_at))
        elif isinstance(rec, QuoteRec):
            values = _fields(rec, QUOTE_FIELDS)
            max_quote = max(max_quote, rec.id)
            if rec.hidden is None:
                conn.execute(f"INSERT INTO quotes ({_COLS}) VALUES ({', '.join('?' * len(values))})", values)
                quotes[rec.id] = rec
            else:
                conn.execute(f"INSERT INTO quotes_hidden ({_COLS}, hidden, revision)"
                             f" VALUES ({', '.join('?' * (len(values) + 2))})", (*values, rec.hidden, rec.revision))
        elif isinstance(rec, ClusterRec):
            conn.execute("INSERT INTO clusters (id, speaker_id, size, first_published, last_published)"
                         " VALUES (?, ?, ?, ?, ?)",
                         (rec.id, rec.speaker_id, rec.size, rec.first_published, rec.last_published))
        elif isinstance(rec, ClusterMemberRec):
            conn.execute("INSERT INTO quote_clusters (quote_id, cluster_id, speaker_id, stems, matched, score)"
                         " VALUES (?, ?, ?, ?, ?, ?)",
                         (rec.quote_id, rec.cluster_id, rec.speaker_id, rec.stems, rec.matched, rec.score))
            q = quotes[rec.quote_id]
            item = Item(quote_id=q.id, speaker_id=rec.speaker_id, article_id=q.article_id, text=q.text,
                        published_at=q.published_at, kind=q.kind)
            if item.recruits:
                conn.executemany("INSERT OR IGNORE INTO reuse_terms (speaker_id, term, quote_id) VALUES (?, ?, ?)",
                                 clusters._term_rows(item, features(q.text)))
        elif isinstance(rec, CorrectionRec):
            conn.execute("INSERT INTO corrections (id, action, editor, at, reason, article_id, detail)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (rec.id, rec.action, rec.editor, rec.at, rec.reason, rec.article_id,
                          msgspec.json.encode(rec.detail).decode()))
            conn.executemany("INSERT INTO correction_quotes (quote_id, correction_id) VALUES (?, ?)",
                             [(q, rec.id) for q in rec.quote_ids])
        elif isinstance(rec, TombstoneRec):
            conn.execute("INSERT INTO tombstones (article_id, url, at, editor, reason, purged) VALUES (?, ?, ?, ?, ?, ?)",
                         (rec.article_id, rec.url, rec.at, rec.editor, rec.reason, int(rec.purged)))
        elif isinstance(rec, SequenceRec):
            if rec.table in ("articles", "quotes", "corrections"):
                _bump_sequence(conn, rec.table, rec.seq)
    _bump_sequence(conn, "quotes", max_quote)
    index_search(conn, list(quotes))
    return ImportStats(records=counts)


def _sequences(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """(table, last id handed out) of the tables whose ids count up."""
    read = getattr(conn, "sequences", None)  # a backend without sqlite_sequence (PostgreSQL)
    if read is not None:
        return read()
    return conn.execute("SELECT name, seq FROM sqlite_sequence ORDER BY name").fetchall()


def _bump_sequence(conn: sqlite3.Connection, table: str, seq: int) -> None:
    """The next id of ``table`` comes after ``seq`` (imported ids are never handed out again)."""
    bump = getattr(conn, "bump_sequence", None)  # a backend without sqlite_sequence (PostgreSQL)
    if bump is not None:
        bump(table, seq)
        return
    row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).fetchone()
    if row is None:
        conn.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (table, seq))
    elif row[0] < seq:
        conn.execute("UPDATE sqlite_sequence SET seq = ? WHERE name = ?", (seq, table))


DECODER = msgspec.json.Decoder(Record)
ENCODER = msgspec.json.Encoder()

__all__ = ["DECODER", "ENCODER", "FORMAT", "ImportStats", "NotEmpty", "Record", "export_records", "import_records"]
