"""Corrections that last (issue 9): a new revision of an article (a changed text posted for
a known url) keeps the desk's decisions on the statements it still carries. Corrections go
through ``POST /api/v1/corrections`` on a real store (a SQLite file; a PostgreSQL schema
when ``QAWL_TEST_POSTGRES_URL`` is set)."""

from __future__ import annotations

import json
import sqlite3

import pytest
from litestar.testing import TestClient

from api.app import create_app
from api.cli import main
from api.settings import Settings

from apisupport import RulePipeline, article

KEY = "desk-key-123456"
AUTH = {"Authorization": f"Bearer {KEY}"}
URL = "https://sana.example/revised"

QUOTE_A = "الغرب يحاول إبعاد دول آسيا الوسطى عن روسيا"
QUOTE_B = "الرئيس سيزور أستانا قريبا"
QUOTE_C = "العلاقات مع الاتحاد الأوروبي وصلت إلى طريق مسدود"
TEXT = (
    "لافروف يحذر الغرب\n"
    f"قال سيرغي لافروف: «{QUOTE_A}».\n"
    "وأكد أن موسكو منفتحة على الحوار.\n"
    f"أضاف الناطق باسم الكرملين: «{QUOTE_B}».\n"
    f"أكد لافروف: «{QUOTE_C}».\n"
    "وعقد الاجتماغ في العاصمة.\n"
)
# the outlet fixes a typo in the last paragraph and lengthens the headline: every offset moves
REVISED = TEXT.replace("لافروف يحذر الغرب\n", "لافروف يحذر الغرب من جديد\n").replace("الاجتماغ", "الاجتماع")


@pytest.fixture
def keyed(database_url: str):
    settings = Settings(database_url=database_url, write_keys={"desk": KEY})
    with TestClient(create_app(settings, pipeline=RulePipeline())) as client:
        yield client


def _post(client, text: str, status: int) -> dict:
    response = client.post("/api/v1/articles", json=article(text, outlet="SANA", published_at="2023-10-12", url=URL),
                           headers=AUTH)
    assert response.status_code == status, response.text
    return response.json()


def _correct(client, body) -> dict:
    response = client.post("/api/v1/corrections", json=body, headers=AUTH)
    assert response.status_code == 201, response.text
    return response.json()


def _by_text(posted: dict) -> dict[str, dict]:
    return {q["text"]: q for q in posted["quotes"]}


def _search_ids(client, q: str) -> list[int]:
    return [item["id"] for item in client.get("/api/v1/quotes", params={"q": q}).json()["items"]]


def _history(client, quote_id: int) -> list[dict]:
    response = client.get(f"/api/v1/quotes/{quote_id}/history")
    assert response.status_code == 200, response.text
    return response.json()["items"]


def _row(url: str, sql: str, *params) -> tuple | None:
    if url.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(url) as conn:
            return conn.execute(sql.replace("?", "%s"), params).fetchone()
    with sqlite3.connect(url) as conn:
        return conn.execute(sql, params).fetchone()


def test_verified_quote_stays_verified_and_its_history_says_where_from(keyed):
    first = _by_text(_post(keyed, TEXT, 201))
    old = first[QUOTE_A]
    _correct(keyed, {"action": "status", "quote_id": old["id"], "status": "verified", "reason": "on the video"})
    revised = _post(keyed, REVISED, 200)
    new = _by_text(revised)[QUOTE_A]
    assert new["id"] != old["id"] and new["start"] == REVISED.index(QUOTE_A)
    got = keyed.get(f"/api/v1/quotes/{new['id']}").json()
    assert got["status"] == "verified" and got["revision"] == 2 and got["current"] is True
    history = _history(keyed, new["id"])
    assert [(h["action"], h["editor"], h["reason"]) for h in history] == [("status", "desk", "on the video")]
    carried = history[0]["detail"]["carried_from"]
    original = _history(keyed, old["id"])[0]
    assert carried["quote"] == old["id"] and carried["revision"] == 1 and carried["correction"] == original["id"]
    assert history[0]["detail"]["after"] == "verified" and history[0]["at"] == original["at"]
    # the old quote keeps its own record; the others of the revision were never decided
    assert keyed.get(f"/api/v1/quotes/{old['id']}").json()["status"] == "verified"
    assert _history(keyed, _by_text(revised)[QUOTE_B]["id"]) == []
    assert keyed.get(f"/api/v1/quotes/{_by_text(revised)[QUOTE_C]['id']}").json()["status"] == "extracted"
    assert _search_ids(keyed, "آسيا الوسطى") == [new["id"]]


