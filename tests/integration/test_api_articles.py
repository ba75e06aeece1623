"""POST/GET /api/v1/articles: ingestion, idempotency, bad input, write keys."""

from __future__ import annotations

import threading

import pytest
from litestar.testing import TestClient

from api.app import create_app
from api.settings import Settings

QUOTE_FIELDS = {"doc", "segment", "kind", "text", "start", "end", "cue", "speaker", "source",
                "confidence", "id", "article"}


def test_post_json_stores_article_with_exact_quote_offsets(client, texts):
    body = {"text": texts.lavrov_1, "url": "https://sana.example/1", "outlet": "SANA",
            "published_at": "2023-10-12", "headline": "لافروف يحذر"}
    response = client.post("/api/v1/articles", json=body)
    assert response.status_code == 201
    got = response.json()
    assert got["url"] == body["url"] and got["outlet"] == "SANA"
    assert got["published_at"] == "2023-10-12" and got["headline"] == "لافروف يحذر"
    assert len(got["quotes"]) == 1
    quote = got["quotes"][0]
    assert set(quote) == QUOTE_FIELDS
    assert got["text"][quote["start"]:quote["end"]] == quote["text"] == "الغرب يحاول إبعاد دول آسيا الوسطى عن روسيا"
    assert quote["speaker"]["id"] == "lavrov"
    assert quote["article"] == {"id": got["id"], "outlet": "SANA", "published_at": "2023-10-12",
                                "url": body["url"]}
    assert got["text"][quote["cue"]["start"]:quote["cue"]["end"]] == quote["cue"]["text"] == "قال"


def test_same_url_or_same_outlet_and_text_is_the_same_article(client, texts, pipeline):
    first = client.post("/api/v1/articles", json={"text": texts.lavrov_1, "url": "https://a.example/x",
                                                  "outlet": "SANA"})
    assert first.status_code == 201
    calls = pipeline.calls
    again = client.post("/api/v1/articles", json={"text": texts.lavrov_1, "url": "https://a.example/x",
                                                  "outlet": "SANA"})
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    same_text = client.post("/api/v1/articles", json={"text": texts.lavrov_1, "outlet": "SANA"})
    assert same_text.status_code == 200 and same_text.json()["id"] == first.json()["id"]
    same_url = client.post("/api/v1/articles", json={"text": texts.lavrov_2, "url": "https://a.example/x"})
    assert same_url.status_code == 200 and same_url.json()["id"] == first.json()["id"]
    assert pipeline.calls == calls + 1  # duplicates are not re-extracted; a changed text is a revision
    other_outlet = client.post("/api/v1/articles", json={"text": texts.lavrov_1, "outlet": "Youm7"})
    assert other_outlet.status_code == 201 and other_outlet.json()["id"] != first.json()["id"]
    assert client.get("/health").json()["store"]["articles"] == 2


def test_post_text_plain(client, texts):
    response = client.post("/api/v1/articles", content=texts.lavrov_2.encode(),
                           headers={"Content-Type": "text/plain; charset=utf-8"})
    assert response.status_code == 201
    got = response.json()
    assert got["outlet"] is None and got["quotes"][0]["text"].startswith("العلاقات مع الاتحاد")


def test_crlf_and_bom_are_cleaned_before_offsets(client, texts):
    text = "\ufeff" + texts.lavrov_1.replace("\n", "\r\n")
    got = client.post("/api/v1/articles", json={"text": text}).json()
    assert "\r" not in got["text"] and not got["text"].startswith("\ufeff")
    q = got["quotes"][0]
    assert got["text"][q["start"]:q["end"]] == q["text"]


@pytest.mark.parametrize(("body", "headers", "status", "needle"), [
    (b'{"text": "x"', {"Content-Type": "application/json"}, 400, "malformed JSON"),
    (b'{"text": "x", "author": "me"}', {"Content-Type": "application/json"}, 400, "unknown field `author`"),
    (b'{"text": 5}', {"Content-Type": "application/json"}, 400, "Expected `str`"),
    (b'{"url": "https://a.example"}', {"Content-Type": "application/json"}, 400, "text"),
    (b'{"text": "x", "published_at": "12/10/2023"}', {"Content-Type": "application/json"}, 400, "ISO date"),
    (b'{"text": "x", "url": "javascript:alert(1)"}', {"Content-Type": "application/json"}, 400, "$.url"),
    (b'{"text": "   "}', {"Content-Type": "application/json"}, 400, "blank"),
    (b'[]', {"Content-Type": "application/json"}, 400, "Expected `object`"),
    (b"\xff\xfe", {"Content-Type": "text/plain"}, 400, "UTF-8"),
    (b"<a>hi</a>", {"Content-Type": "application/xml"}, 415, "text/plain"),
])
def test_bad_article_bodies_get_a_problem_and_store_nothing(client, body, headers, status, needle):
    response = client.post("/api/v1/articles", content=body, headers=headers)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["status"] == status and needle in problem["detail"]
    assert client.get("/health").json()["store"]["articles"] == 0


