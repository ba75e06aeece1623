"""``qawl serve`` for real: granian on a free 127.0.0.1 port, spoken to over HTTP."""

from __future__ import annotations

import httpx
import pytest
from realserver import serve

ARTICLE = (
    "لافروف في بيشكيك\n"
    "قال وزير الخارجية الروسي سيرغي لافروف، خلال مؤتمر صحفي في بيشكيك يوم الخميس، إن"
    " «الغرب يحاول إبعاد دول آسيا الوسطى عن روسيا».\n"
)


@pytest.fixture
def server(tmp_path):
    with serve(tmp_path / "s.db", env={"QAWL_WRITE_KEYS": "smoke=smoke-test-key"}) as running:
        yield running.base


def test_serve_answers_http(server):
    with httpx.Client(base_url=server, timeout=10) as http:
        health = http.get("/health").json()
        assert health["status"] == "ok" and health["store"]["backend"] == "sqlite"
        assert http.post("/api/v1/articles", json={"text": ARTICLE}).status_code == 401
        created = http.post("/api/v1/articles", json={"text": ARTICLE, "outlet": "SANA", "published_at": "2023-10-12"},
                            headers={"Authorization": "Bearer smoke-test-key"})
        assert created.status_code == 201, created.text
        quote = created.json()["quotes"][0]
        assert quote["speaker"]["id"] == "lavrov"
        found = http.get("/api/v1/speakers", params={"q": "Lavrov"}).json()["items"]
        assert found[0]["id"] == "lavrov"
        quotes = http.get("/api/v1/speakers/lavrov/quotes").json()["items"]
        assert [q["id"] for q in quotes] == [quote["id"]]
        assert http.get("/schema/openapi.json").json()["info"]["title"] == "qawl"
        bad = http.post("/api/v1/articles", content=b"{", headers={"Authorization": "Bearer smoke-test-key",
                                                                  "Content-Type": "application/json"})
        assert bad.status_code == 400 and bad.headers["content-type"].startswith("application/problem+json")
