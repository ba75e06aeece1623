"""A speaker's quotes as CSV or JSON Lines (``GET /api/v1/speakers/{id}/quotes?format=``).

An export is every quote matching the filters (from ``cursor`` on, when given), newest
first, streamed page by page from the store. A JSON Lines line is the one quote shape of
the API; the CSV has one flat row a quote and starts with a UTF-8 byte order mark, so
spreadsheet programs read the Arabic right.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import Annotated, Literal

import msgspec
from litestar.params import QueryParameter
from litestar.response import Stream

from api.errors import BadRequest, NotFound
from api.store import BadCursor, QuoteFilter, Store, StoredQuote

ExportFormat = Annotated[Literal["json", "csv", "jsonl"], QueryParameter(
    name="format",
    description="`json` (default): a page of quotes. `csv` or `jsonl`: download every matching"
                " quote (from `cursor` on), newest first; `limit` is ignored.")]
EXPORT_PAGE = 500
CSV_COLUMNS = ("id", "published_at", "outlet", "url", "article_id", "speaker_id", "speaker_name",
               "speaker_mention", "speaker_type", "kind", "text", "cue", "start", "end", "source",
               "confidence", "segment")
MEDIA_TYPES = {"csv": "text/csv", "jsonl": "application/jsonl"}  # litestar adds the charset to text/*
_encoder = msgspec.json.Encoder()


class Download(Stream):
    """A Stream whose own media type wins over the handler's (litestar 2.25's Stream lets
    the handler's default, application/json, override it)."""

    def to_asgi_response(self, *args, **kwargs):  # type: ignore[override]
        kwargs["media_type"] = self.media_type
        return super().to_asgi_response(*args, **kwargs)


def csv_row(q: StoredQuote) -> list[str | int | float]:
    return [q.id, q.article.published_at or "", q.article.outlet or "", q.article.url or "",
            q.article.id, q.speaker.id or "", q.speaker.name, q.speaker.mention, q.speaker.type,
            q.kind, q.text, q.cue.text, q.start, q.end, q.source or "", q.confidence, q.segment]


def _quotes(store: Store, filters: QuoteFilter, cursor: str | None) -> Iterator[StoredQuote]:
    while True:
        page = store.list_quotes(filters, limit=EXPORT_PAGE, cursor=cursor)
        yield from page.items
        if page.next is None:
            return
        cursor = page.next


def _csv_chunks(quotes: Iterator[StoredQuote]) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow(CSV_COLUMNS)
    for count, quote in enumerate(quotes, start=1):
        writer.writerow(csv_row(quote))
        if count % 200 == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def _jsonl_chunks(quotes: Iterator[StoredQuote]) -> Iterator[bytes]:
    for quote in quotes:
        yield _encoder.encode(quote) + b"\n"


def export_quotes(store: Store, filters: QuoteFilter, fmt: str, *, speaker_id: str,
                  cursor: str | None = None) -> Download:
    """A download of every quote of ``speaker_id`` matching ``filters``."""
    if store.get_speaker(speaker_id) is None:
        raise NotFound(f"no speaker with id {speaker_id!r}; find ids with /api/v1/speakers?q=NAME")
    try:  # a bad cursor fails here, with a 400, not in the middle of the download
        first = store.list_quotes(filters, limit=1, cursor=cursor)
    except BadCursor as exc:
        raise BadRequest(str(exc)) from None
    quotes = _quotes(store, filters, cursor) if first.items else iter(())
    chunks = _csv_chunks(quotes) if fmt == "csv" else _jsonl_chunks(quotes)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", speaker_id)[:80] or "speaker"
    return Download(chunks, media_type=MEDIA_TYPES[fmt], headers={
        "Content-Disposition": f'attachment; filename="qawl-{name}-quotes.{fmt}"'})
