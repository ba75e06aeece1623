"""Web pages for journalists: search, a speaker's quotes, a quote in its article, an article.

Server-rendered Jinja templates (``api/templates``) and one stylesheet (``api/static``),
right to left, no front-end build. Every page is a GET with its state in the URL, so a
journalist can paste it. Article text is never trusted as HTML: highlighted text is built
from the stored offsets, piece by piece, with every piece escaped (:func:`highlight`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import heapq
import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Annotated, Any

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.exceptions import HTTPException
from litestar.params import PathParameter, QueryParameter
from litestar.response import Template
from litestar.static_files import create_static_files_router
from litestar.template.config import TemplateConfig
from markupsafe import Markup, escape

from api.claimreview import claim_review, job_title, registry_entry, reuse_group, wikidata_url
from api.store import QuoteFilter, Store, StoredQuote
from api.store.base import BadCursor
from api.store.editorial import Correction, QuoteRecord

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
PAGE_SIZE = 20
OUTLET_SAMPLE = 300  # newest quotes of a speaker whose outlets fill the outlet menu
KINDS = {"direct": "مباشر", "indirect": "غير مباشر", "mixed": "مختلط", "headline": "عنوان"}
SPEAKER_TYPES = {"person": "شخص", "organization": "جهة", "unknown": "غير معروف"}
_API_PREFIXES = ("/api/", "/schema", "/health")
# The editorial record on the quote page (issue 9): a quote's status, why a quote is not in
# the answers, and each kind of correction.
STATUSES = {"verified": "تم التحقق", "corrected": "مصحّح", "extracted": "مستخرج آليا", "rejected": "مرفوض"}
HIDDEN = {"rejected": "رفضه محرر", "superseded": "من نسخة سابقة من المقال", "dropped": "لم يعد المستخرج يجده"}
ACTIONS = {"speaker": "تغيير المتحدث", "span": "تصحيح حدود الاقتباس", "add": "إضافة اقتباس فات المستخرج",
           "merge": "دمج متحدثين", "split": "فصل متحدث", "takedown": "سحب المقال"}
STATUS_ACTIONS = {"verified": "تحقق", "rejected": "رفض"}


# --- highlighting by offsets -------------------------------------------------------------
@dataclass(frozen=True, order=True)
class Mark:
    """A span of the text to wrap in ``tag`` (``a`` links to ``href``)."""

    start: int
    end: int
    css: str = field(compare=False)
    tag: str = field(default="mark", compare=False)
    href: str | None = field(default=None, compare=False)
    ident: str | None = field(default=None, compare=False)
    title: str | None = field(default=None, compare=False)


def _open(mark: Mark, *, first: bool) -> str:
    attrs = [f'class="{escape(mark.css)}"', f'data-start="{mark.start}"', f'data-end="{mark.end}"']
    if mark.ident and first:
        attrs.insert(0, f'id="{escape(mark.ident)}"')
    if mark.href:
        attrs.append(f'href="{escape(mark.href)}"')
    if mark.title:
        attrs.append(f'title="{escape(mark.title)}"')
    return f"<{mark.tag} {' '.join(attrs)}>"


def highlight(text: str, marks: list[Mark]) -> Markup:
    """``text`` escaped, with each mark's ``[start, end)`` wrapped in its element.

    Marks nest when they nest; a mark that crosses the end of an open one is split there
    (its second piece carries no ``id``). Marks outside the text are clipped or dropped.
    ``data-start``/``data-end`` give each piece's own offsets.
    """
    n = len(text)
    heap: list[tuple[int, int, int, Mark, bool]] = []
    for seq, mark in enumerate(marks):
        start, end = max(0, mark.start), min(n, mark.end)
        if start < end:
            heapq.heappush(heap, (start, -end, seq, replace(mark, start=start, end=end), True))
    out: list[str] = []
    stack: list[Mark] = []
    pos = 0
    while heap or stack:
        next_start = heap[0][0] if heap else n + 1
        if stack and stack[-1].end <= next_start:
            top = stack.pop()
            out.append(str(escape(text[pos:top.end])))
            out.append(f"</{top.tag}>")
            pos = top.end
            continue
        start, _, seq, mark, first = heapq.heappop(heap)
        out.append(str(escape(text[pos:start])))
        pos = start
        if stack and mark.end > stack[-1].end:  # crosses the open mark: split it there
            rest = replace(mark, start=stack[-1].end)
            heapq.heappush(heap, (rest.start, -rest.end, seq, rest, False))
            mark = replace(mark, end=stack[-1].end)
        out.append(_open(mark, first=first))
        stack.append(mark)
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def quote_marks(quote: StoredQuote, *, current: bool) -> list[Mark]:
    """The quote, its cue and its speaker's mention."""
    marks = [Mark(quote.start, quote.end, f"hl quote {quote.kind}" + (" current" if current else ""),
                  tag="mark" if current else "a", href=None if current else f"/quotes/{quote.id}",
                  ident=f"q-{quote.id}", title=None if current else quote.speaker.name)]
    if quote.cue.end > quote.cue.start:
        marks.append(Mark(quote.cue.start, quote.cue.end, "hl cue"))
    if current and quote.speaker.start is not None and quote.speaker.end is not None:
        marks.append(Mark(quote.speaker.start, quote.speaker.end, "hl speaker"))
    return marks


