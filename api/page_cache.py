"""Encoded first pages of the busiest lists, dropped whenever the store changes (issue 6).

A speaker's first page of quotes is what every speaker page and most API clients ask for.
Its JSON body is encoded once and served as bytes until the store changes: every entry
remembers the store's ``change_token()`` at the time it was encoded, and a lookup that
finds another token is a miss. A SQLite store's token moves with any commit by any
connection or process (``PRAGMA data_version``) and any change through the asking
connection; a store without ``change_token`` is never cached.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

from litestar.serialization import encode_json


class PageCache:
    """At most ``size`` encoded pages a store, least recently used dropped first. Thread-safe."""

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self._stores: weakref.WeakKeyDictionary[Any, OrderedDict] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    @staticmethod
    def token(store: Any) -> Hashable | None:
        change_token = getattr(store, "change_token", None)
        return change_token() if change_token is not None else None

    def get(self, store: Any, key: Hashable, token: Hashable | None) -> bytes | None:
        if token is None:
            return None
        with self._lock:
            pages = self._stores.get(store)
            hit = pages.get(key) if pages is not None else None
            if hit is None or hit[0] != token:
                return None
            pages.move_to_end(key)
            return hit[1]

    def put(self, store: Any, key: Hashable, token: Hashable | None, value: Any) -> bytes:
        """``value`` encoded as JSON, kept under ``key`` while the store's token stays ``token``."""
        body = encode_json(value)
        if token is None:
            return body
        with self._lock:
            pages = self._stores.get(store)
            if pages is None:
                pages = self._stores[store] = OrderedDict()
            pages[key] = (token, body)
            pages.move_to_end(key)
            while len(pages) > self.size:
                pages.popitem(last=False)
        return body
