"""schema.org ClaimReview for a quote, ready for a fact-checker to complete.

The claim is the quote; its author is the speaker (``Person`` or ``Organization``, with a
``jobTitle`` held on the quote's date and ``sameAs`` Wikidata when the registry knows
them); its appearances are every outlet's article of the quote's reuse group (or just its
own article), the earliest being ``firstAppearance``. The fact-checker adds
``reviewRating`` and, when publishing, replaces ``url``/``author``/``datePublished`` with
their own review's (the defaults point at this quote's page on this server).

Also here: the quote's reuse group as the web pages and the ClaimReview see it, read
through the store's ``quote_cluster`` when the store has one (issue 7), else just the quote.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any, NamedTuple

from api.store import StoredArticle, StoredQuote, Store

SCHEMA_ORG = "https://schema.org"
WIKIDATA = "https://www.wikidata.org/wiki/"
MAX_APPEARANCES = 200


# --- the registry: names, titles and Wikidata ids -------------------------------------
@cache
def _registry() -> dict[str, Any]:
    from extractors.linking import default_registry

    return {s.id: s for s in default_registry().speakers}


def registry_entry(speaker_id: str | None) -> Any | None:
    return _registry().get(speaker_id) if speaker_id else None


def wikidata_url(speaker_id: str | None) -> str | None:
    entry = registry_entry(speaker_id)
    return f"{WIKIDATA}{entry.qid}" if entry is not None and entry.qid else None


def job_title(speaker_id: str | None, published_at: str | None) -> str | None:
    """The first title the registry gives the speaker on that date (else the latest one)."""
    entry = registry_entry(speaker_id)
    if entry is None or not entry.roles:
        return None
    try:
        day = dt.date.fromisoformat(published_at[:10]) if published_at else None
    except ValueError:
        day = None
    if day is not None:
        for role in entry.roles:
            if role.held_on(day):
                return role.title
        return None
    current = [r for r in entry.roles if r.end is None]
    return current[0].title if current else None


# --- reuse groups ------------------------------------------------------------------------
class Group(NamedTuple):
    """A quote's reuse group: ``cluster`` is None when no grouping is available."""

    cluster: int | None
    first_seen: StoredQuote
    appearances: list[StoredQuote]


def _field(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)


def _as_quote(store: Store, item: Any) -> StoredQuote | None:
    if isinstance(item, StoredQuote):
        return item
    inner = _field(item, "quote")
    if isinstance(inner, StoredQuote):
        return inner
    qid = item if isinstance(item, int) else _field(item, "id") or _field(item, "quote_id")
    return store.get_quote(qid) if isinstance(qid, int) else None


def reuse_group(store: Store, quote: StoredQuote) -> Group:
    """The quote's group (first seen first, then by date), or just the quote itself."""
    method = getattr(store, "quote_cluster", None)  # issue 7's store method, when present
    result = None
    if callable(method):
        try:
            result = method(quote.id)
        except (LookupError, ValueError):
            result = None
    if result is None:
        return Group(None, quote, [quote])
    appearances = [q for q in (_as_quote(store, a) for a in (_field(result, "appearances") or []))
                   if q is not None]
    first = _as_quote(store, _field(result, "first_seen")) if _field(result, "first_seen") else None
    if not appearances:
        appearances = [quote]
    if first is None:
        first = min(appearances, key=lambda q: (q.article.published_at or "9999", q.id))
    if all(a.id != first.id for a in appearances):
        appearances.insert(0, first)
    rest = sorted((a for a in appearances if a.id != first.id),
                  key=lambda q: (q.article.published_at or "9999", q.id))
    cluster = _field(result, "cluster")
    if not isinstance(cluster, int):
        cluster = _field(cluster, "id") if cluster is not None else None
    return Group(cluster if isinstance(cluster, int) else None, first, [first, *rest])


# --- ClaimReview -------------------------------------------------------------------------
def claim_author(quote: StoredQuote) -> dict[str, Any]:
    speaker = quote.speaker
    author: dict[str, Any] = {
        "@type": "Organization" if speaker.type == "organization" else "Person",
        "name": speaker.name or speaker.mention,
    }
    entry = registry_entry(speaker.id)
    if entry is not None and entry.latin:
        author["alternateName"] = entry.latin
    if speaker.type != "organization" and (title := job_title(speaker.id, quote.article.published_at)):
        author["jobTitle"] = title
    if url := wikidata_url(speaker.id):
        author["sameAs"] = url
    return author


def appearance(quote: StoredQuote, article: StoredArticle | None, *, base_url: str) -> dict[str, Any]:
    """A CreativeWork (NewsArticle) the claim appears in."""
    work: dict[str, Any] = {"@type": "NewsArticle",
                            "url": quote.article.url or f"{base_url}/articles/{quote.article.id}"}
    if article is not None and article.headline:
        work["headline"] = article.headline
    if quote.article.published_at:
        work["datePublished"] = quote.article.published_at
    if quote.article.outlet:
        work["publisher"] = {"@type": "Organization", "name": quote.article.outlet}
    work["inLanguage"] = "ar"
    return work


def claim_review(store: Store, quote: StoredQuote, *, base_url: str, group: Group | None = None,
                 url: str | None = None, reviewer: str | None = None,
                 today: dt.date | None = None) -> dict[str, Any]:
    """ClaimReview JSON-LD (a dict) for ``quote``; everything but ``reviewRating``."""
    group = group or reuse_group(store, quote)
    base_url = base_url.rstrip("/")
    articles: dict[int, StoredArticle | None] = {}
    works = []
    seen_articles: set[int] = set()
    for q in group.appearances[:MAX_APPEARANCES]:
        if q.article.id in seen_articles:
            continue
        seen_articles.add(q.article.id)
        if q.article.id not in articles:
            articles[q.article.id] = store.get_article(q.article.id)
        works.append(appearance(q, articles[q.article.id], base_url=base_url))
    first = group.first_seen
    first_work = works[0] if works and group.appearances[0].id == first.id else appearance(
        first, store.get_article(first.article.id), base_url=base_url)
    claim: dict[str, Any] = {
        "@type": "Claim",
        "author": claim_author(quote),
        "appearance": works,
        "firstAppearance": first_work,
    }
    if first.article.published_at:
        claim["datePublished"] = first.article.published_at
    return {
        "@context": SCHEMA_ORG,
        "@type": "ClaimReview",
        "url": url or f"{base_url}/quotes/{quote.id}",
        "claimReviewed": quote.text,
        "itemReviewed": claim,
        "author": {"@type": "Organization", "name": reviewer or "qawl", **({} if reviewer else {"url": base_url + "/"})},
        "datePublished": (today or dt.date.today()).isoformat(),
        "inLanguage": "ar",
    }
