"""Web pages on a generated store: server time of a page's first load (pytest-benchmark).

    QAWL_BENCH_QUOTES=1000000 pytest benchmarks/bench_web.py

The page is rendered in process through litestar's test client (routing, the store
queries, the Jinja template; no network). Target (issue 12): the speaker page of the
speaker with the most quotes under 100 ms on a store of 1M quotes.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from litestar.testing import TestClient

from api.app import create_app
from api.settings import Settings
from benchmarks.store_data import build

N_QUOTES = int(os.environ.get("QAWL_BENCH_QUOTES", "10000"))
CACHE = Path(os.environ.get("QAWL_BENCH_DIR", tempfile.gettempdir()))
TARGET_S = 0.100


class _NoPipeline:
    """Pages only read: no extraction rules to load."""

    version = "bench"

    def extract(self, text, *, doc, published=None):  # pragma: no cover - never called
        raise AssertionError("the web benchmark does not ingest")


@pytest.fixture(scope="module")
def client():
    path = build(CACHE / f"qawl-bench-{N_QUOTES}.db", N_QUOTES)
    with TestClient(create_app(Settings(database_url=str(path)), pipeline=_NoPipeline())) as c:
        yield c


@pytest.fixture(scope="module")
def top(client) -> dict:
    """The speaker with the most quotes, and their newest quote."""
    store = client.app.state.store
    (speaker,) = store._conn().execute(
        "SELECT speaker_id FROM quotes GROUP BY speaker_id ORDER BY count(*) DESC LIMIT 1").fetchone()
    newest = client.get(f"/api/v1/speakers/{speaker}/quotes", params={"limit": 1}).json()["items"][0]
    return {"speaker": speaker, "quote": newest["id"], "article": newest["article"]["id"]}


def _load(client: TestClient, path: str) -> None:
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 200 and "<html" in response.text


def test_speaker_page(benchmark, client, top):
    benchmark(_load, client, f"/speakers/{top['speaker']}")
    assert benchmark.stats.stats.median < TARGET_S


def test_speaker_page_filtered(benchmark, client, top):
    benchmark(_load, client, f"/speakers/{top['speaker']}?outlet=SANA&kind=direct&since=2024-01-01")
    assert benchmark.stats.stats.median < TARGET_S


def test_quote_page(benchmark, client, top):
    benchmark(_load, client, f"/quotes/{top['quote']}")
    assert benchmark.stats.stats.median < TARGET_S


def test_search_page(benchmark, client):
    benchmark(_load, client, "/?q=" + "وال")
    assert benchmark.stats.stats.median < TARGET_S


def test_trivial_endpoint(benchmark, client):
    """The same test client on /health/live: the floor the pages are measured against."""
    benchmark(lambda: client.get("/health/live"))
