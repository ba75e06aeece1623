"""``/api/v1/quotes``: full-text search and one quote with its evidence."""

from __future__ import annotations

import re
from typing import Annotated

from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.openapi import ResponseSpec
from litestar.params import PathParameter, QueryParameter

from api.controllers.common import Cursor, Limit, Search, Since, Until, list_quotes, quote_filter
from api.errors import NotFound
from api.schemas import Evidence, QuoteDetail, QuotePage
from api.store import Store

QuoteId = Annotated[int, PathParameter(ge=1, le=2**63 - 1, description="Quote id.")]
SpeakerRef = Annotated[str | None, QueryParameter(min_length=1, max_length=200,
                                                  description="A speaker id or any spelling of a name.")]

# Sentence ends: Latin and Arabic full stop / question / exclamation marks, and line breaks.
_SENTENCE_END = re.compile(r"[.!?؟۔\n]")


def surrounding_sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence(s) covering ``text[start:end]``: from the previous sentence end to the next."""
    left = start
    while left > 0 and not _SENTENCE_END.match(text, left - 1):
        left -= 1
    m = _SENTENCE_END.search(text, max(end, start))
    right = m.end() if m and m.group() != "\n" else (m.start() if m else len(text))
    while left < start and text[left].isspace():
        left += 1
    return left, max(right, end)


class QuotesController(Controller):
    path = "/quotes"
    tags = ["quotes"]

    @get("/", operation_id="searchQuotes", summary="Search quotes, newest first",
         sync_to_thread=True,
         description="Every word of `q` must appear in the quote (after Arabic normalisation).")
    def search(self, store: NamedDependency[Store], q: Search = None, speaker: SpeakerRef = None,
               since: Since = None, until: Until = None, limit: Limit = 20,
               cursor: Cursor = None) -> QuotePage:
        speaker_ids = store.resolve_speakers(speaker) if speaker else None
        page = list_quotes(store, quote_filter(q=q, speaker_ids=speaker_ids, since=since, until=until),
                           limit=limit, cursor=cursor)
        return QuotePage(items=page.items, next=page.next)

    @get("/{quote_id:int}", operation_id="getQuote", summary="A quote with its evidence",
         sync_to_thread=False, responses={404: ResponseSpec(None, description="No such quote.")})
    def get_quote(self, quote_id: QuoteId, store: NamedDependency[Store]) -> QuoteDetail:
        record = store.quote_record(quote_id)  # rejected and older revisions' quotes too (issue 9)
        if record is None:
            raise NotFound(f"no quote with id {quote_id}")
        quote, text = record.quote, record.article_text
        left, right = surrounding_sentence(text, quote.start, quote.end)
        fields = {f: getattr(quote, f) for f in quote.__struct_fields__}
        return QuoteDetail(**fields, evidence=Evidence(
            headline=record.headline, sentence=text[left:right],
            sentence_start=left, sentence_end=right),
            status=record.status, extractor_version=record.extractor_version,
            revision=record.revision, current=record.hidden is None)