def test_rejected_quote_stays_out_of_search_lists_and_groups(keyed, database_url):
    first = _by_text(_post(keyed, TEXT, 201))
    assert _search_ids(keyed, "طريق مسدود") == [first[QUOTE_C]["id"]]
    _correct(keyed, {"action": "status", "quote_id": first[QUOTE_C]["id"], "status": "rejected",
                     "reason": "the minister never said it"})
    revised = _post(keyed, REVISED, 200)
    assert QUOTE_C not in _by_text(revised) and {QUOTE_A, QUOTE_B} <= set(_by_text(revised))
    assert _search_ids(keyed, "طريق مسدود") == []
    lavrov = [q["id"] for q in keyed.get("/api/v1/speakers/lavrov/quotes").json()["items"]]
    assert lavrov == [_by_text(revised)[QUOTE_A]["id"]]
    assert keyed.get("/api/v1/speakers/lavrov").json()["quote_count"] == 1
    # the id of the new, rejected quote still answers, with the editor's record
    (new_id,) = _row(database_url, "SELECT id FROM quotes_hidden WHERE article_id = ? AND revision = 2",
                     revised["id"])
    assert _row(database_url, "SELECT hidden, status FROM quotes_hidden WHERE id = ?", new_id) == \
        ("rejected", "rejected")
    assert _row(database_url, "SELECT count(*) FROM quote_clusters WHERE quote_id = ?", new_id) == (0,)
    got = keyed.get(f"/api/v1/quotes/{new_id}").json()
    assert got["status"] == "rejected" and got["current"] is False and got["revision"] == 2
    assert got["text"] == QUOTE_C and got["start"] == REVISED.index(QUOTE_C)
    history = _history(keyed, new_id)
    assert [(h["editor"], h["reason"], h["detail"]["after"]) for h in history] == \
        [("desk", "the minister never said it", "rejected")]
    assert history[0]["detail"]["carried_from"]["quote"] == first[QUOTE_C]["id"]
    # a later revision still keeps it out
    _post(keyed, REVISED + "تحديث.\n", 200)
    assert _search_ids(keyed, "طريق مسدود") == []


def test_reassigned_speaker_follows(keyed):
    first = _by_text(_post(keyed, TEXT, 201))
    spokesman = first[QUOTE_B]["speaker"]["id"]
    assert spokesman != "lavrov"
    _correct(keyed, {"action": "speaker", "quote_id": first[QUOTE_B]["id"], "speaker_id": "lavrov",
                     "reason": "the minister said it"})
    new = _by_text(_post(keyed, REVISED, 200))[QUOTE_B]
    got = keyed.get(f"/api/v1/quotes/{new['id']}").json()
    assert got["speaker"]["id"] == "lavrov" and got["status"] == "corrected"
    assert sorted(q["id"] for q in keyed.get("/api/v1/speakers/lavrov/quotes").json()["items"]) == \
        sorted(q["id"] for q in _by_text(keyed.get(f"/api/v1/articles/{got['article']['id']}").json()).values())
    history = _history(keyed, new["id"])
    assert [(h["action"], h["detail"]["before"], h["detail"]["after"]) for h in history] == \
        [("speaker", spokesman, "lavrov")]


def test_a_quote_whose_text_changed_does_not_inherit(keyed):
    first = _by_text(_post(keyed, TEXT, 201))
    _correct(keyed, {"action": "status", "quote_id": first[QUOTE_A]["id"], "status": "verified", "reason": "r"})
    _correct(keyed, {"action": "status", "quote_id": first[QUOTE_C]["id"], "status": "rejected", "reason": "r"})
    changed = REVISED.replace("يحاول إبعاد", "يسعى إلى إبعاد").replace("طريق مسدود", "مرحلة صعبة")
    revised = _by_text(_post(keyed, changed, 200))
    for text in ("الغرب يسعى إلى إبعاد دول آسيا الوسطى عن روسيا", QUOTE_C.replace("طريق مسدود", "مرحلة صعبة")):
        got = keyed.get(f"/api/v1/quotes/{revised[text]['id']}").json()
        assert got["status"] == "extracted" and _history(keyed, got["id"]) == []
    assert _search_ids(keyed, "مرحلة صعبة") == [revised[QUOTE_C.replace("طريق مسدود", "مرحلة صعبة")]["id"]]
    assert [h["detail"]["after"] for h in _history(keyed, first[QUOTE_A]["id"])] == ["verified"]


