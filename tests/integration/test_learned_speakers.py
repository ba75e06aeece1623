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


ENVOY = ("المبعوث الأممي: المفاوضات تستأنف الشهر المقبل\n"
         "قال المبعوث الأممي طارق الحسيني، في مؤتمر صحفي يوم الأحد، إن المفاوضات ستستأنف الشهر المقبل.\n")
ENVOY_LATER = "مجاعة في الساحل\nوقال المبعوث الأممي إن نصف السكان لا يجدون الغذاء.\n"


def test_a_title_quoted_for_a_person_is_no_spelling_of_him_after_a_restart(tmp_path):
    """The store keeps every surface a quote named its speaker by (for search), «المبعوث
    الأممي» for طارق الحسيني too; a restarted linker must not take that title for his name in
    another article, where it may be anyone who holds it."""
    settings = Settings(database_url=str(tmp_path / "q.db"))
    with TestClient(create_app(settings)) as client:
        quotes = client.post("/api/v1/articles", json={"text": ENVOY}).json()["quotes"]
    envoy = next(q["speaker"] for q in quotes if q["kind"] == "headline")
    assert envoy["name"] == "طارق الحسيني" and envoy["mention"] == "المبعوث الأممي"
    with TestClient(create_app(settings)) as client:
        later = client.post("/api/v1/articles", json={"text": ENVOY_LATER}).json()["quotes"][0]["speaker"]
        assert later["mention"] == "المبعوث الأممي"
        assert later["id"] != envoy["id"] and later["name"] == "المبعوث الأممي"
        assert "المبعوث الأممي" in client.get(f"/api/v1/speakers/{envoy['id']}").json()["aliases"]  # still found by it
