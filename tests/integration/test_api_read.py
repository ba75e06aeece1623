"""Speakers, who-said-what, quote search and evidence, health and the OpenAPI document."""

from __future__ import annotations

import pytest


def test_speaker_search_by_any_spelling(client, seeded):
    for q in ["لافروف", "سيرغي لافروف", "سيرجي لافروف", "Lavrov", "lavrov", "Sergei Lavrov", "لافروف "]:
        got = client.get("/api/v1/speakers", params={"q": q}).json()
        assert [s["id"] for s in got["items"]][:1] == ["lavrov"], q
    lavrov = client.get("/api/v1/speakers", params={"q": "لافروف"}).json()["items"][0]
    assert lavrov["name"] == "سيرغي لافروف" and lavrov["quote_count"] == 3
    assert {"سيرغي لافروف", "لافروف", "سيرجي لافروف"} <= set(lavrov["aliases"])
    assert client.get("/api/v1/speakers", params={"q": "بوتين"}).json() == {"items": [], "next": None}
    everyone = client.get("/api/v1/speakers").json()["items"]
    assert [s["id"] for s in everyone][0] == "lavrov" and len(everyone) == 2


def test_unlinked_speaker_gets_a_stable_id(client, seeded):
    items = client.get("/api/v1/speakers", params={"q": "الكرملين"}).json()["items"]
    assert len(items) == 1 and items[0]["id"].startswith("u-") and items[0]["type"] == "unknown"
    quotes = client.get(f"/api/v1/speakers/{items[0]['id']}/quotes").json()["items"]
    assert [q["text"] for q in quotes] == ["الرئيس سيزور أستانا قريبا"]
    assert quotes[0]["speaker"]["id"] == items[0]["id"]


def test_speaker_detail_counts(client, seeded):
    got = client.get("/api/v1/speakers/lavrov").json()
    assert got["quote_count"] == 3
    assert got["quotes"] == {"total": 3, "by_kind": {"direct": 3}, "by_outlet": {"SANA": 2, "Youm7": 1},
                             "first_quoted": "2023-10-12", "last_quoted": "2023-10-14"}
    missing = client.get("/api/v1/speakers/nobody")
    assert missing.status_code == 404 and "speakers?q=" in missing.json()["detail"]


def test_speaker_quotes_newest_first_with_filters(client, seeded):
    url = "/api/v1/speakers/lavrov/quotes"
    got = client.get(url).json()
    assert [q["article"]["published_at"] for q in got["items"]] == ["2023-10-14", "2023-10-13", "2023-10-12"]
    assert got["next"] is None
    assert [q["article"]["published_at"] for q in client.get(url, params={"since": "2023-10-13"}).json()["items"]] == ["2023-10-14", "2023-10-13"]
    assert [q["article"]["published_at"] for q in client.get(url, params={"until": "2023-10-13"}).json()["items"]] == ["2023-10-13", "2023-10-12"]
    assert [q["article"]["outlet"] for q in client.get(url, params={"outlet": "youm7"}).json()["items"]] == ["Youm7"]
    assert client.get(url, params={"kind": "indirect"}).json()["items"] == []
    assert [q["text"] for q in client.get(url, params={"q": "الاملاءات"}).json()["items"]] == ["لن نقبل بالإملاءات"]
    assert client.get(url, params={"since": "2023-10-15", "until": "2023-10-14"}).status_code == 400
    assert client.get(url, params={"since": "2023-02-30"}).status_code == 400
    assert client.get(url, params={"kind": "rumour"}).status_code == 400
    assert client.get("/api/v1/speakers/nobody/quotes").status_code == 404


def test_cursor_pagination_walks_every_quote_once(client, seeded):
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 1, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/v1/speakers/lavrov/quotes", params=params).json()
        seen += [q["id"] for q in page["items"]]
        pages += 1
        cursor = page["next"]
        if cursor is None:
            break
    everything = [q["id"] for q in client.get("/api/v1/speakers/lavrov/quotes").json()["items"]]
    assert seen == everything and pages == 3
    bad = client.get("/api/v1/quotes", params={"cursor": "bm90LWEtY3Vyc29y"})
    assert bad.status_code == 400 and "cursor" in bad.json()["detail"]
    assert client.get("/api/v1/quotes", params={"limit": 0}).status_code == 400
    assert client.get("/api/v1/quotes", params={"limit": 101}).status_code == 400


