"""Request and response bodies. Requests reject unknown fields; a quote has one shape.

A quote on the wire is :class:`api.store.StoredQuote`: the fields of
``extractors.types.Quote`` (as ``qawl extract`` writes them) plus ``id`` and ``article``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta
from litestar.openapi.spec import Operation

from extractors.types import Segment
from api.settings import TEXT_CHARS_CEILING
from api.store import SpeakerStats, StoreStats, StoredQuote

Text = Annotated[str, Meta(min_length=1, max_length=TEXT_CHARS_CEILING,
                           description="Article text; quote offsets index it.")]
Url = Annotated[str, Meta(max_length=2048, pattern=r"^https?://\S+$",
                          examples=["https://example.com/news/1"])]
Outlet = Annotated[str, Meta(min_length=1, max_length=200, examples=["RT Arabic"])]
Headline = Annotated[str, Meta(max_length=1000)]
IsoDate = Annotated[str, Meta(max_length=40, description="ISO date or date-time",
                              examples=["2023-11-10"])]
Html = Annotated[str, Meta(max_length=TEXT_CHARS_CEILING,
                           description="A saved HTML page, instead of text.")]


def normalize_published(value: str) -> str:
    """ISO date (``2023-11-10``) or date-time, normalised; ValueError otherwise."""
    value = value.strip()
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value).isoformat()
        return dt.datetime.fromisoformat(value).isoformat()
    except ValueError:
        raise ValueError(
            f"published_at {value!r} is not an ISO date such as 2023-11-10 or 2023-11-10T14:30:00+03:00"
        ) from None


class ArticleIn(msgspec.Struct, forbid_unknown_fields=True):
    """An article to ingest (``POST /api/v1/articles``, one line of the batch).

    Either ``text`` or ``html`` (a saved page: its text and metadata are extracted, see
    :mod:`api.html`; fields given here win over what the page says).
    """

    text: Text = ""
    url: Url | None = None
    outlet: Outlet | None = None
    published_at: IsoDate | None = None
    headline: Headline | None = None
    html: Html | None = None

    def __post_init__(self) -> None:
        if self.html is not None:
            if self.text:
                raise ValueError("send text or html, not both")
            if not self.html.strip():
                raise ValueError("html is blank")
        elif not self.text.strip():
            raise ValueError("text is blank" if self.text else "send text (or html: a saved page)")
        if self.published_at is not None:
            self.published_at = normalize_published(self.published_at)
        if self.outlet is not None:
            self.outlet = " ".join(self.outlet.split()) or None


class ArticleOut(msgspec.Struct, frozen=True):
    """A stored article with its quotes (each quote's start/end marks its span in text)."""

    id: int
    url: str | None
    outlet: str | None
    headline: str | None
    published_at: str | None
    credit: str | None
    content_hash: str
    extractor_version: str
    ingested_at: str
    text: str
    segments: list[Segment]
    quotes: list[StoredQuote]


class BatchItem(msgspec.Struct, frozen=True, omit_defaults=True):
    line: int
    status: Literal["created", "seen", "error"]
    id: int | None = None
    quotes: int | None = None
    error: str | None = None


class BatchOut(msgspec.Struct, frozen=True):
    created: int
    seen: int
    errors: int
    items: list[BatchItem]


class Evidence(msgspec.Struct, frozen=True):
    """Where to check a quote: the article's headline and the sentence around the span."""

    headline: str | None
    sentence: str
    sentence_start: int
    sentence_end: int


class QuoteDetail(StoredQuote, frozen=True, kw_only=True):
    """A quote (the one shape) plus its evidence and editorial state (issue 9): ``status``
    extracted, corrected, verified or rejected; ``current`` false when the quote has left
    the answers (rejected, dropped by a re-extraction, or of an older ``revision``)."""

    evidence: Evidence
    status: Literal["extracted", "corrected", "verified", "rejected"] = "extracted"
    extractor_version: str | None = None
    revision: int = 1
    current: bool = True


class QuotePage(msgspec.Struct, frozen=True):
    items: list[StoredQuote]
    next: str | None = msgspec.field(default=None)


class SpeakerOut(msgspec.Struct, frozen=True):
    id: str
    name: str
    type: str
    aliases: list[str]
    quote_count: int


class SpeakerDetail(msgspec.Struct, frozen=True):
    id: str
    name: str
    type: str
    aliases: list[str]
    quote_count: int
    quotes: SpeakerStats


class SpeakerPage(msgspec.Struct, frozen=True):
    items: list[SpeakerOut]
    next: str | None = None


class Health(msgspec.Struct, frozen=True):
    status: str
    version: str
    extractor_version: str
    store: StoreStats


# --- OpenAPI for handlers that read the raw body (JSON or text/plain) --------------------
def inline_schema(struct: type) -> dict[str, Any]:
    """A Struct's JSON schema with nothing to resolve, for a hand-written request body."""
    schema = msgspec.json.schema(struct)["$defs"][struct.__name__]
    if struct.__struct_config__.forbid_unknown_fields:
        schema["additionalProperties"] = False
    return schema


@dataclass
class ArticleBodyOperation(Operation):
    """Documents the two bodies ``POST /api/v1/articles`` takes (it parses them itself)."""

    def to_schema(self) -> dict[str, Any]:
        out = super().to_schema()
        out["requestBody"] = {
            "required": True,
            "content": {
                "application/json": {
                    "schema": inline_schema(ArticleIn),
                    "example": {"text": "قال وزير الخارجية الروسي سيرغي لافروف إن «...»",
                                "url": "https://example.com/news/1", "outlet": "RT Arabic",
                                "published_at": "2023-11-10"},
                },
                "text/plain": {"schema": {"type": "string"},
                               "example": "قال وزير الخارجية الروسي سيرغي لافروف إن «...»"},
                "text/html": {"schema": {"type": "string"},
                              "description": "A saved page: text, headline, date and outlet are"
                                             " extracted; its declared charset is honoured."},
            },
        }
        return out


@dataclass
class BatchBodyOperation(Operation):
    def to_schema(self) -> dict[str, Any]:
        out = super().to_schema()
        out["requestBody"] = {
            "required": True,
            "description": "JSON Lines: one article object (as for POST /api/v1/articles) a line.",
            "content": {"application/jsonl": {"schema": {"type": "string"}},
                        "application/x-ndjson": {"schema": {"type": "string"}}},
        }
        return out
