"""Quote reuse (issue 7): one statement, every appearance, first seen, wording drift.

``GET /api/v1/quotes/{id}/reuse`` and ``GET /api/v1/clusters/{id}`` return a
:class:`~api.store.clusters.Cluster`; ``GET /api/v1/clusters`` lists them newest first.
A cluster's id is the id of its first stored quote and stays valid as it grows.
"""

from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.openapi import ResponseSpec
from litestar.params import PathParameter, QueryParameter

from api.controllers.common import Cursor, Limit, Since, Until
from api.errors import BadRequest, NotFound
from api.store import BadCursor, Store
from api.store.clusters import Cluster, ClusterFilter, ClusterSummary

QuoteId = Annotated[int, PathParameter(ge=1, le=2**63 - 1, description="Quote id.")]
ClusterId = Annotated[int, PathParameter(ge=1, le=2**63 - 1, description="Cluster id (the id of its first quote).")]
SpeakerRef = Annotated[str | None, QueryParameter(min_length=1, max_length=200,
                                                  description="A speaker id or any spelling of a name.")]
MinSize = Annotated[int, QueryParameter(ge=1, le=1000, description="Only clusters with at least this many appearances.")]


class ClusterPage(msgspec.Struct, frozen=True):
    items: list[ClusterSummary]
    next: str | None = None


class ClustersController(Controller):
    path = "/"
    tags = ["reuse"]

    @get("/quotes/{quote_id:int}/reuse", operation_id="quoteReuse", sync_to_thread=True,
         summary="Every appearance of the statement a quote belongs to",
         responses={404: ResponseSpec(None, description="No such quote.")})
    def reuse(self, quote_id: QuoteId, store: NamedDependency[Store]) -> Cluster:
        cluster = store.quote_cluster(quote_id)
        if cluster is None:
            if store.get_quote(quote_id) is None:
                raise NotFound(f"no quote with id {quote_id}")
            raise NotFound(f"quote {quote_id} is not grouped yet; run `qawl reuse --rebuild` on this store")
        return cluster

    @get("/clusters", operation_id="listClusters", sync_to_thread=True,
         summary="Reuse groups, newest appearance first",
         description="Clusters with an appearance between `since` and `until` (inclusive).")
    def list_clusters(self, store: NamedDependency[Store], speaker: SpeakerRef = None, since: Since = None,
             until: Until = None, min_size: MinSize = 1, limit: Limit = 20,
             cursor: Cursor = None) -> ClusterPage:
        if since and until and since > until:
            raise BadRequest(f"since ({since}) is after until ({until})")
        filters = ClusterFilter(speaker_ids=store.resolve_speakers(speaker) if speaker else None,
                                since=since.isoformat() if since else None,
                                until=until.isoformat() if until else None, min_size=min_size)
        try:
            page = store.list_clusters(filters, limit=limit, cursor=cursor)
        except BadCursor as exc:
            raise BadRequest(str(exc)) from None
        return ClusterPage(items=page.items, next=page.next)

    @get("/clusters/{cluster_id:int}", operation_id="getCluster", sync_to_thread=True,
         summary="One statement: first seen, every appearance, drift and credits",
         responses={404: ResponseSpec(None, description="No such cluster.")})
    def get_cluster(self, cluster_id: ClusterId, store: NamedDependency[Store]) -> Cluster:
        cluster = store.get_cluster(cluster_id)
        if cluster is None:
            raise NotFound(f"no cluster with id {cluster_id}; a cluster id is the id of its first quote"
                           " (see /api/v1/quotes/{id}/reuse)")
        return cluster
