"""Editorial control in the SQLite store (issue 9): corrections, re-extraction, revisions,
takedown, and the records of export/import.

A quote that leaves the answers (rejected, dropped by a re-extraction, of an older
revision, of a taken-down article) moves from ``quotes`` to ``quotes_hidden`` with the
same id, so no read path needs a filter. Functions take the connection of the caller's
write transaction; they raise :class:`UnknownRecord` (404) or :class:`BadEdit` (422)
before changing anything.

The SQL is SQLite's, kept to what PostgreSQL also reads once ``?`` becomes ``%s``
(``INSERT … RETURNING id``, ``ON CONFLICT``, no ``lastrowid``), so :class:`PostgresStore`
runs these functions through its dialect connection (``postgres._SqliteDialect``). What
SQLite does by itself and another backend must do on request goes through the hooks
below (:func:`index_search`).
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from typing import Any, Literal

import msgspec

from api.reuse import Item
from extractors.types import Cue, Extraction, Quote, Segment, Speaker

from . import clusters
from .base import ArticleRef, NewArticle, SaveResult, StoredQuote, speaker_id_for
from .rows import INSERT_FIELDS, quote_values

log = logging.getLogger(__name__)

QuoteStatus = Literal["extracted", "corrected", "verified", "rejected"]

# Columns shared by `quotes` and `quotes_hidden`, in one order for moving rows between them.
QUOTE_FIELDS = ("id", *INSERT_FIELDS, "status", "origin")
_COLS = ", ".join(QUOTE_FIELDS)


class EditError(ValueError):
    """A correction that cannot be applied; nothing was changed."""


class UnknownRecord(EditError):
    """The correction names a quote, article or speaker the store does not have (404)."""


class BadEdit(EditError):
    """Offsets outside the article, text that does not match them, an impossible change (422)."""


class Edit(msgspec.Struct, frozen=True):
    """Who made a correction and why."""

    editor: str
    reason: str


class Correction(msgspec.Struct, frozen=True):
    id: int
    action: str
    editor: str
    at: str
    reason: str
    article_id: int | None
    quote_ids: list[int]
    detail: dict[str, Any]


class Tombstone(msgspec.Struct, frozen=True):
    article_id: int
    url: str | None
    at: str
    editor: str
    reason: str
    purged: bool


class QuoteRecord(msgspec.Struct, frozen=True):
    """A quote as an editor sees it: live or not, its status and the text it indexes."""

    quote: StoredQuote
    status: QuoteStatus
    origin: str
    extractor_version: str
    revision: int
    hidden: str | None  # None: in the answers; else rejected | dropped | superseded
    article_text: str
    headline: str | None


class Change(msgspec.Struct, frozen=True, omit_defaults=True):
    """One line of a re-extraction diff.

    ``op``: added (new quote, or one dropped earlier coming back with its id), removed,
    speaker / span (changed), kept (a corrected quote the extractor disagrees with: not applied).
    """

    op: Literal["added", "removed", "speaker", "span", "kept"]
    quote_id: int | None
    text: str
    speaker_id: str | None = None
    old_speaker_id: str | None = None
    start: int | None = None
    end: int | None = None
    old_start: int | None = None
    old_end: int | None = None
    note: str | None = None


class ArticleDiff(msgspec.Struct, frozen=True):
    article_id: int
    extractor_version: str
    changes: list[Change]
    applied: bool


# --- backend hooks ----------------------------------------------------------------------
def index_search(conn: sqlite3.Connection, quote_ids: list[int]) -> None:
    """Live quotes were inserted or their text changed. SQLite's triggers keep its search
    index (migration 0004); a connection without them (PostgreSQL's) writes the terms here."""
    write = getattr(conn, "index_search", None)
    if write is not None and quote_ids:
        write(quote_ids)


def insert_id(conn: sqlite3.Connection, sql: str, params: Any) -> int:
    """The id of the row an ``INSERT`` statement adds (``RETURNING id``: both backends)."""
    return conn.execute(sql + " RETURNING id", params).fetchall()[0][0]


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


_ENC = msgspec.json.Encoder()


# --- rows -----------------------------------------------------------------------------
def _row_dict(row: tuple) -> dict[str, Any]:
    return {f.strip('"'): v for f, v in zip(QUOTE_FIELDS, row)}


def quote_row(conn: sqlite3.Connection, quote_id: int) -> tuple[dict[str, Any], str | None, int] | None:
    """(columns, hidden reason or None, revision) of a quote wherever it is."""
    row = conn.execute(f"SELECT {_COLS} FROM quotes WHERE id = ?", (quote_id,)).fetchone()
    if row is not None:
        rev = conn.execute("SELECT revision FROM articles WHERE id = ?", (row[1],)).fetchone()[0]
        return _row_dict(row), None, rev
    row = conn.execute(f"SELECT {_COLS}, hidden, revision FROM quotes_hidden WHERE id = ?",
                       (quote_id,)).fetchone()
    if row is None:
        return None
    return _row_dict(row[:-2]), row[-2], row[-1]


def _stored(d: dict[str, Any], url: str | None) -> StoredQuote:
    return StoredQuote(
        id=d["id"], doc=d["doc"], segment=d["segment"], kind=d["kind"], text=d["text"], start=d["start"],
        end=d["end"], cue=Cue(text=d["cue_text"], start=d["cue_start"], end=d["cue_end"]),
        speaker=Speaker(name=d["speaker_name"], mention=d["speaker_mention"], type=d["speaker_type"],
                        start=d["speaker_start"], end=d["speaker_end"], id=d["speaker_id"]),
        source=d["source"], confidence=d["confidence"],
        article=ArticleRef(id=d["article_id"], outlet=d["outlet"], published_at=d["published_at"] or None,
                           url=url))


def is_taken_down(conn: sqlite3.Connection, article_id: int) -> bool:
    return conn.execute("SELECT 1 FROM tombstones WHERE article_id = ?", (article_id,)).fetchone() is not None


def quote_record(conn: sqlite3.Connection, quote_id: int) -> QuoteRecord | None:
    found = quote_row(conn, quote_id)
    if found is None or found[1] == "taken_down":
        return None
    d, hidden, revision = found
    art = conn.execute("SELECT url, text, headline, revision FROM articles WHERE id = ?",
                       (d["article_id"],)).fetchone()
    url, text, headline, current = art
    if revision != current:
        text, headline = conn.execute(
            "SELECT text, headline FROM article_revisions WHERE article_id = ? AND revision = ?",
            (d["article_id"], revision)).fetchone()
    return QuoteRecord(quote=_stored(d, url), status=d["status"], origin=d["origin"],
                       extractor_version=d["extractor_version"], revision=revision, hidden=hidden,
                       article_text=text, headline=headline)


def hide(conn: sqlite3.Connection, quote_ids: list[int], reason: str) -> None:
    """Move live quotes out of every answer (search, lists, reuse groups)."""
    if not quote_ids:
        return
    clusters.remove_quotes(conn, quote_ids)
    marks = ", ".join("?" * len(quote_ids))
    conn.execute(
        f"INSERT INTO quotes_hidden ({_COLS}, hidden, revision) SELECT {', '.join('q.' + c for c in QUOTE_FIELDS)},"
        f" ?, a.revision FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.id IN ({marks})",
        [reason, *quote_ids])
    conn.execute(f"DELETE FROM quotes WHERE id IN ({marks})", quote_ids)


def unhide(conn: sqlite3.Connection, quote_id: int) -> None:
    """Bring a hidden quote of the current revision back into the answers, same id."""
    conn.execute(f"INSERT INTO quotes ({_COLS}) SELECT {_COLS} FROM quotes_hidden WHERE id = ?", (quote_id,))
    conn.execute("DELETE FROM quotes_hidden WHERE id = ?", (quote_id,))
    _index(conn, [quote_id])


def _index(conn: sqlite3.Connection, quote_ids: list[int]) -> None:
    """Search terms and reuse placement of live quotes just inserted or changed."""
    items = []
    for qid in quote_ids:
        sid, aid, text, published, kind = conn.execute(
            "SELECT speaker_id, article_id, text, published_at, kind FROM quotes WHERE id = ?", (qid,)).fetchone()
        items.append(Item(quote_id=qid, speaker_id=sid, article_id=aid, text=text, published_at=published,
                          kind=kind))
    index_search(conn, quote_ids)
    clusters.place_article(conn, items)


def _reindex(conn: sqlite3.Connection, quote_ids: list[int]) -> None:
    """A live quote's text or speaker changed: regroup it."""
    clusters.remove_quotes(conn, quote_ids)
    _index(conn, quote_ids)


def redirect(conn: sqlite3.Connection, speaker_id: str) -> str:
    row = conn.execute("SELECT to_id FROM speaker_redirects WHERE from_id = ?", (speaker_id,)).fetchone()
    return row[0] if row else speaker_id


def record(conn: sqlite3.Connection, action: str, edit: Edit, *, article_id: int | None,
           quote_ids: list[int], detail: dict[str, Any], at: str | None = None) -> Correction:
    at = at or now()
    cid = insert_id(
        conn, "INSERT INTO corrections (action, editor, at, reason, article_id, detail) VALUES (?, ?, ?, ?, ?, ?)",
        (action, edit.editor, at, edit.reason, article_id, _ENC.encode(detail).decode()))
    conn.executemany("INSERT INTO correction_quotes (quote_id, correction_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                     [(q, cid) for q in dict.fromkeys(quote_ids)])
    return Correction(id=cid, action=action, editor=edit.editor, at=at, reason=edit.reason,
                      article_id=article_id, quote_ids=sorted(set(quote_ids)), detail=detail)


def _correction(conn: sqlite3.Connection, row: tuple) -> Correction:
    cid, action, editor, at, reason, aid, detail = row
    qids = [q for (q,) in conn.execute(
        "SELECT quote_id FROM correction_quotes WHERE correction_id = ? ORDER BY quote_id", (cid,))]
    return Correction(id=cid, action=action, editor=editor, at=at, reason=reason, article_id=aid,
                      quote_ids=qids, detail=msgspec.json.decode(detail))


def history(conn: sqlite3.Connection, quote_id: int) -> list[Correction] | None:
    """Corrections of a quote, oldest first (None: no such quote)."""
    if quote_record(conn, quote_id) is None:
        return None
    rows = conn.execute(
        "SELECT c.id, c.action, c.editor, c.at, c.reason, c.article_id, c.detail FROM correction_quotes cq"
        " JOIN corrections c ON c.id = cq.correction_id WHERE cq.quote_id = ? ORDER BY c.id", (quote_id,))
    return [_correction(conn, r) for r in rows.fetchall()]


# --- corrections ----------------------------------------------------------------------
def _editable(conn: sqlite3.Connection, quote_id: int) -> tuple[dict[str, Any], str | None]:
    found = quote_row(conn, quote_id)
    if found is None or found[1] == "taken_down":
        raise UnknownRecord(f"no quote with id {quote_id}")
    d, hidden, _ = found
    if hidden in ("superseded", "dropped"):
        raise BadEdit(f"quote {quote_id} is not in the article's current text ({hidden}); correct a current quote")
    return d, hidden


def _speaker_row(conn: sqlite3.Connection, speaker_id: str) -> tuple[str, str, str]:
    row = conn.execute("SELECT id, name, type FROM speakers WHERE id = ?", (speaker_id,)).fetchone()
    if row is None:
        raise UnknownRecord(f"no speaker with id {speaker_id!r}; find ids with /api/v1/speakers?q=NAME")
    return row


def _table(hidden: str | None) -> str:
    return "quotes" if hidden is None else "quotes_hidden"


def _locked_status(status: str) -> str:
    return status if status in ("verified", "rejected") else "corrected"


def reassign(conn: sqlite3.Connection, quote_id: int, speaker_id: str, edit: Edit) -> Correction:
    d, hidden = _editable(conn, quote_id)
    sid, name, type_ = _speaker_row(conn, speaker_id)
    conn.execute(
        f"UPDATE {_table(hidden)} SET speaker_id = ?, speaker_name = ?, speaker_type = ?, speaker_linked = 1,"
        " status = ? WHERE id = ?", (sid, name, type_, _locked_status(d["status"]), quote_id))
    if hidden is None:
        _reindex(conn, [quote_id])
    return record(conn, "speaker", edit, article_id=d["article_id"], quote_ids=[quote_id],
                  detail={"before": d["speaker_id"], "after": sid})


def set_status(conn: sqlite3.Connection, quote_id: int, status: Literal["verified", "rejected"],
               edit: Edit) -> Correction:
    d, hidden = _editable(conn, quote_id)
    if status == "rejected" and hidden is None:
        conn.execute("UPDATE quotes SET status = 'rejected' WHERE id = ?", (quote_id,))
        hide(conn, [quote_id], "rejected")
    elif status == "verified" and hidden == "rejected":
        conn.execute("UPDATE quotes_hidden SET status = 'verified' WHERE id = ?", (quote_id,))
        unhide(conn, quote_id)
    else:
        conn.execute(f"UPDATE {_table(hidden)} SET status = ? WHERE id = ?", (status, quote_id))
    return record(conn, "status", edit, article_id=d["article_id"], quote_ids=[quote_id],
                  detail={"before": d["status"], "after": status})


def _check_span(text: str, start: int, end: int, expected: str | None) -> str:
    if not (0 <= start < end <= len(text)):
        raise BadEdit(f"offsets {start}-{end} are outside the article text (0-{len(text)}) or empty")
    got = text[start:end]
    if expected is not None and got != expected:
        raise BadEdit(f"the article text at {start}-{end} is {got!r}, not {expected!r}")
    if not got.strip():
        raise BadEdit(f"the article text at {start}-{end} is blank")
    return got


def fix_span(conn: sqlite3.Connection, quote_id: int, start: int, end: int, text: str | None,
             edit: Edit) -> Correction:
    d, hidden = _editable(conn, quote_id)
    article_text = conn.execute("SELECT text FROM articles WHERE id = ?", (d["article_id"],)).fetchone()[0]
    new_text = _check_span(article_text, start, end, text)
    conn.execute(f'UPDATE {_table(hidden)} SET start = ?, "end" = ?, text = ?, status = ? WHERE id = ?',
                 (start, end, new_text, _locked_status(d["status"]), quote_id))
    if hidden is None:
        _reindex(conn, [quote_id])
    return record(conn, "span", edit, article_id=d["article_id"], quote_ids=[quote_id],
                  detail={"before": {"start": d["start"], "end": d["end"]}, "after": {"start": start, "end": end}})


def _next_ordinal(conn: sqlite3.Connection, article_id: int) -> int:
    return conn.execute(
        "SELECT coalesce(max(ordinal), -1) + 1 FROM (SELECT ordinal FROM quotes WHERE article_id = ?"
        " UNION ALL SELECT ordinal FROM quotes_hidden WHERE article_id = ?) o",
        (article_id, article_id)).fetchone()[0]


def _segment_at(conn: sqlite3.Connection, article_id: int, offset: int) -> str:
    row = conn.execute('SELECT kind FROM segments WHERE article_id = ? AND start <= ? AND ? < "end"'
                       " ORDER BY ordinal LIMIT 1", (article_id, offset, offset)).fetchone()
    return row[0] if row else "main"


def insert_quote(conn: sqlite3.Connection, article_id: int, quote: Quote, speaker_id: str, *,
                 extractor_version: str, status: str = "extracted", origin: str = "extractor",
                 quote_id: int | None = None, hidden: str | None = None) -> int:
    """Store a quote of the article's current text; ``hidden`` (rejected): straight out of
    the answers, as :func:`hide` leaves a quote, never indexed nor grouped."""
    published, outlet = conn.execute("SELECT coalesce(published_at, ''), outlet FROM articles WHERE id = ?",
                                     (article_id,)).fetchone()
    values = (quote_id, *quote_values(article_id, _next_ordinal(conn, article_id), quote, speaker_id,
                                      extractor_version=extractor_version, published=published, outlet=outlet),
              status, origin)
    fields = QUOTE_FIELDS
    if quote_id is None:  # the id the table hands out (PostgreSQL refuses an explicit NULL id)
        fields, values = fields[1:], values[1:]
    qid = insert_id(conn, f"INSERT INTO quotes ({', '.join(fields)}) VALUES ({', '.join('?' * len(fields))})",
                    values)
    if hidden is not None:
        hide(conn, [qid], hidden)
    else:
        _index(conn, [qid])
    return qid


def add_quote(conn: sqlite3.Connection, article_id: int, start: int, end: int, text: str | None,
              speaker_id: str, kind: str, edit: Edit) -> Correction:
    row = conn.execute("SELECT text, doc FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None or is_taken_down(conn, article_id):
        raise UnknownRecord(f"no article with id {article_id}")
    sid, name, type_ = _speaker_row(conn, speaker_id)
    quote_text = _check_span(row[0], start, end, text)
    quote = Quote(doc=row[1] or "", segment=_segment_at(conn, article_id, start), kind=kind, text=quote_text,
                  start=start, end=end, cue=Cue(text="", start=start, end=start),
                  speaker=Speaker(name=name, mention=name, type=type_, id=sid), confidence=1.0)
    qid = insert_quote(conn, article_id, quote, sid, extractor_version="editor", status="corrected",
                       origin="editor")
    return record(conn, "add", edit, article_id=article_id, quote_ids=[qid],
                  detail={"after": {"start": start, "end": end, "speaker_id": sid, "kind": kind}})


def _quote_ids_of(conn: sqlite3.Connection, speaker_id: str) -> tuple[list[int], list[int]]:
    live = [q for (q,) in conn.execute("SELECT id FROM quotes WHERE speaker_id = ? ORDER BY id", (speaker_id,))]
    hidden = [q for (q,) in conn.execute(
        "SELECT id FROM quotes_hidden WHERE speaker_id = ? AND hidden != 'taken_down' ORDER BY id", (speaker_id,))]
    return live, hidden


def merge_speakers(conn: sqlite3.Connection, source_ids: list[str], target_id: str, edit: Edit) -> Correction:
    """Every quote and alias of ``source_ids`` to ``target_id``; later extractions of a
    source id are stored under the target (``speaker_redirects``)."""
    sid, name, type_ = _speaker_row(conn, target_id)
    sources = list(dict.fromkeys(source_ids))
    for source in sources:
        _speaker_row(conn, source)
        if source == sid:
            raise BadEdit(f"cannot merge speaker {sid!r} into itself")
    moved: list[int] = []
    for source in sources:
        live, hidden = _quote_ids_of(conn, source)
        moved += live + hidden
        for table in ("quotes", "quotes_hidden"):
            conn.execute(f"UPDATE {table} SET speaker_id = ?, speaker_name = ?, speaker_type = ? WHERE speaker_id = ?",
                         (sid, name, type_, source))
        for alias, seen in conn.execute("SELECT alias, seen FROM aliases WHERE speaker_id = ?", (source,)).fetchall():
            conn.execute(
                "INSERT INTO aliases (speaker_id, alias, key, skeleton, seen)"
                " SELECT ?, alias, key, skeleton, seen FROM aliases WHERE speaker_id = ? AND alias = ?"
                " ON CONFLICT (speaker_id, alias) DO UPDATE SET seen = aliases.seen + excluded.seen",
                (sid, source, alias))
        conn.execute("DELETE FROM aliases WHERE speaker_id = ?", (source,))
        conn.execute("DELETE FROM speakers WHERE id = ?", (source,))
        conn.execute("UPDATE speaker_redirects SET to_id = ? WHERE to_id = ?", (sid, source))
        conn.execute("INSERT INTO speaker_redirects (from_id, to_id) VALUES (?, ?)"
                     " ON CONFLICT (from_id) DO UPDATE SET to_id = excluded.to_id", (source, sid))
        if live:
            _reindex(conn, live)
    return record(conn, "merge", edit, article_id=None, quote_ids=moved,
                  detail={"sources": sources, "target": sid})


def split_speaker(conn: sqlite3.Connection, speaker_id: str, quote_ids: list[int], new_id: str | None,
                  name: str, type_: str, edit: Edit, *, at: str) -> Correction:
    """Move some quotes of ``speaker_id`` to a new speaker (or an existing one by ``new_id``)."""
    _speaker_row(conn, speaker_id)
    if not name.strip():
        raise BadEdit("the new speaker needs a name")
    if not quote_ids:
        raise BadEdit("name the quotes that belong to the new speaker")
    live, hidden = _quote_ids_of(conn, speaker_id)
    for qid in quote_ids:
        if qid not in live and qid not in hidden:
            raise UnknownRecord(f"speaker {speaker_id!r} has no quote with id {qid}")
    new_id = new_id or speaker_id_for(Speaker(name=name, mention=name))
    if new_id == speaker_id:
        raise BadEdit(f"the new speaker's id {new_id!r} is the speaker being split")
    conn.execute("INSERT INTO speakers (id, name, type, origin, created_at) VALUES (?, ?, ?, 'editor', ?)"
                 " ON CONFLICT (id) DO NOTHING", (new_id, name, type_, at))
    from .sqlite import SqliteStore

    SqliteStore._add_alias(conn, new_id, name, 0)
    sid, sname, stype = _speaker_row(conn, new_id)
    for table in ("quotes", "quotes_hidden"):
        conn.execute(
            f"UPDATE {table} SET speaker_id = ?, speaker_name = ?, speaker_type = ?, speaker_linked = 1,"
            f" status = CASE WHEN status IN ('verified', 'rejected') THEN status ELSE 'corrected' END"
            f" WHERE id IN ({', '.join('?' * len(quote_ids))})", (sid, sname, stype, *quote_ids))
    moved_live = [q for q in quote_ids if q in live]
    if moved_live:
        _reindex(conn, moved_live)
    return record(conn, "split", edit, article_id=None, quote_ids=list(quote_ids),
                  detail={"before": speaker_id, "after": sid}, at=at)


# --- takedown ---------------------------------------------------------------------------
def take_down(conn: sqlite3.Connection, article_id: int, edit: Edit, *, purge: bool) -> Tombstone:
    row = conn.execute("SELECT url FROM articles WHERE id = ?", (article_id,)).fetchone()
    tomb = conn.execute("SELECT purged FROM tombstones WHERE article_id = ?", (article_id,)).fetchone()
    if row is None or (tomb is not None and (tomb[0] or not purge)):
        raise UnknownRecord(f"no article with id {article_id}")
    at = now()
    live = [q for (q,) in conn.execute("SELECT id FROM quotes WHERE article_id = ?", (article_id,))]
    hide(conn, live, "taken_down")
    conn.execute("UPDATE quotes_hidden SET hidden = 'taken_down' WHERE article_id = ?", (article_id,))
    if tomb is None:
        conn.execute("INSERT INTO tombstones (article_id, url, at, editor, reason, purged) VALUES (?, ?, ?, ?, ?, ?)",
                     (article_id, row[0], at, edit.editor, edit.reason, int(purge)))
    else:
        conn.execute("UPDATE tombstones SET purged = 1 WHERE article_id = ?", (article_id,))
    if purge:  # erase every copy of the words: article, revisions, quotes
        conn.execute("UPDATE articles SET text = '', headline = NULL, credit = NULL WHERE id = ?", (article_id,))
        conn.execute("UPDATE article_revisions SET text = '', headline = NULL, credit = NULL WHERE article_id = ?",
                     (article_id,))
        conn.execute("DELETE FROM segments WHERE article_id = ?", (article_id,))
        conn.execute("DELETE FROM quotes_hidden WHERE article_id = ?", (article_id,))
    record(conn, "takedown", edit, article_id=article_id, quote_ids=[], at=at,
           detail={"quotes": len(live), "purged": purge})
    return tombstone(conn, article_id)


def tombstone(conn: sqlite3.Connection, article_id: int) -> Tombstone | None:
    row = conn.execute("SELECT article_id, url, at, editor, reason, purged FROM tombstones WHERE article_id = ?",
                       (article_id,)).fetchone()
    if row is None:
        return None
    return Tombstone(article_id=row[0], url=row[1], at=row[2], editor=row[3], reason=row[4], purged=bool(row[5]))


# --- revisions --------------------------------------------------------------------------
def archive_revision(conn: sqlite3.Connection, article_id: int) -> int:
    """Keep the current text as an old revision and hide its quotes; returns the new revision number."""
    (rev, chash, headline, published, credit, text, version, ingested) = conn.execute(
        "SELECT revision, content_hash, headline, published_at, credit, text, extractor_version, ingested_at"
        " FROM articles WHERE id = ?", (article_id,)).fetchone()
    segments = [Segment(kind=k, start=s, end=e) for k, s, e in conn.execute(
        'SELECT kind, start, "end" FROM segments WHERE article_id = ? ORDER BY ordinal', (article_id,))]
    conn.execute(
        "INSERT INTO article_revisions (article_id, revision, content_hash, headline, published_at, credit, text,"
        " segments, extractor_version, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (article_id, rev, chash, headline, published, credit, text, _ENC.encode(segments).decode(), version,
         ingested))
    live = [q for (q,) in conn.execute("SELECT id FROM quotes WHERE article_id = ?", (article_id,))]
    hide(conn, live, "superseded")
    conn.execute("UPDATE quotes_hidden SET hidden = 'superseded' WHERE article_id = ? AND revision = ?",
                 (article_id, rev))
    conn.execute("DELETE FROM segments WHERE article_id = ?", (article_id,))
    return rev + 1


def _live_hash(conn: sqlite3.Connection, article_id: int) -> str | None:
    """Content hash of an article in the answers (None: unknown or taken down)."""
    row = conn.execute("SELECT content_hash FROM articles WHERE id = ?"
                       " AND id NOT IN (SELECT article_id FROM tombstones)", (article_id,)).fetchone()
    return row[0] if row else None


def save_revision(conn: sqlite3.Connection, store: Any, article_id: int, article: NewArticle,
                  extraction: Extraction, *, extractor_version: str) -> SaveResult:
    """:meth:`Store.save_revision` inside the caller's write transaction; ``store`` upserts speakers.

    The desk's decisions on the previous revision's quotes follow the same statements into
    the new one (:func:`_carry_decisions`), in this transaction."""
    stored = _live_hash(conn, article_id)
    if stored is None or stored == article.content_hash:
        return SaveResult(article_id=article_id, created=False, quote_ids=[])
    at = now()
    published = article.published_at or extraction.article.published
    revision = archive_revision(conn, article_id)
    conn.execute(
        "UPDATE articles SET content_hash = ?, headline = ?, published_at = ?, credit = ?, text = ?,"
        " extractor_version = ?, ingested_at = ?, revision = ? WHERE id = ?",
        (article.content_hash, article.headline or extraction.article.headline, published,
         extraction.article.credit, article.text, extractor_version, at, revision, article_id))
    conn.executemany(
        'INSERT INTO segments (article_id, ordinal, kind, start, "end") VALUES (?, ?, ?, ?, ?)',
        [(article_id, i, s.kind, s.start, s.end) for i, s in enumerate(extraction.article.segments)])
    new = [q for q in extraction.quotes if q.start < q.end and article.text[q.start:q.end] == q.text]
    quote_ids = _carry_decisions(conn, store, article_id, revision, article.text, new,
                                 extractor_version=extractor_version, at=at)
    return SaveResult(article_id=article_id, created=True, quote_ids=quote_ids)


# --- decisions that follow a statement into a new revision (issue 9) ---------------------
_SPEAKER_ACTIONS = ("speaker", "split", "merge", "add")


def _norm(text: str) -> str:
    return " ".join(text.split())


class _Decided(msgspec.Struct):
    """A quote of the previous revision and the editorial decisions it carries."""

    d: dict[str, Any]
    entries: list[Correction]  # its history, oldest first
    keys: set[str]  # normalised texts a new quote matches it by: its own, the extractor's
    base: tuple[int, int]  # the extractor's span of it (an added quote: the editor's first)

    @property
    def decided(self) -> bool:
        return bool(self.entries) or self.d["status"] != "extracted"


def _previous_quotes(conn: sqlite3.Connection, article_id: int, revision: int, text: str) -> list[_Decided]:
    out = []
    for row in conn.execute(f"SELECT {_COLS} FROM quotes_hidden WHERE article_id = ? AND revision = ?"
                            " AND hidden = 'superseded' ORDER BY id", (article_id, revision)).fetchall():
        d = _row_dict(row)
        entries = [_correction(conn, r) for r in conn.execute(
            "SELECT c.id, c.action, c.editor, c.at, c.reason, c.article_id, c.detail FROM correction_quotes cq"
            " JOIN corrections c ON c.id = cq.correction_id WHERE cq.quote_id = ? ORDER BY c.id",
            (d["id"],)).fetchall()]
        spans = [e for e in entries if e.action == "span"]
        base = (d["start"], d["end"])
        if spans and isinstance(spans[0].detail.get("before"), dict):
            base = (spans[0].detail["before"]["start"], spans[0].detail["before"]["end"])
        keys = {_norm(d["text"]), _norm(text[base[0]:base[1]])} - {""}
        out.append(_Decided(d=d, entries=entries, keys=keys, base=base))
    return out


def _span_text(entry: Correction, old_text: str) -> str:
    """The text a span correction gave its quote (a carried one says it)."""
    if "carried_from" in entry.detail:
        return entry.detail.get("text") or ""
    after = entry.detail.get("after") or {}
    return old_text[after.get("start", 0):after.get("end", 0)]


def _nearest(text: str, needle: str, near: int) -> int | None:
    """Start of the occurrence of ``needle`` in ``text`` nearest ``near``."""
    best, i = None, text.find(needle) if needle else -1
    while i != -1:
        if best is None or abs(i - near) < abs(best - near):
            best = i
        i = text.find(needle, i + 1)
    return best


def _match(old: list[_Decided], new: list[Quote]) -> dict[int, int]:
    """new index → old index: the same text after whitespace normalisation; where several
    share it, the nearest by offset (each quote matched once)."""
    by_key: dict[str, list[int]] = {}
    for i, o in enumerate(old):
        for key in o.keys:
            by_key.setdefault(key, []).append(i)
    pairs = sorted((abs(old[i].d["start"] - q.start), j, i)
                   for j, q in enumerate(new) for i in dict.fromkeys(by_key.get(_norm(q.text), ())))
    matched: dict[int, int] = {}
    taken: set[int] = set()
    for _, j, i in pairs:
        if j not in matched and i not in taken:
            matched[j] = i
            taken.add(i)
    return matched


class _Carry(msgspec.Struct):
    """What a new quote inherits, and the history entries that say so."""

    quote: Quote
    speaker_id: str | None  # the editor's speaker, or None: the extractor's
    status: str
    entries: list[tuple[Correction, dict[str, Any]]]
    span_note: str | None = None


def _carry(conn: sqlite3.Connection, o: _Decided, quote: Quote, new_text: str, old_text: str,
           old_revision: int, at: str) -> _Carry:
    """Apply ``o``'s decisions to ``quote`` (the extractor's, or the re-found added one)."""
    d = o.d
    carried_from = {"quote": d["id"], "revision": old_revision}
    span_entries = [e for e in o.entries if e.action == "span"]
    base = (quote.start, quote.end)
    final, span_note = base, None
    if span_entries:
        wanted = _span_text(span_entries[-1], old_text)
        # where the corrected text stood from the old span this quote matched (its own, the extractor's)
        anchor = d["start"] if _norm(quote.text) == _norm(d["text"]) else o.base[0]
        at_ = _nearest(new_text, wanted, quote.start + d["start"] - anchor)
        if at_ is not None:
            final = (at_, at_ + len(wanted))
        else:
            span_note = (f"the corrected text is not in revision {old_revision + 1}; the quote keeps"
                         " the extractor's span")
    if final != base:
        quote = msgspec.structs.replace(quote, start=final[0], end=final[1], text=new_text[final[0]:final[1]])
    speaker_id = None
    if any(e.action in _SPEAKER_ACTIONS for e in o.entries):
        sid = redirect(conn, d["speaker_id"])
        row = conn.execute("SELECT id, name, type FROM speakers WHERE id = ?", (sid,)).fetchone()
        if row is not None:
            speaker_id = row[0]
            quote = msgspec.structs.replace(quote, speaker=msgspec.structs.replace(
                quote.speaker, id=row[0], name=row[1], type=row[2]))
    if any(e.action == "add" for e in o.entries):
        quote = msgspec.structs.replace(quote, kind=d["kind"])
    entries = []
    for e in o.entries:
        detail = {k: v for k, v in e.detail.items() if k != "carried_from"}
        root = e.detail.get("carried_from", {}).get("correction", e.id)
        if e.action == "span":
            last = e is span_entries[-1]
            applied = last and span_note is None
            after = final if applied else base
            detail = {"before": {"start": base[0], "end": base[1]}, "after": {"start": after[0], "end": after[1]},
                      "text": _span_text(e, old_text), "applied": applied}
            if not last:
                detail["note"] = "a later span correction of the quote replaced it"
            elif span_note:
                detail["note"] = span_note
        elif e.action == "add" and isinstance(detail.get("after"), dict):
            detail["after"] = {**detail["after"], "start": final[0], "end": final[1]}
        detail["carried_from"] = {**carried_from, "correction": root, "at": at}
        entries.append((e, detail))
    if not entries:  # a status without its record (cannot happen through the API): say so anyway
        entries.append((Correction(id=0, action="status", editor="qawl", at=at, reason="status carried",
                                   article_id=d["article_id"], quote_ids=[], detail={}),
                        {"before": "extracted", "after": d["status"],
                         "carried_from": {**carried_from, "correction": None, "at": at}}))
    return _Carry(quote=quote, speaker_id=speaker_id, status=d["status"], entries=entries, span_note=span_note)


def _carry_decisions(conn: sqlite3.Connection, store: Any, article_id: int, revision: int, new_text: str,
                     new: list[Quote], *, extractor_version: str, at: str) -> list[int]:
    """Store the new revision's quotes; each one matching a decided quote of the previous
    revision inherits its speaker, status (rejected: hidden as a rejection hides) and span
    fix (when the corrected text is in the new text), with history entries naming the
    quote and revision they came from. Quotes an editor added come back where their text
    is found verbatim. Returns the ids of the quotes in the answers."""
    old_revision = revision - 1
    old_text, doc = conn.execute(
        "SELECT r.text, a.doc FROM article_revisions r JOIN articles a ON a.id = r.article_id"
        " WHERE r.article_id = ? AND r.revision = ?", (article_id, old_revision)).fetchone()
    old = _previous_quotes(conn, article_id, old_revision, old_text)
    matched = _match(old, new)
    plans: list[tuple[Quote, _Carry | None, str]] = []
    for j, q in enumerate(new):
        o = old[matched[j]] if j in matched else None
        plans.append((q, _carry(conn, o, q, new_text, old_text, old_revision, at)
                      if o is not None and o.decided else None, "extractor"))
    used = set(matched.values())
    for i, o in enumerate(old):  # quotes an editor added, where their text still stands
        if i in used or o.d["origin"] != "editor" or not o.decided:
            continue
        found = _nearest(new_text, o.d["text"], o.d["start"])
        if found is None:
            continue
        end = found + len(o.d["text"])
        if any((q.start, q.end) == (found, end) for q, _, _ in plans):
            continue
        quote = Quote(doc=doc or "", segment=_segment_at(conn, article_id, found), kind=o.d["kind"],
                      text=o.d["text"], start=found, end=end, cue=Cue(text="", start=found, end=found),
                      speaker=Speaker(name=o.d["speaker_name"], mention=o.d["speaker_mention"],
                                      type=o.d["speaker_type"], id=o.d["speaker_id"]),
                      confidence=o.d["confidence"])
        plans.append((quote, _carry(conn, o, quote, new_text, old_text, old_revision, at), "editor"))
    live = []
    for q, plan, origin in plans:
        if plan is None:
            sid = store._upsert_speaker(conn, q.speaker, at)
            live.append(insert_quote(conn, article_id, q, sid, extractor_version=extractor_version))
            continue
        q = plan.quote
        sid = plan.speaker_id or store._upsert_speaker(conn, q.speaker, at)
        rejected = plan.status == "rejected"
        qid = insert_quote(conn, article_id, q, sid, status=plan.status, origin=origin,
                           extractor_version="editor" if origin == "editor" else extractor_version,
                           hidden="rejected" if rejected else None)
        for e, detail in plan.entries:
            record(conn, e.action, Edit(editor=e.editor, reason=e.reason), article_id=article_id,
                   quote_ids=[qid], detail=detail, at=e.at)
        if plan.span_note:
            log.warning("article %s revision %s: quote %s (from quote %s): %s", article_id, revision, qid,
                        plan.entries[0][1]["carried_from"]["quote"], plan.span_note)
        if not rejected:
            live.append(qid)
    return live


# --- re-extraction ----------------------------------------------------------------------
def reextract_article(conn: sqlite3.Connection, store: Any, article_id: int, extraction: Extraction, *,
                      extractor_version: str, content_hash: str, apply: bool) -> ArticleDiff | None:
    """:meth:`Store.reextract_article` inside the caller's transaction, which the caller
    rolls back unless ``apply``. None: the article changed or went meanwhile."""
    if _live_hash(conn, article_id) != content_hash:
        return None
    changes = reextract(conn, store, article_id, extraction.quotes, extractor_version)
    return ArticleDiff(article_id=article_id, extractor_version=extractor_version, changes=changes, applied=apply)


class _Old(msgspec.Struct):
    id: int
    d: dict[str, Any]
    hidden: str | None


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def reextract(conn: sqlite3.Connection, store: Any, article_id: int, quotes: list[Quote],
              extractor_version: str) -> list[Change]:
    """Reconcile the article's current quotes with a new extraction (inside the caller's
    transaction). Same span: same id. Corrected quotes are never changed: a disagreement
    comes back as a ``kept`` change."""
    at = now()
    text, rev, doc = conn.execute("SELECT text, revision, doc FROM articles WHERE id = ?", (article_id,)).fetchone()
    quotes = [msgspec.structs.replace(q, doc=doc) if doc else q for q in quotes]
    old = [_Old(id=r[0], d=_row_dict(r), hidden=None) for r in conn.execute(
        f"SELECT {_COLS} FROM quotes WHERE article_id = ? ORDER BY id", (article_id,)).fetchall()]
    old += [_Old(id=r[0], d=_row_dict(r[:-1]), hidden=r[-1]) for r in conn.execute(
        f"SELECT {_COLS}, hidden FROM quotes_hidden WHERE article_id = ? AND revision = ?"
        " AND hidden IN ('rejected', 'dropped') ORDER BY id", (article_id, rev)).fetchall()]
    new = [q for q in quotes if q.start < q.end and text[q.start:q.end] == q.text]
    new_sids = [redirect(conn, speaker_id_for(q.speaker)) for q in new]
    by_span = {(o.d["start"], o.d["end"]): o for o in old}
    pairs: list[tuple[_Old | None, int]] = []
    unmatched_new, used = [], set()
    for i, q in enumerate(new):
        o = by_span.get((q.start, q.end))
        if o is not None and o.id not in used:
            used.add(o.id)
            pairs.append((o, i))
        else:
            unmatched_new.append(i)
    # a span that moved: the live, not yet matched quote it overlaps most
    rest = []
    for i in unmatched_new:
        q = new[i]
        best = max((o for o in old if o.id not in used and o.hidden is None
                    and _overlap((o.d["start"], o.d["end"]), (q.start, q.end)) > 0),
                   key=lambda o: _overlap((o.d["start"], o.d["end"]), (q.start, q.end)), default=None)
        if best is not None:
            used.add(best.id)
            pairs.append((best, i))
        else:
            rest.append(i)
    changes: list[Change] = []
    touched: list[int] = []
    for o, i in pairs:
        q, sid = new[i], new_sids[i]
        d = o.d
        span_changed = (d["start"], d["end"]) != (q.start, q.end)
        speaker_changed = d["speaker_id"] != sid
        if d["status"] != "extracted":
            if o.hidden == "rejected" or span_changed or speaker_changed:
                changes.append(Change(op="kept", quote_id=o.id, text=d["text"], speaker_id=sid,
                                      old_speaker_id=d["speaker_id"], start=q.start, end=q.end,
                                      old_start=d["start"], old_end=d["end"],
                                      note=f"{d['status']} by an editor; the extractor says otherwise"))
            continue
        if o.hidden == "dropped":
            unhide(conn, o.id)
            changes.append(Change(op="added", quote_id=o.id, text=q.text, speaker_id=sid, start=q.start, end=q.end))
        elif speaker_changed:
            changes.append(Change(op="speaker", quote_id=o.id, text=q.text, speaker_id=sid,
                                  old_speaker_id=d["speaker_id"]))
        if span_changed:
            changes.append(Change(op="span", quote_id=o.id, text=q.text, start=q.start, end=q.end,
                                  old_start=d["start"], old_end=d["end"]))
        sid = store._upsert_speaker(conn, q.speaker, at)
        conn.execute(
            'UPDATE quotes SET doc = ?, segment = ?, kind = ?, text = ?, start = ?, "end" = ?, cue_text = ?,'
            " cue_start = ?, cue_end = ?, speaker_id = ?, speaker_name = ?, speaker_mention = ?, speaker_type = ?,"
            " speaker_start = ?, speaker_end = ?, speaker_linked = ?, source = ?, confidence = ?,"
            " extractor_version = ? WHERE id = ?",
            (q.doc, q.segment, q.kind, q.text, q.start, q.end, q.cue.text, q.cue.start, q.cue.end, sid,
             q.speaker.name, q.speaker.mention, q.speaker.type, q.speaker.start, q.speaker.end,
             int(q.speaker.id is not None), q.source, float(q.confidence), extractor_version, o.id))
        if span_changed or speaker_changed or o.hidden == "dropped" or q.kind != d["kind"]:
            touched.append(o.id)
    for o in old:
        if o.id in used or o.hidden is not None:
            continue
        if o.d["status"] != "extracted":
            changes.append(Change(op="kept", quote_id=o.id, text=o.d["text"], old_speaker_id=o.d["speaker_id"],
                                  old_start=o.d["start"], old_end=o.d["end"],
                                  note=f"{o.d['status']} by an editor; the extractor no longer finds it"))
            continue
        changes.append(Change(op="removed", quote_id=o.id, text=o.d["text"], old_speaker_id=o.d["speaker_id"],
                              old_start=o.d["start"], old_end=o.d["end"]))
        hide(conn, [o.id], "dropped")
    touched = [t for t in touched if conn.execute("SELECT 1 FROM quotes WHERE id = ?", (t,)).fetchone()]
    if touched:
        _reindex(conn, touched)
    for i in rest:
        q = new[i]
        sid = store._upsert_speaker(conn, q.speaker, at)
        qid = insert_quote(conn, article_id, q, sid, extractor_version=extractor_version)
        changes.append(Change(op="added", quote_id=qid, text=q.text, speaker_id=sid, start=q.start, end=q.end))
    conn.execute("UPDATE articles SET extractor_version = ? WHERE id = ?", (extractor_version, article_id))
    return changes


__all__ = [
    "ArticleDiff", "BadEdit", "Change", "Correction", "Edit", "EditError", "QUOTE_FIELDS", "QuoteRecord",
    "Tombstone", "UnknownRecord", "add_quote", "fix_span", "history", "merge_speakers", "quote_record",
    "reassign", "reextract", "set_status", "split_speaker", "take_down", "tombstone",
]


class EditorialWrites:
    """The corrections every store offers, the same on every backend: a store supplies
    ``_edit(fn, *args, **kwargs)``, which runs ``fn(connection, *args, **kwargs)`` in one
    write transaction and rolls it back when ``fn`` raises."""

    def _edit(self, fn, *args: Any, **kwargs: Any):
        raise NotImplementedError

    def reassign_speaker(self, quote_id: int, speaker_id: str, edit: Edit) -> Correction:
        return self._edit(reassign, quote_id, speaker_id, edit)

    def set_quote_status(self, quote_id: int, status: str, edit: Edit) -> Correction:
        return self._edit(set_status, quote_id, status, edit)

    def fix_span(self, quote_id: int, start: int, end: int, text: str | None, edit: Edit) -> Correction:
        return self._edit(fix_span, quote_id, start, end, text, edit)

    def add_quote(self, article_id: int, start: int, end: int, text: str | None, speaker_id: str,
                  kind: str, edit: Edit) -> Correction:
        return self._edit(add_quote, article_id, start, end, text, speaker_id, kind, edit)

    def merge_speakers(self, source_ids: list[str], target_id: str, edit: Edit) -> Correction:
        return self._edit(merge_speakers, source_ids, target_id, edit)

    def split_speaker(self, speaker_id: str, quote_ids: list[int], *, new_id: str | None, name: str,
                      type: str, edit: Edit) -> Correction:
        return self._edit(split_speaker, speaker_id, quote_ids, new_id, name, type, edit, at=now())

    def take_down(self, article_id: int, edit: Edit, *, purge: bool = False) -> Tombstone:
        if not -2**63 <= article_id < 2**63:
            raise UnknownRecord(f"no article with id {article_id}")
        return self._edit(take_down, article_id, edit, purge=purge)
