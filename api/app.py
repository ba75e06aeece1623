"""The qawl HTTP API: ``create_app(settings)`` builds it; the store lives on ``app.state``.

JSON endpoints are under ``/api/v1``; ``/health`` and the OpenAPI document (``/schema``,
JSON at ``/schema/openapi.json``) are at the root.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from litestar import Litestar, Router
from litestar.datastructures import State
from litestar.di import Provide
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import ScalarRenderPlugin, SwaggerRenderPlugin

from api import web
from api.controllers.articles import ArticlesController
from api.controllers.claimreview import ClaimReviewController
from api.controllers.clusters import ClustersController
from api.controllers.corrections import CorrectionsController
from api.controllers.health import HealthController
from api.controllers.quotes import QuotesController
from api.controllers.speakers import SpeakersController
from api.errors import EXCEPTION_HANDLERS, finish_openapi
from api.ingest import Extractor, Ingestor, load_pipeline, package_version
from api.limits import cors_config, write_rate_limit
from api.settings import Settings
from api.store import Store, open_store


def provide_store(state: State) -> Store:
    return state.store


def provide_ingestor(state: State) -> Ingestor:
    return state.ingestor


def provide_settings(state: State) -> Settings:
    return state.settings


def create_app(settings: Settings | None = None, *, pipeline: Extractor | None = None,
               linker: object | None = None) -> Litestar:
    """The API over the store named by ``settings.database_url``.

    ``pipeline`` replaces the extraction pipeline (tests); by default it is built once
    at startup, linking speakers through ``linker`` (default: its own over the registry).
    """
    settings = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        store = open_store(settings.database_url)
        try:
            extractor = pipeline if pipeline is not None else load_pipeline(linker)
            app.state.store = store
            app.state.ingestor = Ingestor(store, extractor, max_text_chars=settings.max_text_chars, max_quotes=settings.max_quotes,
                                          linker=linker)
            yield
        finally:
            store.close()

    api_v1 = Router(path="/api/v1", route_handlers=[ArticlesController, SpeakersController, QuotesController,
                                                  ClustersController, ClaimReviewController,
                                                  CorrectionsController])
    return Litestar(
        route_handlers=[api_v1, HealthController, *web.ROUTES],
        template_config=web.template_config(),
        lifespan=[lifespan],
        on_startup=[lambda app: finish_openapi(app.openapi_schema)],
        state=State({"settings": settings}),
        dependencies={
            "store": Provide(provide_store, sync_to_thread=False),
            "ingestor": Provide(provide_ingestor, sync_to_thread=False),
            "settings": Provide(provide_settings, sync_to_thread=False),
        },
        exception_handlers=web.html_errors(EXCEPTION_HANDLERS),
        request_max_body_size=max(settings.max_body_bytes, settings.max_batch_bytes),
        middleware=[m for m in [write_rate_limit(settings)] if m is not None],
        cors_config=cors_config(settings),
        openapi_config=OpenAPIConfig(
            title="qawl",
            version=package_version(),
            description="Who said what in Arabic news: quotes, speakers and their evidence.",
            path="/schema",
            render_plugins=[ScalarRenderPlugin(path="/"), SwaggerRenderPlugin(path="/swagger")],
        ),
        debug=settings.debug,
    )
