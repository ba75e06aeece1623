"""``/api/v1/articles``: ingest one article or a JSON Lines batch; read one back."""

from __future__ import annotations

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.openapi import ResponseSpec
from litestar.params import PathParameter, RawBody
from typing import Annotated

from api.auth import require_write_key
from api.html import HTML_TYPES, html_article
from api.errors import BadRequest, NotFound, PayloadTooLarge, QawlError, UnsupportedMediaType
from api.ingest import Ingestor, decode_article_json, decode_article_text
from api.schemas import ArticleBodyOperation, ArticleOut, BatchBodyOperation, BatchItem, BatchOut
from api.settings import Settings
from api.store import Store

ArticleId = Annotated[int, PathParameter(ge=1, le=2**63 - 1, description="Article id.")]

_JSON_TYPES = {"application/json"}
_TEXT_TYPES = {"text/plain"}
_JSONL_TYPES = {"application/jsonl", "application/x-ndjson", "application/json-lines",
                "application/jsonlines", "text/plain", "application/json"}


def article_out(store: Store, article_id: int) -> ArticleOut:
    article = store.get_article(article_id)
    if article is None:
        if (tombstone := store.get_tombstone(article_id)) is not None:  # issue 9: 410 and why
            from api.controllers.corrections import gone

            raise gone(tombstone)
        raise NotFound(f"no article with id {article_id}")
    return ArticleOut(
        id=article.id, url=article.url, outlet=article.outlet, headline=article.headline,
        published_at=article.published_at, credit=article.credit,
        content_hash=article.content_hash, extractor_version=article.extractor_version,
        ingested_at=article.ingested_at, text=article.text, segments=article.segments,
        quotes=store.article_quotes(article_id),
    )


class ArticlesController(Controller):
    path = "/articles"
    tags = ["articles"]

    @post("/", operation_id="createArticle", summary="Ingest an article (JSON, text/plain or text/html)",
          guards=[require_write_key], sync_to_thread=True, status_code=201,
          operation_class=ArticleBodyOperation,
          description="Extracts, links and stores the article in one transaction. The same url,"
                      " or the same outlet and text, posted again answers 200 with the same id.",
          responses={200: ResponseSpec(ArticleOut, description="Already stored: the same article."),
                     400: ResponseSpec(None, description="Malformed JSON, unknown or invalid fields, blank text."),
                     401: ResponseSpec(None, description="A write key is configured and none was sent."),
                     403: ResponseSpec(None, description="The write key is not valid."),
                     409: ResponseSpec(None, description="A new text for a stored url that another stored"
                                                         " article of the outlet already has."),
                     413: ResponseSpec(None, description="Body or text over the configured limit."),
                     415: ResponseSpec(None, description="Neither JSON, text/plain nor text/html."),
                     422: ResponseSpec(None, description="An HTML page with no article text, or more quotes than QAWL_MAX_QUOTES.")})
    def create(self, request: Request, body: RawBody, store: NamedDependency[Store],
               ingestor: NamedDependency[Ingestor],
               settings: NamedDependency[Settings]) -> Response[ArticleOut]:
        if len(body) > settings.max_body_bytes:
            raise PayloadTooLarge(f"the body has {len(body)} bytes; the limit is"
                                  f" {settings.max_body_bytes} (QAWL_MAX_BODY_BYTES)")
        media_type = request.content_type[0].lower()
        if media_type in _JSON_TYPES or media_type.endswith("+json"):
            item = decode_article_json(body)
        elif media_type in _TEXT_TYPES:
            item = decode_article_text(body)
        elif media_type in HTML_TYPES:  # a saved page, decoded by its declared charset
            item = html_article(body, content_type=request.headers.get("Content-Type"))
        else:
            raise UnsupportedMediaType(
                f"send application/json (fields text, url, outlet, published_at, headline)"
                f", text/plain or text/html; got {media_type or 'no Content-Type header'}")
        result = ingestor.ingest(item)
        return Response(article_out(store, result.article_id), status_code=201 if result.created else 200)

    @post("/batch", operation_id="createArticles", summary="Ingest articles from JSON Lines",
          guards=[require_write_key], sync_to_thread=True, status_code=200,
          operation_class=BatchBodyOperation,
          description="One article object a line. Each line is stored in its own transaction;"
                      " a bad line is reported in `items` and does not stop the batch.",
          responses={400: ResponseSpec(None, description="An empty batch."),
                     401: ResponseSpec(None, description="No write key."),
                     415: ResponseSpec(None, description="Not JSON Lines."),
                     403: ResponseSpec(None, description="Wrong write key."),
                     413: ResponseSpec(None, description="Body over the batch limit.")})
    def batch(self, request: Request, body: RawBody, ingestor: NamedDependency[Ingestor]) -> BatchOut:
        media_type = request.content_type[0].lower()
        if media_type not in _JSONL_TYPES:
            raise UnsupportedMediaType(f"send JSON Lines (application/jsonl); got {media_type or 'no Content-Type header'}")
        items: list[BatchItem] = []
        for number, line in enumerate(body.split(b"\n"), start=1):
            if not line.strip():
                continue
            try:
                result = ingestor.ingest(decode_article_json(line))
            except QawlError as exc:
                items.append(BatchItem(line=number, status="error", error=exc.detail))
                continue
            items.append(BatchItem(line=number, status="created" if result.created else "seen",
                                   id=result.article_id,
                                   quotes=len(result.quote_ids) if result.created else None))
        if not items:
            raise BadRequest("the batch is empty: send one JSON article object a line")
        count = lambda s: sum(1 for i in items if i.status == s)  # noqa: E731
        return BatchOut(created=count("created"), seen=count("seen"), errors=count("error"), items=items)

    @get("/{article_id:int}", operation_id="getArticle", summary="An article with its quote spans",
         sync_to_thread=False, responses={404: ResponseSpec(None, description="No such article.")})
    def get_article(self, article_id: ArticleId, store: NamedDependency[Store]) -> ArticleOut:
        return article_out(store, article_id)