def test_quote_search_every_word_must_match_after_normalisation(client, seeded):
    def texts(**params):
        return [q["text"] for q in client.get("/api/v1/quotes", params=params).json()["items"]]

    # alef and teh marbuta variants fold; every word must match
    assert texts(q="الاتحاد الاوروبي") == ["العلاقات مع الاتحاد الأوروبي وصلت إلى طريق مسدود"]
    assert texts(q="الإتحاد الأوروبى") == ["العلاقات مع الاتحاد الأوروبي وصلت إلى طريق مسدود"]
    assert texts(q="الاتحاد الأفريقي") == []
    assert texts(q="آسيا الوسطى") == ["الغرب يحاول إبعاد دول آسيا الوسطى عن روسيا"]
    assert texts(q='"OR" *') == []  # FTS syntax is not interpreted
    assert texts(q="...") == []
    assert len(texts()) == 4
    assert texts(speaker="lavrov", since="2023-10-14") == ["لن نقبل بالإملاءات"]
    assert len(texts(speaker="Lavrov")) == 3 and len(texts(speaker="لافروف")) == 3
    assert texts(speaker="nobody at all") == []


def test_quote_evidence(client, seeded):
    hit = client.get("/api/v1/quotes", params={"q": "طريق مسدود"}).json()["items"][0]
    got = client.get(f"/api/v1/quotes/{hit['id']}").json()
    assert {k: got[k] for k in hit} == hit  # the same shape, plus evidence
    article = client.get(f"/api/v1/articles/{got['article']['id']}").json()
    assert article["text"][got["start"]:got["end"]] == got["text"]
    ev = got["evidence"]
    assert ev["sentence"] == "أكد لافروف: «العلاقات مع الاتحاد الأوروبي وصلت إلى طريق مسدود»."
    assert article["text"][ev["sentence_start"]:ev["sentence_end"]] == ev["sentence"]
    assert ev["headline"] == "لافروف في بيشكيك"
    assert got["article"] == {"id": seeded["a2"], "outlet": "Youm7", "published_at": "2023-10-13",
                              "url": "https://youm7.example/2"}
    assert client.get("/api/v1/quotes/424242").status_code == 404


def test_health_and_openapi(client, seeded):
    health = client.get("/health").json()
    assert health["status"] == "ok" and health["extractor_version"] == "test-rules-1"
    assert health["store"]["backend"] in {"sqlite", "postgres"} and health["store"]["schema_version"] >= 1
    assert (health["store"]["articles"], health["store"]["quotes"], health["store"]["speakers"]) == (3, 4, 2)
    doc = client.get("/schema/openapi.json").json()
    assert {"/api/v1/articles", "/api/v1/articles/batch", "/api/v1/articles/{article_id}",
            "/api/v1/speakers", "/api/v1/speakers/{speaker_id}", "/api/v1/speakers/{speaker_id}/quotes",
            "/api/v1/quotes", "/api/v1/quotes/{quote_id}", "/health"} <= set(doc["paths"])
    body = doc["paths"]["/api/v1/articles"]["post"]["requestBody"]["content"]
    assert {"application/json", "text/plain"} <= set(body)
    assert "text" in body["application/json"]["schema"]["properties"]
    assert body["application/json"]["schema"]["additionalProperties"] is False
    correction = doc["paths"]["/api/v1/corrections"]["post"]["requestBody"]["content"]["application/json"]
    actions = {kind["properties"]["action"]["enum"][0] for kind in correction["schema"]["oneOf"]}
    assert actions == {"speaker", "status", "span", "add", "merge", "split"}
    assert all("reason" in kind["required"] for kind in correction["schema"]["oneOf"])
    assert client.get("/schema").status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/nothing", "/api/v2/quotes", "/speakers"])
def test_unknown_paths_are_problem_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")


def test_wrong_method_is_405(client):
    assert client.delete("/api/v1/quotes").status_code == 405


def test_out_of_range_ids_are_4xx_not_500(client):
    for path in ["/api/v1/quotes/10000000000000000000", "/api/v1/articles/10000000000000000000"]:
        response = client.get(path)
        assert response.status_code == 400
        assert response.headers["content-type"].startswith("application/problem+json")
