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
