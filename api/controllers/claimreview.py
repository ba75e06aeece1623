"""``/api/v1/quotes/{id}/claimreview``: schema.org ClaimReview JSON-LD for a fact-checker."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.openapi import ResponseSpec
from litestar.params import PathParameter, QueryParameter

from api.claimreview import claim_review
from api.errors import NotFound
from api.store import Store

QuoteId = Annotated[int, PathParameter(ge=1, le=2**63 - 1, description="Quote id.")]
ReviewUrl = Annotated[str | None, QueryParameter(
    max_length=2048, pattern=r"^https?://\S+$",
    description="URL of the fact-check that will carry the review (default: this quote's page).")]
Reviewer = Annotated[str | None, QueryParameter(
    min_length=1, max_length=200, description="Name of the fact-checking organisation (default: qawl).")]

LD_JSON = "application/ld+json"


class ClaimReviewController(Controller):
    path = "/quotes"
    tags = ["quotes"]

    @get("/{quote_id:int}/claimreview", operation_id="quoteClaimReview",
         summary="schema.org ClaimReview of a quote (JSON-LD), to complete with a rating",
         description="`claimReviewed` is the quote; `itemReviewed` is a Claim by the speaker"
                     " (Person or Organization, jobTitle, sameAs Wikidata when known) with every"
                     " outlet's article of its reuse group as `appearance` and the earliest as"
                     " `firstAppearance`. The fact-checker adds `reviewRating`.",
         sync_to_thread=True, media_type=LD_JSON,
         responses={404: ResponseSpec(None, description="No such quote.")})
    def claimreview(self, quote_id: QuoteId, request: Request, store: NamedDependency[Store],
                    url: ReviewUrl = None, reviewer: Reviewer = None) -> Response[dict[str, Any]]:
        quote = store.get_quote(quote_id)
        if quote is None:
            raise NotFound(f"no quote with id {quote_id}")
        body = claim_review(store, quote, base_url=str(request.base_url), url=url, reviewer=reviewer)
        return Response(body, media_type=LD_JSON)
