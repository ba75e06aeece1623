"""``/api/v1/speakers``: find a speaker by any spelling; who said what, newest first."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, MediaType, Request, Response, get
from litestar.di import NamedDependency
from litestar.openapi import ResponseSpec
from litestar.params import PathParameter, QueryParameter

from api.controllers.common import (
    Cursor, Kind, Limit, Outlet, Search, Since, Until, list_quotes, quote_filter,
)
from api.errors import BadRequest, NotFound
from api.export import ExportFormat, export_quotes
from api.page_cache import PageCache
from api.schemas import QuotePage, SpeakerDetail, SpeakerOut, SpeakerPage
from api.store import BadCursor, QuoteFilter, Store

SpeakerId = Annotated[str, PathParameter(min_length=1, max_length=200, description="Speaker id.")]
FIRST_PAGES = PageCache()

NameQuery = Annotated[str | None, QueryParameter(
    min_length=1, max_length=200,
    description="Any spelling of the name, Arabic or Latin («لافروف», Lavrov).")]


class SpeakersController(Controller):
    path = "/speakers"
    tags = ["speakers"]

    @get("/", operation_id="searchSpeakers", summary="Find speakers by any spelling",
         sync_to_thread=True)
    def search(self, store: NamedDependency[Store], q: NameQuery = None, limit: Limit = 20,
               cursor: Cursor = None) -> SpeakerPage:
        try:
            page = store.search_speakers(q, limit=limit, cursor=cursor)
        except BadCursor as exc:
            raise BadRequest(str(exc)) from None
        return SpeakerPage(items=[SpeakerOut(id=s.id, name=s.name, type=s.type, aliases=s.aliases,
                                             quote_count=s.quote_count) for s in page.items],
                           next=page.next)

    @get("/{speaker_id:str}", operation_id="getSpeaker", summary="A speaker, aliases and quote counts",
         sync_to_thread=False, responses={404: ResponseSpec(None, description="No such speaker.")})
    def get_speaker(self, speaker_id: SpeakerId, store: NamedDependency[Store]) -> SpeakerDetail:
        speaker = store.get_speaker(speaker_id)
        if speaker is None:
            raise NotFound(f"no speaker with id {speaker_id!r}; find ids with /api/v1/speakers?q=NAME")
        return SpeakerDetail(id=speaker.id, name=speaker.name, type=speaker.type,
                             aliases=speaker.aliases, quote_count=speaker.quote_count,
                             quotes=store.speaker_stats(speaker_id))

    # Runs on the event loop: an indexed keyset query (~0.1 ms) costs less than a thread hop.
    @get("/{speaker_id:str}/quotes", operation_id="speakerQuotes", summary="Who said what, newest first",
         sync_to_thread=False, responses={404: ResponseSpec(None, description="No such speaker.")})
    def quotes(self, speaker_id: SpeakerId, request: Request, since: Since = None,
               until: Until = None, outlet: Outlet = None, kind: Kind = None, q: Search = None,
               limit: Limit = 20, cursor: Cursor = None, format_: ExportFormat = "json") -> QuotePage:
        # the store straight from the app state: the `store` dependency's per-request check
        # (isinstance against a runtime Protocol) costs more than the cached answer (issue 6)
        store: Store = request.app.state.store
        filters = quote_filter(speaker_ids=[speaker_id], since=since, until=until, outlet=outlet,
                               kind=kind, q=q)
        if format_ != "json":  # a download of every matching quote (api.export)
            return export_quotes(store, filters, format_, speaker_id=speaker_id, cursor=cursor)
        first = cursor is None and filters == QuoteFilter(speaker_ids=[speaker_id])
        if first:  # the first page, unfiltered: encoded once until the store changes
            token = FIRST_PAGES.token(store)
            body = FIRST_PAGES.get(store, (speaker_id, limit), token)
            if body is not None:
                return Response(body, media_type=MediaType.JSON)
        page = list_quotes(store, filters, limit=limit, cursor=cursor)
        if not page.items and cursor is None and store.get_speaker(speaker_id) is None:
            raise NotFound(f"no speaker with id {speaker_id!r}; find ids with /api/v1/speakers?q=NAME")
        if first:
            body = FIRST_PAGES.put(store, (speaker_id, limit), token, QuotePage(items=page.items, next=page.next))
            return Response(body, media_type=MediaType.JSON)
        return QuotePage(items=page.items, next=page.next)