def test_oversized_text_and_body_get_413(db_path, pipeline, texts):
    settings = Settings(database_url=str(db_path), max_text_chars=100, max_body_bytes=5000,
                        max_batch_bytes=20000)
    with TestClient(create_app(settings, pipeline=pipeline)) as client:
        too_long = client.post("/api/v1/articles", json={"text": "ا" * 101})
        assert too_long.status_code == 413 and "QAWL_MAX_TEXT_CHARS" in too_long.json()["detail"]
        too_big = client.post("/api/v1/articles", content=b"x" * 6000, headers={"Content-Type": "text/plain"})
        assert too_big.status_code == 413
        way_too_big = client.post("/api/v1/articles", content=b"x" * 30000, headers={"Content-Type": "text/plain"})
        assert way_too_big.status_code == 413
        assert way_too_big.headers["content-type"].startswith("application/problem+json")
        assert client.get("/health").json()["store"]["articles"] == 0


def test_batch_json_lines_reports_each_line(client, texts):
    import json

    lines = [
        json.dumps({"text": texts.lavrov_1, "outlet": "SANA"}, ensure_ascii=False),
        "",
        '{"text": "no closing brace"',
        json.dumps({"text": texts.lavrov_1, "outlet": "SANA"}, ensure_ascii=False),
        json.dumps({"text": texts.lavrov_2, "published_at": "yesterday"}, ensure_ascii=False),
        json.dumps({"text": texts.lavrov_3}, ensure_ascii=False),
    ]
    response = client.post("/api/v1/articles/batch", content="\n".join(lines).encode(),
                           headers={"Content-Type": "application/jsonl"})
    assert response.status_code == 200
    got = response.json()
    assert (got["created"], got["seen"], got["errors"]) == (2, 1, 2)
    statuses = [(i["line"], i["status"]) for i in got["items"]]
    assert statuses == [(1, "created"), (3, "error"), (4, "seen"), (5, "error"), (6, "created")]
    assert got["items"][0]["id"] == got["items"][2]["id"]
    assert "malformed JSON" in got["items"][1]["error"]
    assert "ISO date" in got["items"][3]["error"]
    assert got["items"][4]["quotes"] == 2
    empty = client.post("/api/v1/articles/batch", content=b"\n\n", headers={"Content-Type": "application/jsonl"})
    assert empty.status_code == 400


def test_get_article_marks_quote_spans_and_unknown_ids_404(client, seeded):
    got = client.get(f"/api/v1/articles/{seeded['a3']}").json()
    assert [q["text"] for q in got["quotes"]] == ["لن نقبل بالإملاءات", "الرئيس سيزور أستانا قريبا"]
    assert all(got["text"][q["start"]:q["end"]] == q["text"] for q in got["quotes"])
    assert got["segments"] == [{"kind": "main", "start": 0, "end": len(got["text"])}]
    missing = client.get("/api/v1/articles/999999")
    assert missing.status_code == 404 and "999999" in missing.json()["detail"]
    assert client.get("/api/v1/articles/abc").status_code in {400, 404}
    assert client.get("/api/v1/articles/0").status_code == 400


def test_write_keys_guard_writes_but_not_reads(db_path, pipeline, texts):
    settings = Settings(database_url=str(db_path), write_keys={"desk": "s3cret-key-1", "bot": "s3cret-key-2"})
    with TestClient(create_app(settings, pipeline=pipeline)) as client:
        none = client.post("/api/v1/articles", json={"text": texts.lavrov_1})
        assert none.status_code == 401 and "Bearer" in none.headers["www-authenticate"]
        wrong = client.post("/api/v1/articles", json={"text": texts.lavrov_1},
                            headers={"Authorization": "Bearer s3cret-key-3"})
        assert wrong.status_code == 403
        batch = client.post("/api/v1/articles/batch", content=b'{"text": "x"}',
                            headers={"Content-Type": "application/jsonl", "X-API-Key": "nope-nope"})
        assert batch.status_code == 403
        assert client.get("/health").json()["store"]["articles"] == 0
        ok = client.post("/api/v1/articles", json={"text": texts.lavrov_1},
                         headers={"Authorization": "Bearer s3cret-key-2"})
        assert ok.status_code == 201
        ok2 = client.post("/api/v1/articles", json={"text": texts.lavrov_2}, headers={"X-API-Key": "s3cret-key-1"})
        assert ok2.status_code == 201
        assert client.get(f"/api/v1/articles/{ok.json()['id']}").status_code == 200


def test_concurrent_posts_of_one_article_store_it_once(client, texts):
    results: list[tuple[int, int]] = []

    def post() -> None:
        r = client.post("/api/v1/articles", json={"text": texts.lavrov_1, "outlet": "SANA"})
        results.append((r.status_code, r.json()["id"]))

    threads = [threading.Thread(target=post) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(s for s, _ in results) == [200] * 7 + [201]
    assert len({i for _, i in results}) == 1
    assert client.get("/health").json()["store"]["quotes"] == 1


def test_store_survives_restart(settings, pipeline, texts):
    with TestClient(create_app(settings, pipeline=pipeline)) as client:
        article_id = client.post("/api/v1/articles", json={"text": texts.lavrov_1}).json()["id"]
    with TestClient(create_app(settings, pipeline=pipeline)) as client:
        assert client.get(f"/api/v1/articles/{article_id}").json()["quotes"][0]["speaker"]["id"] == "lavrov"
        assert client.post("/api/v1/articles", json={"text": texts.lavrov_1}).status_code == 200
