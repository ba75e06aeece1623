"""What the linker learns about a new speaker survives a restart of the API."""

from __future__ import annotations

from litestar.testing import TestClient

from api.app import create_app
from api.settings import Settings

FIRST = ("الاقتصاد المصري\nقال الخبير الاقتصادي كريم منصوري، في تصريح صحفي يوم الأحد، إن"
         " «التضخم سيتراجع خلال العام المقبل».\n")
LATER = "الأسواق المصرية\nقال منصوري في مقابلة تلفزيونية: «الأسعار ستستقر قريبا».\n"


def test_new_speaker_keeps_its_id_across_restarts(tmp_path):
    settings = Settings(database_url=str(tmp_path / "q.db"))
    with TestClient(create_app(settings)) as client:  # the real pipeline and linker
        first = client.post("/api/v1/articles", json={"text": FIRST}).json()["quotes"][0]["speaker"]
    assert first["name"] == "كريم منصوري"
    with TestClient(create_app(settings)) as client:  # a fresh linker, loaded from the store
        later = client.post("/api/v1/articles", json={"text": LATER}).json()["quotes"][0]["speaker"]
        assert later["mention"] == "منصوري"
        assert later["id"] == first["id"]
        speaker = client.get(f"/api/v1/speakers/{first['id']}").json()
        assert speaker["quote_count"] == 2 and "منصوري" in speaker["aliases"]
        assert client.get("/api/v1/speakers", params={"q": "منصوري"}).json()["items"][0]["id"] == first["id"]
