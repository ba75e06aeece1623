"""Editorial corrections (issue 9): ``POST /api/v1/corrections``, a quote's history,
``DELETE /api/v1/articles/{id}`` (takedown).

Every correction needs a write key (its name is the editor) and a ``reason``; a failed
one changes nothing: 404 for an unknown quote, article or speaker, 422 for offsets
outside the article or text that does not match them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args

import msgspec
from litestar import Controller, Request, delete, get, post
from litestar.di import NamedDependency
from litestar.openapi import ResponseSpec
from litestar.openapi.spec import Operation
from litestar.params import PathParameter, QueryParameter, RawBody

from api.auth import require_write_key
from api.errors import BadRequest, NotFound, QawlError, Unprocessable
from api.schemas import inline_schema
from api.store import Store
from api.store.editorial import BadEdit, Correction, Edit, Tombstone, UnknownRecord

Reason = Annotated[str, msgspec.Meta(min_length=1, max_length=2000, description="Why: required, kept in the history.")]
SpeakerId = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
Offset = Annotated[int, msgspec.Meta(ge=0)]
Id = Annotated[int, msgspec.Meta(ge=1, le=2**63 - 1)]


class _Base(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, tag_field="action"):
    reason: Reason


class ReassignSpeaker(_Base, tag="speaker"):
    """Attribute a quote to another (existing) speaker."""

    quote_id: Id
    speaker_id: SpeakerId


class SetStatus(_Base, tag="status"):
    """Verified, or rejected: a rejected quote leaves search and lists; its id still answers."""

    quote_id: Id
    status: Literal["verified", "rejected"]


class FixSpan(_Base, tag="span"):
    """New offsets into the article text; ``text``, when given, must be what they cover."""

    quote_id: Id
    start: Offset
    end: Offset
    text: str | None = None


class AddQuote(_Base, tag="add"):
    """A quote the extractor missed."""

    article_id: Id
    start: Offset
    end: Offset
    speaker_id: SpeakerId
    kind: Literal["direct", "indirect", "mixed", "headline"] = "direct"
    text: str | None = None


class MergeSpeakers(_Base, tag="merge"):
    """Every quote and alias of ``speaker_ids`` to ``into``; later extractions follow."""

    speaker_ids: Annotated[list[SpeakerId], msgspec.Meta(min_length=1, max_length=100)]
    into: SpeakerId


class SplitSpeaker(_Base, tag="split"):
    """Some quotes of ``speaker_id`` belong to someone else: a new speaker ``name`` (or ``new_id``)."""

    speaker_id: SpeakerId
    quote_ids: Annotated[list[Id], msgspec.Meta(min_length=1, max_length=10_000)]
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    type: Literal["person", "organization", "unknown"] = "person"
    new_id: SpeakerId | None = None


CorrectionIn = Union[ReassignSpeaker, SetStatus, FixSpan, AddQuote, MergeSpeakers, SplitSpeaker]
_decoder = msgspec.json.Decoder(CorrectionIn)


@dataclass
class CorrectionBodyOperation(Operation):
    """Documents the body ``POST /api/v1/corrections`` takes (it decodes it itself, so a
    bad one gets the decoder's own message): one object a correction, chosen by ``action``."""

    def to_schema(self) -> dict[str, Any]:
        out = super().to_schema()
        schema = {"oneOf": [inline_schema(kind) for kind in get_args(CorrectionIn)],
                  "discriminator": {"propertyName": "action"}}
        example = {"action": "status", "quote_id": 1, "status": "verified", "reason": "checked against the video"}
        out["requestBody"] = {"required": True, "content": {"application/json": {"schema": schema, "example": example}}}
        return out


class QuoteHistory(msgspec.Struct, frozen=True):
    quote_id: int
    status: str
    current: bool
    items: list[Correction]


class Gone(QawlError):
    status_code = 410


def apply_correction(store: Store, body: CorrectionIn, editor: str) -> Correction:
    """Apply one correction; :class:`~api.store.editorial.EditError` maps to 404 / 422."""
    if not body.reason.strip():
        raise BadRequest("reason is blank: say why")
    edit = Edit(editor=editor, reason=body.reason.strip())
    try:
        match body:
            case ReassignSpeaker():
                return store.reassign_speaker(body.quote_id, body.speaker_id, edit)
            case SetStatus():
                return store.set_quote_status(body.quote_id, body.status, edit)
            case FixSpan():
                return store.fix_span(body.quote_id, body.start, body.end, body.text, edit)
            case AddQuote():
                return store.add_quote(body.article_id, body.start, body.end, body.text, body.speaker_id,
                                       body.kind, edit)
            case MergeSpeakers():
                return store.merge_speakers(body.speaker_ids, body.into, edit)
            case SplitSpeaker():
                return store.split_speaker(body.speaker_id, body.quote_ids, new_id=body.new_id, name=body.name,
                                           type=body.type, edit=edit)
    except UnknownRecord as exc:
        raise NotFound(str(exc)) from None
    except BadEdit as exc:
        raise Unprocessable(str(exc)) from None
    raise BadRequest("unknown action")  # pragma: no cover (the decoder knows every tag)


def decode_correction(raw: bytes) -> CorrectionIn:
    try:
        return _decoder.decode(raw)
    except msgspec.ValidationError as exc:
        raise BadRequest(f"invalid correction: {exc}") from None
    except msgspec.DecodeError as exc:
        raise BadRequest(f"malformed JSON: {exc}") from None


def _editor(request: Request) -> str:
    return getattr(request.state, "writer", None) or "anonymous"


_WRITE_ERRORS = {
    400: ResponseSpec(None, description="Malformed JSON, unknown action or fields, blank reason."),
    401: ResponseSpec(None, description="A write key is configured and none was sent."),
    403: ResponseSpec(None, description="The write key is not valid."),
    404: ResponseSpec(None, description="No such quote, article or speaker."),
}


class CorrectionsController(Controller):
    path = "/"
    tags = ["corrections"]

    @post("/corrections", operation_id="createCorrection", summary="Correct the record",
          guards=[require_write_key], sync_to_thread=True, status_code=201, operation_class=CorrectionBodyOperation,
          description="One correction, by `action`: speaker, status, span, add, merge, split."
                      " The write key's name is recorded as the editor, with the time and `reason`.",
          responses={**_WRITE_ERRORS,
                     422: ResponseSpec(None, description="Offsets outside the article, or not matching `text`.")})
    def create(self, request: Request, body: RawBody, store: NamedDependency[Store]) -> Correction:
        return apply_correction(store, decode_correction(body), _editor(request))

    @get("/quotes/{quote_id:int}/history", operation_id="quoteHistory", summary="Corrections of a quote",
         sync_to_thread=False, responses={404: ResponseSpec(None, description="No such quote.")})
    def history(self, quote_id: Annotated[int, PathParameter(ge=1, le=2**63 - 1)],
                store: NamedDependency[Store]) -> QuoteHistory:
        record = store.quote_record(quote_id)
        items = store.quote_history(quote_id)
        if record is None or items is None:
            raise NotFound(f"no quote with id {quote_id}")
        return QuoteHistory(quote_id=quote_id, status=record.status, current=record.hidden is None, items=items)

    @delete("/articles/{article_id:int}", operation_id="takeDownArticle", summary="Take an article down",
            guards=[require_write_key], sync_to_thread=True, status_code=200,
            description="Removes the article and its quotes from every answer, search and reuse group,"
                        " leaving a tombstone (when, who, why). `purge` also erases the text.",
            responses=_WRITE_ERRORS)
    def take_down(self, request: Request, article_id: Annotated[int, PathParameter(ge=1, le=2**63 - 1)],
                  store: NamedDependency[Store],
                  reason: Annotated[str, QueryParameter(min_length=1, max_length=2000,
                                                        description="Why: required.")],
                  purge: Annotated[bool, QueryParameter(description="Also erase the text.")] = False) -> Tombstone:
        if not reason.strip():
            raise BadRequest("reason is blank: say why")
        try:
            return store.take_down(article_id, Edit(editor=_editor(request), reason=reason.strip()), purge=purge)
        except UnknownRecord as exc:
            raise NotFound(str(exc)) from None


def gone(tombstone: Tombstone) -> Gone:
    return Gone(f"article {tombstone.article_id} was taken down at {tombstone.at}: {tombstone.reason}",
                errors=[msgspec.to_builtins(tombstone)])


__all__: list[Any] = ["CorrectionIn", "CorrectionsController", "apply_correction", "decode_correction", "gone"]
