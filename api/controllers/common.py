"""Query parameters and helpers shared by the list endpoints."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from litestar.params import QueryParameter

from api.errors import BadRequest
from api.store import BadCursor, Page, QuoteFilter, Store

Limit = Annotated[int, QueryParameter(ge=1, le=100, description="Items a page (1–100).")]
Cursor = Annotated[str | None, QueryParameter(max_length=200,
                                              description="The `next` value of the previous page.")]
Since = Annotated[dt.date | None, QueryParameter(description="Quotes published on or after this date (YYYY-MM-DD).")]
Until = Annotated[dt.date | None, QueryParameter(description="Quotes published on or before this date (YYYY-MM-DD).")]
Search = Annotated[str | None, QueryParameter(min_length=1, max_length=500,
                                              description="Words that must all appear (Arabic spelling variants match).")]
Outlet = Annotated[str | None, QueryParameter(max_length=200, description="Only this outlet.")]
Kind = Annotated[Literal["direct", "indirect", "mixed", "headline"] | None,
                 QueryParameter(description="Only this kind of quote.")]


def quote_filter(*, since: dt.date | None, until: dt.date | None, **rest) -> QuoteFilter:
    if since and until and since > until:
        raise BadRequest(f"since ({since}) is after until ({until})")
    return QuoteFilter(since=since.isoformat() if since else None,
                       until=until.isoformat() if until else None, **rest)


def list_quotes(store: Store, filters: QuoteFilter, *, limit: int, cursor: str | None) -> Page:
    try:
        return store.list_quotes(filters, limit=limit, cursor=cursor)
    except BadCursor as exc:
        raise BadRequest(str(exc)) from None