def _without_overlaps(quotes: list[StoredQuote], taken: list[tuple[int, int]]) -> list[StoredQuote]:
    """Quotes that overlap none taken (links cannot nest), longest first."""
    keep = []
    for q in sorted(quotes, key=lambda q: (q.start - q.end, q.start)):
        if all(q.end <= s or e <= q.start for s, e in taken):
            keep.append(q)
            taken.append((q.start, q.end))
    return sorted(keep, key=lambda q: q.start)


# --- wording drift -----------------------------------------------------------------------
_WORDS = re.compile(r"\S+")


def word_diff(first: str, text: str) -> tuple[Markup, int, int]:
    """``text`` against ``first`` word by word: removed words in <del>, new ones in <ins>.

    Returns the markup and the numbers of words dropped and added.
    """
    a, b = _WORDS.findall(first), _WORDS.findall(text)
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    out, dropped, added = [], 0, 0
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(str(escape(" ".join(b[j1:j2]))))
            continue
        if i2 > i1:
            dropped += i2 - i1
            out.append(f"<del>{escape(' '.join(a[i1:i2]))}</del>")
        if j2 > j1:
            added += j2 - j1
            out.append(f"<ins>{escape(' '.join(b[j1:j2]))}</ins>")
    return Markup(" ".join(out)), dropped, added


# --- the editorial record ----------------------------------------------------------------
def action_label(correction: Correction) -> str:
    """A correction's action in Arabic; a status change says which status it set."""
    if correction.action == "status":
        return STATUS_ACTIONS.get(correction.detail.get("after"), "تغيير الحالة")
    return ACTIONS.get(correction.action, correction.action)


def editorial(record: QuoteRecord, history: list[Correction]) -> dict[str, Any]:
    """The status line, why a quote is not in the answers (with the rejection that took it
    out), and the corrections with their Arabic labels, newest first."""
    newest = history[::-1]
    rejection = next((c for c in newest if c.action == "status" and c.detail.get("after") == "rejected"), None)
    return {"hidden": record.hidden, "status": record.status,
            "status_label": STATUSES.get(record.status, record.status),
            "banner": HIDDEN.get(record.hidden, "ليس في البحث ولا في القوائم") if record.hidden else None,
            "rejection": rejection if record.hidden == "rejected" else None,
            "history": [(c, action_label(c)) for c in newest]}


# --- helpers for templates ---------------------------------------------------------------
def json_ld(data: Any) -> Markup:
    """JSON for a ``<script type="application/ld+json">``: ``<``, ``>`` and ``&`` escaped."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return None


def not_found(message: str) -> Template:
    return Template(template_name="404.html", context={"message": message}, status_code=404)


def _page_id(raw: str) -> int | None:
    return int(raw) if raw.isdigit() and 0 < int(raw) < 2**63 else None


def _filters_query(**params: str | None) -> str:
    from urllib.parse import urlencode

    return urlencode({k: v for k, v in params.items() if v})


PathId = Annotated[str, PathParameter(max_length=300)]
Text = Annotated[str | None, QueryParameter(max_length=500)]


def _quote_page_marks(store: Store, record: QuoteRecord, current_text: str) -> list[Mark]:
    """The quote's marks, and links to the article's other quotes when the quote indexes the
    article's current text (theirs are offsets into it, not into an older revision)."""
    quote = record.quote
    marks = quote_marks(quote, current=True)
    if record.article_text == current_text:
        others = [q for q in store.article_quotes(quote.article.id) if q.id != quote.id]
        for other in _without_overlaps(others, [(quote.start, quote.end)]):
            marks.extend(quote_marks(other, current=False)[:1])
    return marks


