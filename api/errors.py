"""Errors a client can act on, rendered as RFC 9457 problem+json.

Handlers raise a :class:`QawlError` subclass; litestar's own HTTP errors (validation,
404 for unknown paths, 405, 413 for oversized bodies) go through the same renderer.
Anything else stays a 500 and is logged.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException
from litestar.openapi.spec import OpenAPI, OpenAPIMediaType, OpenAPIResponse, OpenAPIType, Schema

PROBLEM_JSON = "application/problem+json"


class QawlError(Exception):
    status_code = 400

    def __init__(self, detail: str, *, errors: list[dict[str, Any]] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors
        self.headers = headers


class BadRequest(QawlError):
    status_code = 400


class Unauthorized(QawlError):
    status_code = 401


class Forbidden(QawlError):
    status_code = 403


class NotFound(QawlError):
    status_code = 404


class PayloadTooLarge(QawlError):
    status_code = 413


class UnsupportedMediaType(QawlError):
    status_code = 415


class Conflict(QawlError):
    status_code = 409


class Unprocessable(QawlError):
    status_code = 422


def problem(status: int, detail: str, *, errors: Any = None,
            headers: dict[str, str] | None = None) -> Response[dict[str, Any]]:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if errors:
        body["errors"] = errors
    return Response(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def qawl_error_handler(_: Request, exc: QawlError) -> Response[dict[str, Any]]:
    return problem(exc.status_code, exc.detail, errors=exc.errors, headers=exc.headers)


def http_exception_handler(_: Request, exc: HTTPException) -> Response[dict[str, Any]]:
    detail = exc.detail or HTTPStatus(exc.status_code).phrase
    if exc.status_code == 413:
        detail = "request body too large: " + detail if "large" not in detail.lower() else detail
    errors = exc.extra if isinstance(exc.extra, list) else ([exc.extra] if exc.extra else None)
    headers = exc.headers
    if exc.status_code == 429:  # the rate limit: say when to come back
        headers = dict(headers or {})
        headers.setdefault("Retry-After", str(max(1, int(headers.get("RateLimit-Reset", "1") or 1))))
        detail = ("too many writes from this client; retry after "
                  f"{headers['Retry-After']} s (QAWL_WRITE_RATE)")
    return problem(exc.status_code, detail, errors=errors, headers=headers)


def unexpected_error_handler(request: Request, exc: Exception) -> Response[dict[str, Any]]:
    logging.getLogger("qawl.api").error("unhandled error on %s %s", request.method, request.url.path,
                                        exc_info=exc)
    return problem(500, "internal error; the server log has the details")


EXCEPTION_HANDLERS = {QawlError: qawl_error_handler, HTTPException: http_exception_handler,
                      Exception: unexpected_error_handler}


# --- the OpenAPI document says what errors look like ---------------------------------
def _problem_media() -> OpenAPIMediaType:
    text, integer = Schema(type=OpenAPIType.STRING), Schema(type=OpenAPIType.INTEGER)
    return OpenAPIMediaType(schema=Schema(
        type=OpenAPIType.OBJECT, required=["type", "title", "status", "detail"],
        properties={"type": text, "title": text, "status": integer, "detail": text,
                    "errors": Schema(type=OpenAPIType.ARRAY, items=Schema())}))


_WRITE_METHODS = ("post", "put", "patch", "delete")


_INT64_MAX = 2**63 - 1


def finish_openapi(openapi: OpenAPI) -> None:
    """Corrections to the generated document, in place: error bodies, integer bounds."""
    document_problems(openapi)
    for path_item in (openapi.paths or {}).values():
        for method in ("get", "put", "post", "delete", "patch"):
            operation = getattr(path_item, method, None)
            for parameter in (operation.parameters or []) if operation is not None else []:
                schema = getattr(parameter, "schema", None)
                if isinstance(schema, Schema) and schema.type == OpenAPIType.INTEGER:
                    # litestar writes bounds as floats: 2**63 - 1 became 9.223372036854776e18,
                    # one past what the handler accepts; integers are written exactly
                    for bound in ("maximum", "minimum"):
                        value = getattr(schema, bound)
                        if isinstance(value, float) and value.is_integer():
                            setattr(schema, bound, max(-_INT64_MAX - 1, min(int(value), _INT64_MAX)))


def document_problems(openapi: OpenAPI) -> None:
    """Every 4xx/5xx answer is ``application/problem+json`` (:func:`problem`): say so for
    each documented error response, in place; writes also document the rate limit (429)."""
    media = _problem_media()
    for path_item in (openapi.paths or {}).values():
        for method in ("get", "put", "post", "delete", "options", "head", "patch", "trace"):
            operation = getattr(path_item, method, None)
            if operation is None or operation.responses is None:
                continue
            if method in _WRITE_METHODS and "429" not in operation.responses:
                operation.responses["429"] = OpenAPIResponse(
                    description="Too many writes from this client (QAWL_WRITE_RATE); see Retry-After.")
            for status, response in operation.responses.items():
                if status[:1] in ("4", "5") and isinstance(response, OpenAPIResponse):
                    response.content = {PROBLEM_JSON: media}
