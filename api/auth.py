"""Write keys: a guard for the endpoints that change the store.

With no keys configured (``QAWL_WRITE_KEYS`` unset) writes are open; otherwise a write
needs ``Authorization: Bearer <key>`` or ``X-API-Key: <key>``: none gives 401, a wrong
one 403. Keys are compared in constant time; the key's name is kept on
``request.state.writer`` for attribution.
"""

from __future__ import annotations

import hmac

from litestar.connection import ASGIConnection
from litestar.handlers.base import BaseRouteHandler

from api.errors import Forbidden, Unauthorized


def supplied_key(connection: ASGIConnection) -> str | None:
    if key := connection.headers.get("x-api-key"):
        return key.strip()
    scheme, _, token = (connection.headers.get("authorization") or "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return None


def require_write_key(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    keys: dict[str, str] = connection.app.state.settings.write_keys
    if not keys:
        connection.state.writer = None
        return
    supplied = supplied_key(connection)
    if supplied is None:
        raise Unauthorized(
            "this endpoint changes the store and needs a write key: send"
            " 'Authorization: Bearer <key>' or 'X-API-Key: <key>'",
            headers={"WWW-Authenticate": 'Bearer realm="qawl"'},
        )
    writer = None
    candidate = supplied.encode("utf-8")
    for name, key in keys.items():  # check every key: the time does not depend on which matched
        if hmac.compare_digest(key.encode("utf-8"), candidate):
            writer = name
    if writer is None:
        raise Forbidden("the write key is not valid for this server")
    connection.state.writer = writer
