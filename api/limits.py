"""Who may call how often, and from which pages: the write rate limit and CORS.

Writes (every method but GET, HEAD and OPTIONS) are counted per client with litestar's
``RateLimitMiddleware``: a client is the name of the write key it sent when the key is
valid, else its address, so a newsroom behind one address with its own key is not
throttled by a neighbour, and bogus keys do not buy fresh quotas. Over the limit a
write gets 429 with ``Retry-After`` (seconds) and the ``RateLimit-*`` headers; reads are
never limited. Counts are kept in memory, per server process.

CORS is off unless ``QAWL_CORS_ORIGINS`` names origins: then those pages may read and,
with a key, write.
"""

from __future__ import annotations

import hashlib
import hmac

from litestar import Request
from litestar.config.cors import CORSConfig
from litestar.middleware.base import DefineMiddleware
from litestar.middleware.rate_limit import RateLimitConfig, get_remote_address

from api.auth import supplied_key
from api.settings import Settings

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def is_write(request: Request) -> bool:
    return request.method not in READ_METHODS


def client_identity(request: Request) -> str:
    """The writer's key name when the key is valid (compared in constant time), else the
    client address. The key itself is never used as an identifier (nor stored)."""
    keys: dict[str, str] = request.app.state.settings.write_keys
    supplied = supplied_key(request) if keys else None
    if supplied is not None:
        candidate = hashlib.sha256(supplied.encode("utf-8", "surrogatepass")).digest()
        writer = None
        for name, key in keys.items():
            if hmac.compare_digest(hashlib.sha256(key.encode("utf-8")).digest(), candidate):
                writer = name
        if writer is not None:
            return f"key:{writer}"
    return f"addr:{get_remote_address(request)}"


def write_rate_limit(settings: Settings) -> DefineMiddleware | None:
    if settings.write_rate is None:
        return None
    unit, count = settings.write_rate
    return RateLimitConfig(rate_limit=(unit, count), identifier_for_request=client_identity,  # type: ignore[arg-type]
                           check_throttle_handler=is_write, store="qawl_write_rate").middleware


def cors_config(settings: Settings) -> CORSConfig | None:
    if not settings.cors_origins:
        return None
    return CORSConfig(allow_origins=list(settings.cors_origins),
                      allow_methods=["GET", "HEAD", "POST", "OPTIONS"],
                      allow_headers=["Authorization", "X-API-Key", "Content-Type"],
                      expose_headers=["Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"],
                      max_age=600)