def _reuse_context(store: Store, quote: StoredQuote, *, base_url: str) -> dict[str, Any]:
    """A live quote's reuse timeline (wording drift against the first appearance) and its
    ClaimReview JSON-LD."""
    group = reuse_group(store, quote)
    timeline = []
    for q in group.appearances:
        diff, dropped, added = word_diff(group.first_seen.text, q.text)
        timeline.append({"quote": q, "first": q.id == group.first_seen.id, "current": q.id == quote.id,
                         "diff": diff, "dropped": dropped, "added": added})
    return {"group": group, "timeline": timeline,
            "outlets": len({q.article.outlet for q in group.appearances}),
            "claimreview": json_ld(claim_review(store, quote, base_url=base_url, group=group))}


# --- pages -------------------------------------------------------------------------------
class WebController(Controller):
    """The pages; HTML only, not in the OpenAPI document."""

    include_in_schema = False

    @get("/", name="web.index", sync_to_thread=True)
    def index(self, store: NamedDependency[Store], q: Text = None,
              cursor: Text = None) -> Template:
        q = (q or "").strip()[:200]
        speakers, quotes, nxt, error = [], [], None, None
        try:
            if q:
                speakers = store.search_speakers(q, limit=10, cursor=None).items
            page = store.list_quotes(QuoteFilter(q=q or None), limit=PAGE_SIZE, cursor=cursor or None)
            quotes, nxt = page.items, page.next
        except BadCursor:
            error = "رابط الصفحة التالية غير صالح؛ ابدأ البحث من جديد."
        return Template(template_name="index.html", context={
            "q": q, "speakers": speakers, "quotes": quotes, "error": error,
            "next_url": f"/?{_filters_query(q=q, cursor=nxt)}" if nxt else None,
        })

    @get("/speakers/{speaker_id:str}", name="web.speaker", sync_to_thread=True)
    def speaker(self, speaker_id: PathId, store: NamedDependency[Store], since: Text = None,
                until: Text = None, outlet: Text = None, kind: Text = None,
                cursor: Text = None) -> Template:
        record = store.get_speaker(speaker_id) if len(speaker_id) <= 200 else None
        if record is None:
            return not_found(f"لا يوجد متحدث بالمعرّف «{speaker_id}».")
        notes = []
        since_d, until_d = _date(since), _date(until)
        if since and since_d is None:
            notes.append(f"تاريخ «من» غير صالح ({since}): استخدم الصيغة YYYY-MM-DD.")
        if until and until_d is None:
            notes.append(f"تاريخ «إلى» غير صالح ({until}): استخدم الصيغة YYYY-MM-DD.")
        if since_d and until_d and since_d > until_d:
            notes.append("تاريخ «من» بعد تاريخ «إلى».")
        kind = kind if kind in KINDS else None
        outlet = (outlet or "").strip()[:200] or None
        filters = QuoteFilter(speaker_ids=[speaker_id],
                              since=since_d.isoformat() if since_d else None,
                              until=until_d.isoformat() if until_d else None,
                              outlet=outlet, kind=kind)
        try:
            page = store.list_quotes(filters, limit=PAGE_SIZE, cursor=cursor or None)
        except BadCursor:
            page = store.list_quotes(filters, limit=PAGE_SIZE, cursor=None)
            notes.append("رابط الصفحة التالية غير صالح؛ هذه الصفحة الأولى.")
        # The outlet menu comes from the speaker's newest quotes: counting all of a speaker's
        # quotes by outlet and kind (store.speaker_stats) takes ~0.6 s at 70k quotes.
        recent = store.list_quotes(QuoteFilter(speaker_ids=[speaker_id]), limit=OUTLET_SAMPLE, cursor=None)
        outlets = sorted({q.article.outlet for q in recent.items if q.article.outlet} | ({outlet} if outlet else set()),
                         key=str.casefold)
        entry = registry_entry(speaker_id)
        query = dict(since=since_d.isoformat() if since_d else None,
                     until=until_d.isoformat() if until_d else None, outlet=outlet, kind=kind)
        return Template(template_name="speaker.html", context={
            "speaker": record, "outlets": outlets, "quotes": page.items, "notes": notes,
            "newest": recent.items[0].article.published_at if recent.items else None,
            "filters": query, "filtered": any(query.values()),
            "latin": entry.latin if entry else None,
            "title": job_title(speaker_id, None), "wikidata": wikidata_url(speaker_id),
            "export_query": _filters_query(**query),
            "next_url": (f"/speakers/{speaker_id}?{_filters_query(**query, cursor=page.next)}"
                         if page.next else None),
        })

    @get("/quotes/{quote_id:str}", name="web.quote", sync_to_thread=True)
    def quote(self, quote_id: PathId, request: Request, store: NamedDependency[Store]) -> Template:
        """Any quote the API answers for: a rejected one, one a re-extraction dropped and one of
        an older revision too (in that revision's text), with a banner saying why it is out of
        search and lists, and without reuse timeline or ClaimReview. A taken-down article's
        quotes are 404, as in the API."""
        qid = _page_id(quote_id)
        record = store.quote_record(qid) if qid else None
        article = store.get_article(record.quote.article.id) if record else None
        if record is None or article is None:
            return not_found(f"لا يوجد اقتباس بالمعرّف {quote_id}.")
        quote = record.quote
        context = {
            "quote": quote, "article": article, "headline": record.headline, "revision": record.revision,
            "text": highlight(record.article_text, _quote_page_marks(store, record, article.text)),
            "title": job_title(quote.speaker.id, quote.article.published_at),
            "wikidata": wikidata_url(quote.speaker.id),
            **editorial(record, store.quote_history(quote.id) or []),
        }
        if record.hidden is None:
            context.update(_reuse_context(store, quote, base_url=str(request.base_url).rstrip("/")))
        return Template(template_name="quote.html", context=context)

    @get("/articles/{article_id:str}", name="web.article", sync_to_thread=True)
    def article(self, article_id: PathId, store: NamedDependency[Store]) -> Template:
        aid = _page_id(article_id)
        article = store.get_article(aid) if aid else None
        if article is None:
            return not_found(f"لا يوجد مقال بالمعرّف {article_id}.")
        quotes = store.article_quotes(article.id)
        marks: list[Mark] = []
        for q in _without_overlaps(quotes, []):
            marks.extend(quote_marks(q, current=False)[:1])
            if q.cue.end > q.cue.start:
                marks.append(Mark(q.cue.start, q.cue.end, "hl cue"))
        return Template(template_name="article.html", context={
            "article": article, "quotes": quotes, "text": highlight(article.text, marks)})