def test_whitespace_does_not_break_the_match(keyed):
    first = _by_text(_post(keyed, TEXT, 201))
    _correct(keyed, {"action": "status", "quote_id": first[QUOTE_A]["id"], "status": "verified", "reason": "r"})
    spaced = REVISED.replace("يحاول إبعاد", "يحاول  إبعاد")
    new = _by_text(_post(keyed, spaced, 200))["الغرب يحاول  إبعاد دول آسيا الوسطى عن روسيا"]
    assert keyed.get(f"/api/v1/quotes/{new['id']}").json()["status"] == "verified"


def test_removed_quote_leaves_the_decision_in_history_only(keyed, database_url):
    first = _by_text(_post(keyed, TEXT, 201))
    _correct(keyed, {"action": "status", "quote_id": first[QUOTE_A]["id"], "status": "verified", "reason": "r"})
    without = REVISED.replace(f"قال سيرغي لافروف: «{QUOTE_A}».\n", "")
    revised = _post(keyed, without, 200)
    assert QUOTE_A not in _by_text(revised) and _search_ids(keyed, "آسيا الوسطى") == []
    for q in revised["quotes"]:
        assert _history(keyed, q["id"]) == []
        assert keyed.get(f"/api/v1/quotes/{q['id']}").json()["status"] == "extracted"
    old = keyed.get(f"/api/v1/quotes/{first[QUOTE_A]['id']}").json()
    assert old["status"] == "verified" and old["current"] is False and old["revision"] == 1
    assert [h["reason"] for h in _history(keyed, old["id"])] == ["r"]
    assert _row(database_url, "SELECT count(*) FROM corrections") == (1,)


def test_the_nearest_of_several_same_texts_inherits(keyed):
    twice = TEXT + f"أضاف الناطق باسم الكرملين: «{QUOTE_A}».\n"
    first = [q for q in _post(keyed, twice, 201)["quotes"] if q["text"] == QUOTE_A]
    assert len(first) == 2
    _correct(keyed, {"action": "status", "quote_id": first[1]["id"], "status": "rejected", "reason": "r"})
    revised = [q for q in _post(keyed, twice.replace("الاجتماغ", "الاجتماع"), 200)["quotes"] if q["text"] == QUOTE_A]
    assert len(revised) == 1 and revised[0]["speaker"]["id"] == "lavrov"
    assert keyed.get(f"/api/v1/quotes/{revised[0]['id']}").json()["status"] == "extracted"


def test_span_fix_carries_where_its_text_stands(keyed):
    first = _by_text(_post(keyed, TEXT, 201))
    quote = first[QUOTE_A]
    start = TEXT.index("دول آسيا")
    _correct(keyed, {"action": "span", "quote_id": quote["id"], "start": start, "end": quote["end"],
                     "reason": "the quote starts later"})
    new = _by_text(_post(keyed, REVISED, 200))["دول آسيا الوسطى عن روسيا"]
    assert new["start"] == REVISED.index("دول آسيا") and REVISED[new["start"]:new["end"]] == new["text"]
    assert keyed.get(f"/api/v1/quotes/{new['id']}").json()["status"] == "corrected"
    (entry,) = _history(keyed, new["id"])
    assert entry["action"] == "span" and entry["detail"]["applied"] is True
    assert entry["detail"]["before"] == {"start": REVISED.index(QUOTE_A), "end": REVISED.index(QUOTE_A) + len(QUOTE_A)}
    assert entry["detail"]["after"] == {"start": new["start"], "end": new["end"]}
    assert _search_ids(keyed, "يحاول") == []

    # the next revision: the corrected words are split by a double space, the extractor's quote
    # still matches (whitespace aside), so the decision is reported and the extractor's span kept
    third = REVISED.replace("دول آسيا", "دول  آسيا")
    extractor_text = QUOTE_A.replace("دول آسيا", "دول  آسيا")
    again = _by_text(_post(keyed, third, 200))[extractor_text]
    assert again["start"] == third.index(extractor_text)
    assert keyed.get(f"/api/v1/quotes/{again['id']}").json()["status"] == "corrected"
    (entry,) = _history(keyed, again["id"])
    assert entry["detail"]["applied"] is False and "not in revision 3" in entry["detail"]["note"]
    assert entry["detail"]["before"] == entry["detail"]["after"] == {"start": again["start"], "end": again["end"]}
    assert entry["detail"]["text"] == "دول آسيا الوسطى عن روسيا"
    assert entry["detail"]["carried_from"] == {**entry["detail"]["carried_from"], "quote": new["id"], "revision": 2}


