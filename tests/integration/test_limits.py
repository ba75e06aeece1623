"""Limits on article size and quotes per article (issue 10): a clear 413/422, in seconds,
with the real extraction pipeline, and nothing stored."""

from __future__ import annotations

import json
import sys

from litestar.testing import TestClient

from api.app import create_app
from api.settings import Settings
from realserver import REPO

sys.path.insert(0, str(REPO))
from benchmarks.bench_adversarial import build  # noqa: E402


def test_too_many_quotes_gets_422_and_nothing_is_stored(db_path):
    settings = Settings(database_url=str(db_path), max_quotes=50, write_rate=None)
    many = "عنوان الخبر\n" + "قال الوزير إن الخطة جاهزة\n" * 200
    few = "عنوان الخبر\n" + "قال الوزير إن الخطة جاهزة\n" * 10
    with TestClient(create_app(settings), timeout=60) as client:
        refused = client.post("/api/v1/articles", content=many.encode(), headers={"Content-Type": "text/plain"})
        assert refused.status_code == 422, refused.text
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert "QAWL_MAX_QUOTES" in refused.json()["detail"] and "200 quotes" in refused.json()["detail"]
        batch = client.post("/api/v1/articles/batch", headers={"Content-Type": "application/jsonl"},
                            content="\n".join(json.dumps({"text": t}) for t in (few, many)).encode())
        assert batch.status_code == 200
        assert [i["status"] for i in batch.json()["items"]] == ["created", "error"]
        assert "QAWL_MAX_QUOTES" in batch.json()["items"][1]["error"]
        assert client.get("/health").json()["store"]["articles"] == 1


def test_largest_adversarial_article_is_answered_not_timed_out(db_path):
    """The default limits: 200k characters of one-line statements (the slowest adversarial
    case) is refused with 422 (over 2000 quotes) within the client's timeout; one char
    over QAWL_MAX_TEXT_CHARS is 413 before any extraction."""
    settings = Settings(database_url=str(db_path), write_rate=None)
    text = build("quote_lines", 10**6)[: settings.max_text_chars]
    with TestClient(create_app(settings), timeout=60) as client:
        refused = client.post("/api/v1/articles", json={"text": text})
        assert refused.status_code == 422, refused.text[:300]
        over = client.post("/api/v1/articles", json={"text": text + "ن"})
        assert over.status_code == 413 and "QAWL_MAX_TEXT_CHARS" in over.json()["detail"]
        assert client.get("/health").json()["store"]["articles"] == 0


def test_a_revision_onto_another_articles_text_is_a_conflict_not_a_500(db_path):
    """Found by the fuzzer: a new text for a stored url, equal to another stored article
    of the same outlet, broke the (outlet, text) uniqueness inside the store: 500."""
    with TestClient(create_app(Settings(database_url=str(db_path), write_rate=None)), timeout=60) as client:
        a = client.post("/api/v1/articles", json={"text": "نص أول", "url": "https://x.example/1", "outlet": "X"})
        b = client.post("/api/v1/articles", json={"text": "نص ثان", "url": "https://x.example/2", "outlet": "X"})
        assert (a.status_code, b.status_code) == (201, 201)
        clash = client.post("/api/v1/articles", json={"text": "نص ثان", "url": "https://x.example/1", "outlet": "X"})
        assert clash.status_code == 409, clash.text
        assert client.get(f"/api/v1/articles/{a.json()['id']}").json()["text"] == "نص أول"
