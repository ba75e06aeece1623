"""Rows ↔ records, shared by both SQL backends: the quote columns and the record they read
into, the values a quote is inserted with, page cursors, and the packaged migrations."""

from __future__ import annotations

import base64
import datetime as dt
import importlib.resources
import re

import msgspec

from extractors.types import Cue, Quote, Speaker

from .base import ArticleRef, BadCursor, Page, StoredQuote


class StoreError(Exception):
    """The store cannot be opened or used (bad path, newer schema, corrupt file)."""


_MIGRATION_RE = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def packaged_migrations(folder: str) -> list[tuple[int, str, str]]:
    """(version, name, sql) of every migration in this package's ``folder``, in order."""
    found = []
    for entry in (importlib.resources.files(__package__) / folder).iterdir():
        m = _MIGRATION_RE.match(entry.name)
        if m:
            found.append((int(m.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    if [v for v, _, _ in found] != list(range(1, len(found) + 1)):
        raise StoreError(f"migrations in {folder}/ are not numbered 1..n: {[n for _, n, _ in found]}")
    return found


QUOTE_COLUMNS = (
    "q.id, q.doc, q.segment, q.kind, q.text, q.start, q.\"end\", q.cue_text, q.cue_start, "
    "q.cue_end, q.speaker_id, q.speaker_name, q.speaker_mention, q.speaker_type, "
    "q.speaker_start, q.speaker_end, q.source, q.confidence, q.article_id, q.outlet, "
    "q.published_at, a.url"
)
PUBLISHED = 20  # index of q.published_at in QUOTE_COLUMNS

# the columns a quote is inserted with, in the order of :func:`quote_values`
INSERT_FIELDS = (
    "article_id", "ordinal", "doc", "segment", "kind", "text", "start", '"end"', "cue_text",
    "cue_start", "cue_end", "speaker_id", "speaker_name", "speaker_mention", "speaker_type",
    "speaker_start", "speaker_end", "speaker_linked", "source", "confidence", "extractor_version",
    "published_at", "outlet",
)
INSERT_COLUMNS = ", ".join(INSERT_FIELDS)


def quote_values(article_id: int, ordinal: int, quote: Quote, speaker_id: str, *, extractor_version: str,
                 published: str | None, outlet: str | None) -> tuple:
    return (article_id, ordinal, quote.doc, quote.segment, quote.kind, quote.text,
            quote.start, quote.end, quote.cue.text, quote.cue.start, quote.cue.end, speaker_id,
            quote.speaker.name, quote.speaker.mention, quote.speaker.type,
            quote.speaker.start, quote.speaker.end, int(quote.speaker.id is not None),
            quote.source, float(quote.confidence), extractor_version, published or "", outlet)


def quote_from_row(row: tuple) -> StoredQuote:
    (qid, doc, segment, kind, text, start, end, cue_text, cue_start, cue_end, sid, sname,
     smention, stype, sstart, send, source, confidence, aid, outlet, published, url) = row
    return StoredQuote(
        id=qid, doc=doc, segment=segment, kind=kind, text=text, start=start, end=end,
        cue=Cue(text=cue_text, start=cue_start, end=cue_end),
        speaker=Speaker(name=sname, mention=smention, type=stype, start=sstart, end=send, id=sid),
        source=source, confidence=confidence,
        article=ArticleRef(id=aid, outlet=outlet, published_at=published or None, url=url),
    )


def quote_page(rows: list[tuple], limit: int) -> Page:
    """A page of quotes, newest first, from ``limit + 1`` rows read in that order: the extra
    row only tells that there is a next page."""
    items = [quote_from_row(r) for r in rows[:limit]]
    nxt = None
    if len(rows) > limit:
        last = items[-1]
        nxt = encode_cursor([last.article.published_at or "", last.id])
    return Page(items=items, next=nxt)


def encode_cursor(values: list) -> str:
    return base64.urlsafe_b64encode(msgspec.json.encode(values)).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, shape: tuple[type, ...]) -> list:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = msgspec.json.decode(raw)
    except (ValueError, msgspec.DecodeError) as exc:
        raise BadCursor("the cursor is not one this API issued; use the `next` value as is") from exc
    if (not isinstance(values, list) or len(values) != len(shape)
            or not all(isinstance(v, t) for v, t in zip(values, shape))):
        raise BadCursor("the cursor is not one this API issued; use the `next` value as is")
    return values


def next_day(date: str) -> str:
    return (dt.date.fromisoformat(date[:10]) + dt.timedelta(days=1)).isoformat()