def test_an_added_quote_comes_back_where_its_text_stands(keyed):
    posted = _post(keyed, TEXT, 201)
    s = TEXT.index("موسكو")
    e = TEXT.index(".\n", s)
    added = _correct(keyed, {"action": "add", "article_id": posted["id"], "start": s, "end": e,
                             "speaker_id": "lavrov", "kind": "indirect", "reason": "missed indirect quote"})
    added_id = added["quote_ids"][0]
    revised = _by_text(_post(keyed, REVISED, 200))
    back = revised["موسكو منفتحة على الحوار"]
    assert back["id"] != added_id and back["start"] == REVISED.index("موسكو")
    got = keyed.get(f"/api/v1/quotes/{back['id']}").json()
    assert got["kind"] == "indirect" and got["speaker"]["id"] == "lavrov" and got["status"] == "corrected"
    assert _search_ids(keyed, "منفتحة على الحوار") == [back["id"]]
    (entry,) = _history(keyed, back["id"])
    assert entry["action"] == "add" and entry["detail"]["carried_from"]["quote"] == added_id
    assert entry["detail"]["after"]["start"] == back["start"] and entry["detail"]["after"]["kind"] == "indirect"

    # a revision without those words: the added quote stays in history only
    gone = _post(keyed, REVISED.replace("وأكد أن موسكو منفتحة على الحوار.\n", ""), 200)
    assert "موسكو منفتحة على الحوار" not in _by_text(gone) and _search_ids(keyed, "منفتحة على الحوار") == []
    assert _history(keyed, back["id"])[0]["reason"] == "missed indirect quote"


def test_decisions_follow_through_several_revisions_and_survive_export_import(keyed, database_url, tmp_path,
                                                                               capsysbinary):
    first = _by_text(_post(keyed, TEXT, 201))
    _correct(keyed, {"action": "speaker", "quote_id": first[QUOTE_B]["id"], "speaker_id": "lavrov", "reason": "r1"})
    _correct(keyed, {"action": "status", "quote_id": first[QUOTE_B]["id"], "status": "verified", "reason": "r2"})
    _correct(keyed, {"action": "status", "quote_id": first[QUOTE_C]["id"], "status": "rejected", "reason": "r3"})
    second = _by_text(_post(keyed, REVISED, 200))
    third = _by_text(_post(keyed, REVISED + "تحديث.\n", 200))
    got = keyed.get(f"/api/v1/quotes/{third[QUOTE_B]['id']}").json()
    assert got["speaker"]["id"] == "lavrov" and got["status"] == "verified" and got["revision"] == 3
    history = _history(keyed, third[QUOTE_B]["id"])
    assert [(h["action"], h["reason"]) for h in history] == [("speaker", "r1"), ("status", "r2")]
    originals = [h["id"] for h in _history(keyed, first[QUOTE_B]["id"])]
    assert [h["detail"]["carried_from"]["correction"] for h in history] == originals
    assert {h["detail"]["carried_from"]["quote"] for h in history} == {second[QUOTE_B]["id"]}
    assert _search_ids(keyed, "طريق مسدود") == []

    before = []
    for qid in (third[QUOTE_B]["id"], second[QUOTE_B]["id"], first[QUOTE_B]["id"]):
        before.append(keyed.get(f"/api/v1/quotes/{qid}/history").content)
    capsysbinary.readouterr()
    assert main(["export", "--db", database_url]) == 0
    archive = tmp_path / "archive.jsonl"
    archive.write_bytes(capsysbinary.readouterr().out)
    lines = [json.loads(line) for line in archive.read_text("utf-8").splitlines()]
    assert sum(rec["type"] == "correction" for rec in lines) == 3 + 3 + 3  # the desk's three, carried twice
    restored = str(tmp_path / "restored.db")
    assert main(["import", "--db", restored, str(archive)]) == 0
    with TestClient(create_app(Settings(database_url=restored), pipeline=RulePipeline())) as client:
        after = [client.get(f"/api/v1/quotes/{qid}/history").content
                 for qid in (third[QUOTE_B]["id"], second[QUOTE_B]["id"], first[QUOTE_B]["id"])]
        assert after == before
        assert _search_ids(client, "طريق مسدود") == []


def test_the_carry_is_in_the_revision_transaction(keyed, monkeypatch):
    first = _by_text(_post(keyed, TEXT, 201))
    _correct(keyed, {"action": "status", "quote_id": first[QUOTE_A]["id"], "status": "verified", "reason": "r"})

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("api.store.editorial.record", broken)
    response = keyed.post("/api/v1/articles", json=article(REVISED, outlet="SANA", url=URL), headers=AUTH)
    assert response.status_code == 500
    monkeypatch.undo()
    got = keyed.get(f"/api/v1/quotes/{first[QUOTE_A]['id']}").json()
    assert got["current"] is True and got["revision"] == 1 and got["status"] == "verified"
    assert keyed.get(f"/api/v1/articles/{got['article']['id']}").json()["text"] == TEXT
