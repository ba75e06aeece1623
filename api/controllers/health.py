from __future__ import annotations

from litestar import Controller, get
from litestar.di import NamedDependency

from api.ingest import Ingestor, package_version
from api.schemas import Health
from api.store import Store


class HealthController(Controller):
    path = "/health"
    tags = ["health"]

    @get("/", operation_id="health", summary="Store and extractor status", sync_to_thread=False)
    def health(self, store: NamedDependency[Store], ingestor: NamedDependency[Ingestor]) -> Health:
        return Health(status="ok", version=package_version(), extractor_version=ingestor.version,
                      store=store.stats())

    @get("/live", operation_id="live", summary="Liveness (no store access)", sync_to_thread=False)
    def live(self) -> dict[str, str]:
        return {"status": "ok"}