def day(published_at: str | None) -> str:
    """The date part of a stored ISO timestamp, or a plain "unknown date"."""
    return published_at[:10] if published_at else "تاريخ غير معروف"


# --- wiring ------------------------------------------------------------------------------
def template_config() -> TemplateConfig:
    from litestar.plugins.jinja import JinjaTemplateEngine

    def setup(engine: JinjaTemplateEngine) -> None:
        engine.engine.globals.update(KINDS=KINDS, SPEAKER_TYPES=SPEAKER_TYPES)
        engine.engine.filters["day"] = day
        engine.engine.trim_blocks = True
        engine.engine.lstrip_blocks = True

    return TemplateConfig(directory=TEMPLATES, engine=JinjaTemplateEngine, engine_callback=setup)


def _wants_html(request: Request) -> bool:
    path = request.url.path
    if path.startswith(_API_PREFIXES):
        return False
    return "text/html" in request.headers.get("accept", "")  # browsers ask for it


def html_errors(handlers: dict) -> dict:
    """``handlers`` with HTTP errors on page paths rendered as HTML (404 page) instead."""
    fallback = handlers.get(HTTPException)

    def handler(request: Request, exc: HTTPException) -> Response:
        if exc.status_code == 404 and _wants_html(request):
            engine = request.app.template_engine
            body = engine.get_template("404.html").render(message="لا توجد صفحة بهذا العنوان.")
            return Response(body, status_code=404, media_type="text/html")
        return fallback(request, exc)

    return {**handlers, HTTPException: handler} if fallback else handlers


ROUTES = [WebController, create_static_files_router(path="/static", directories=[STATIC],
                                                    include_in_schema=False, name="static")]
