"""Editorial control end to end (issue 9): corrections through the API and the CLI,
``qawl reextract`` after a rule change, revisions, takedown, export and import, on each
backend (a SQLite file; a PostgreSQL schema when ``QAWL_TEST_POSTGRES_URL`` is set), and
export from SQLite imported into PostgreSQL."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from litestar.testing import TestClient

from api.app import create_app
from api.cli import main
from api.settings import Settings
from extractors.types import Speaker

from apisupport import REPO, SHARED, RulePipeline, Texts, article, postgres_schema

KEY = "desk-key-123456"
AUTH = {"Authorization": f"Bearer {KEY}"}
SEEDS = SHARED / "seeds" if (SHARED / "seeds").is_dir() else REPO / "fixtures" / "articles"


class ChangedRules(RulePipeline):
    """A rule change: the Kremlin spokesman is now linked (to ``peskov``), and every quote
    naming Lavrov is attributed to him, which an editor may have corrected."""

    version = "test-rules-2"

    def extract(self, text, *, doc="", published=None):
        extraction = super().extract(text, doc=doc, published=published)
        quotes = []
        for q in extraction.quotes:
            if "الكرملين" in q.speaker.mention:
                q = q.__class__(**{**{f: getattr(q, f) for f in q.__struct_fields__},
                                   "speaker": Speaker(name="دميتري بيسكوف", mention=q.speaker.mention,
                                                      type="person", start=q.speaker.start,
                                                      end=q.speaker.end, id="peskov")})
            quotes.append(q)
        return extraction.__class__(article=extraction.article, quotes=quotes)


@pytest.fixture
def keyed(database_url: str, pipeline: RulePipeline):
    settings = Settings(database_url=database_url, write_keys={"desk": KEY})
    with TestClient(create_app(settings, pipeline=pipeline)) as client:
        yield client


def _post(client, body, status=201):
    response = client.post("/api/v1/articles", json=body, headers=AUTH)
    assert response.status_code == status, response.text
    return response.json()


def _seed(client) -> dict[str, dict]:
    return {
        "a1": _post(client, article(Texts.lavrov_1, outlet="SANA", published_at="2023-10-12", url="https://sana.example/1")),
        "a2": _post(client, article(Texts.lavrov_2, outlet="Youm7", published_at="2023-10-13", url="https://youm7.example/2")),
        "a3": _post(client, article(Texts.lavrov_3, outlet="SANA", published_at="2023-10-14")),
    }


def _correct(client, body, status=201, headers=AUTH):
    response = client.post("/api/v1/corrections", json=body, headers=headers)
    assert response.status_code == status, response.text
    return response.json()


def _dump(url: str) -> list[dict]:
    """The store as export lines, without the export time."""
    from api.store import open_store

    store = open_store(url)
    try:
        from api.store.archive import ENCODER
        return [json.loads(ENCODER.encode(r)) for r in store.export_records() if type(r).__name__ != "Meta"]
    finally:
        store.close()


def _row(url: str, sql: str, *params) -> tuple | None:
    """One row of ``sql`` (``?`` parameters) read straight from the store's database."""
    if url.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(url) as conn:
            return conn.execute(sql.replace("?", "%s"), params).fetchone()
    with sqlite3.connect(url) as conn:
        return conn.execute(sql, params).fetchone()


def _search_ids(client, q: str) -> list[int]:
    return [item["id"] for item in client.get("/api/v1/quotes", params={"q": q}).json()["items"]]


# --- corrections ----------------------------------------------------------------------
def test_corrected_speaker_survives_reextract_after_a_rule_change(keyed, database_url, monkeypatch, capsys):
    ids = _seed(keyed)
    lavrov_quote, spokesman_quote = [q["id"] for q in ids["a3"]["quotes"]]
    spokesman = keyed.get(f"/api/v1/quotes/{spokesman_quote}").json()["speaker"]["id"]
    correction = _correct(keyed, {"action": "speaker", "quote_id": lavrov_quote, "speaker_id": spokesman,
                                  "reason": "the spokesman said it, not the minister"})
    assert correction["editor"] == "desk" and correction["detail"] == {"before": "lavrov", "after": spokesman}
    before = _dump(database_url)

    monkeypatch.setattr("api.commands.reextract.load_pipeline", lambda: ChangedRules())
    assert main(["reextract", "--db", database_url, "--dry-run"]) == 0
    dry = capsys.readouterr().out
    assert f"~ quote {spokesman_quote} speaker {spokesman} -> peskov" in dry
    assert f"! quote {lavrov_quote} kept" in dry and "dry run" in dry
    assert _dump(database_url) == before  # nothing applied

    assert main(["reextract", "--db", database_url]) == 0
    out = capsys.readouterr().out
    assert f"! quote {lavrov_quote} kept: corrected by an editor" in out and "(speaker lavrov)" in out
    assert "speaker 1" in out and "kept 1" in out and "added 0, removed 0" in out

    with TestClient(create_app(Settings(database_url=database_url), pipeline=RulePipeline())) as client:
        kept = client.get(f"/api/v1/quotes/{lavrov_quote}").json()
        assert kept["speaker"]["id"] == spokesman and kept["status"] == "corrected"
        changed = client.get(f"/api/v1/quotes/{spokesman_quote}").json()
        assert changed["speaker"]["id"] == "peskov" and changed["extractor_version"] == "test-rules-2"
        # same spans came out again: the same ids, every one
        assert [q["id"] for q in client.get(f"/api/v1/articles/{ids['a1']['id']}").json()["quotes"]] == \
            [q["id"] for q in ids["a1"]["quotes"]]
        assert client.get(f"/api/v1/articles/{ids['a1']['id']}").json()["extractor_version"] == "test-rules-2"
        history = client.get(f"/api/v1/quotes/{lavrov_quote}/history").json()
        assert [(h["action"], h["editor"], h["reason"]) for h in history["items"]] == [
            ("speaker", "desk", "the spokesman said it, not the minister")]
    # a second run finds nothing new to apply, and still reports the disagreement
    assert main(["reextract", "--db", database_url]) == 0
    again = capsys.readouterr().out
    assert "speaker 0" in again and "kept 1" in again


def test_reextract_adds_removes_and_brings_back_a_dropped_quote_with_its_id(keyed, database_url, monkeypatch, capsys):
    ids = _seed(keyed)
    dropped = ids["a3"]["quotes"][1]["id"]

    class NoSpokesman(RulePipeline):
        version = "test-rules-3"

        def extract(self, text, *, doc="", published=None):
            e = super().extract(text, doc=doc, published=published)
            return e.__class__(article=e.article, quotes=[q for q in e.quotes if "الكرملين" not in q.speaker.mention])

    monkeypatch.setattr("api.commands.reextract.load_pipeline", lambda: NoSpokesman())
    assert main(["reextract", "--db", database_url, "--since", "2023-10-14"]) == 0
    out = capsys.readouterr().out
    assert f"- quote {dropped}" in out and "articles: 1 read" in out
    with TestClient(create_app(Settings(database_url=database_url), pipeline=RulePipeline())) as client:
        assert client.get(f"/api/v1/quotes/{dropped}").json()["current"] is False
        assert dropped not in _search_ids(client, "أستانا")
    monkeypatch.setattr("api.commands.reextract.load_pipeline", lambda: RulePipeline())
    assert main(["reextract", "--db", database_url]) == 0
    assert f"+ quote {dropped}" in capsys.readouterr().out
    with TestClient(create_app(Settings(database_url=database_url), pipeline=RulePipeline())) as client:
        assert _search_ids(client, "أستانا") == [dropped]
    assert main(["reextract", "--db", database_url, "--since", "2023-13-01"]) == 2


def test_rejected_quote_leaves_search_and_lists_but_its_id_answers(keyed):
    ids = _seed(keyed)
    quote_id = ids["a2"]["quotes"][0]["id"]
    assert _search_ids(keyed, "طريق مسدود") == [quote_id]
    _correct(keyed, {"action": "status", "quote_id": quote_id, "status": "rejected", "reason": "not a quote"})
    assert _search_ids(keyed, "طريق مسدود") == []
    listed = [q["id"] for q in keyed.get("/api/v1/speakers/lavrov/quotes").json()["items"]]
    assert quote_id not in listed and len(listed) == 2
    assert keyed.get("/api/v1/speakers/lavrov").json()["quote_count"] == 2
    assert quote_id not in [q["id"] for q in keyed.get(f"/api/v1/articles/{ids['a2']['id']}").json()["quotes"]]
    got = keyed.get(f"/api/v1/quotes/{quote_id}")
    assert got.status_code == 200
    assert got.json()["status"] == "rejected" and got.json()["current"] is False
    assert "طريق مسدود" in got.json()["evidence"]["sentence"]
    # an editor can change their mind: verified brings it back with the same id
    _correct(keyed, {"action": "status", "quote_id": quote_id, "status": "verified", "reason": "checked the video"})
    assert _search_ids(keyed, "طريق مسدود") == [quote_id]
    history = keyed.get(f"/api/v1/quotes/{quote_id}/history").json()
    assert history["status"] == "verified"
    assert [h["detail"] for h in history["items"]] == [{"before": "extracted", "after": "rejected"},
                                                       {"before": "rejected", "after": "verified"}]


def test_fix_span_add_quote_merge_and_split(keyed):
    ids = _seed(keyed)
    text = Texts.lavrov_1
    quote = ids["a1"]["quotes"][0]
    start = text.index("دول آسيا")
    fixed = _correct(keyed, {"action": "span", "quote_id": quote["id"], "start": start, "end": quote["end"],
                             "text": text[start:quote["end"]], "reason": "the quote starts later"})
    assert fixed["detail"]["after"] == {"start": start, "end": quote["end"]}
    got = keyed.get(f"/api/v1/quotes/{quote['id']}").json()
    assert got["text"] == text[start:quote["end"]] and got["status"] == "corrected"
    assert _search_ids(keyed, "يحاول") == []

    s, e = text.index("موسكو"), text.index(".\n", text.index("موسكو"))
    added = _correct(keyed, {"action": "add", "article_id": ids["a1"]["id"], "start": s, "end": e,
                             "speaker_id": "lavrov", "kind": "indirect", "reason": "missed indirect quote"})
    new_id = added["quote_ids"][0]
    got = keyed.get(f"/api/v1/quotes/{new_id}").json()
    assert got["text"] == text[s:e] and got["kind"] == "indirect" and got["speaker"]["id"] == "lavrov"
    assert _search_ids(keyed, "منفتحة على الحوار") == [new_id]

    spokesman = ids["a3"]["quotes"][1]["speaker"]["id"]
    merged = _correct(keyed, {"action": "merge", "speaker_ids": [spokesman], "into": "lavrov",
                              "reason": "test merge"})
    assert ids["a3"]["quotes"][1]["id"] in merged["quote_ids"]
    assert keyed.get(f"/api/v1/speakers/{spokesman}").status_code == 404
    assert keyed.get("/api/v1/speakers/lavrov").json()["quote_count"] == 5
    # a later article naming the merged speaker lands under the target
    later = _post(keyed, article("خبر\nأضاف الناطق باسم الكرملين: «لا تعليق».\n", outlet="RT"))
    assert later["quotes"][0]["speaker"]["id"] == "lavrov"

    split = _correct(keyed, {"action": "split", "speaker_id": "lavrov", "name": "دميتري بيسكوف",
                             "new_id": "peskov", "quote_ids": [ids["a3"]["quotes"][1]["id"], later["quotes"][0]["id"]],
                             "reason": "these are Peskov's"})
    assert split["detail"] == {"before": "lavrov", "after": "peskov"}
    assert keyed.get("/api/v1/speakers/peskov").json()["quote_count"] == 2
    assert keyed.get("/api/v1/speakers/lavrov").json()["quote_count"] == 4
    assert "دميتري بيسكوف" in keyed.get("/api/v1/speakers/peskov").json()["aliases"]


def test_auth_404_and_422_leave_the_store_unchanged(keyed, database_url):
    ids = _seed(keyed)
    quote_id, article_id = ids["a1"]["quotes"][0]["id"], ids["a1"]["id"]
    before = _dump(database_url)
    good = {"action": "status", "quote_id": quote_id, "status": "rejected", "reason": "x"}
    _correct(keyed, good, 401, headers={})
    _correct(keyed, good, 403, headers={"Authorization": "Bearer not-the-key-000"})
    assert keyed.delete(f"/api/v1/articles/{article_id}", params={"reason": "x"}).status_code == 401
    assert keyed.delete(f"/api/v1/articles/{article_id}", params={"reason": "x"},
                        headers={"X-API-Key": "wrong-key-0000"}).status_code == 403
    _correct(keyed, {**good, "quote_id": 999999}, 404)
    _correct(keyed, {"action": "speaker", "quote_id": quote_id, "speaker_id": "nobody", "reason": "x"}, 404)
    _correct(keyed, {"action": "speaker", "quote_id": 999999, "speaker_id": "lavrov", "reason": "x"}, 404)
    _correct(keyed, {"action": "merge", "speaker_ids": ["nobody"], "into": "lavrov", "reason": "x"}, 404)
    _correct(keyed, {"action": "split", "speaker_id": "lavrov", "quote_ids": [quote_id, 999999], "name": "س",
                     "reason": "x"}, 404)
    _correct(keyed, {"action": "add", "article_id": 999999, "start": 0, "end": 3, "speaker_id": "lavrov",
                     "reason": "x"}, 404)
    n = len(Texts.lavrov_1)
    _correct(keyed, {"action": "span", "quote_id": quote_id, "start": 5, "end": n + 10, "reason": "x"}, 422)
    _correct(keyed, {"action": "span", "quote_id": quote_id, "start": 9, "end": 5, "reason": "x"}, 422)
    _correct(keyed, {"action": "span", "quote_id": quote_id, "start": 0, "end": 5, "text": "غير ذلك",
                     "reason": "x"}, 422)
    _correct(keyed, {"action": "add", "article_id": article_id, "start": n, "end": n + 4, "speaker_id": "lavrov",
                     "reason": "x"}, 422)
    _correct(keyed, {"action": "status", "quote_id": quote_id, "status": "rejected"}, 400)  # no reason
    _correct(keyed, {**good, "reason": "   "}, 400)
    _correct(keyed, {**good, "action": "erase"}, 400)
    assert keyed.delete(f"/api/v1/articles/{article_id}", headers=AUTH).status_code == 400  # no reason
    assert keyed.delete("/api/v1/articles/999999", params={"reason": "x"}, headers=AUTH).status_code == 404
    assert keyed.get("/api/v1/quotes/999999/history").status_code == 404
    assert _dump(database_url) == before


# --- revisions and takedown ----------------------------------------------------------
def test_changed_text_for_a_known_url_is_a_new_revision(keyed):
    ids = _seed(keyed)
    old_quote = ids["a2"]["quotes"][0]
    revised_text = Texts.lavrov_2.replace("طريق مسدود", "مرحلة صعبة")
    revised = _post(keyed, article(revised_text, outlet="Youm7", published_at="2023-10-13",
                                   url="https://youm7.example/2"), status=200)
    assert revised["id"] == ids["a2"]["id"] and revised["text"] == revised_text
    assert [q["text"] for q in revised["quotes"]] == ["العلاقات مع الاتحاد الأوروبي وصلت إلى مرحلة صعبة"]
    assert revised["quotes"][0]["id"] != old_quote["id"]
    old = keyed.get(f"/api/v1/quotes/{old_quote['id']}").json()
    assert old["current"] is False and old["revision"] == 1 and old["text"] == old_quote["text"]
    assert Texts.lavrov_2[old["evidence"]["sentence_start"]:old["evidence"]["sentence_end"]] == old["evidence"]["sentence"]
    assert keyed.get(f"/api/v1/quotes/{revised['quotes'][0]['id']}").json()["revision"] == 2
    assert _search_ids(keyed, "طريق مسدود") == []
    assert _search_ids(keyed, "مرحلة صعبة") == [revised["quotes"][0]["id"]]
    # posting the same revision again changes nothing
    again = _post(keyed, article(revised_text, url="https://youm7.example/2"), status=200)
    assert [q["id"] for q in again["quotes"]] == [q["id"] for q in revised["quotes"]]


def test_takedown_disappears_from_search_lists_and_reuse_groups(keyed, database_url):
    first = _post(keyed, article(Texts.lavrov_3, outlet="SANA", published_at="2023-10-14"))
    second = _post(keyed, article(Texts.lavrov_3 + "\nتفاصيل أخرى.\n", outlet="RT", published_at="2023-10-15",
                                  url="https://rt.example/3"))
    kept_id, gone_id = first["quotes"][0]["id"], second["quotes"][0]["id"]
    assert keyed.get(f"/api/v1/quotes/{kept_id}/reuse").json()["size"] == 2
    assert sorted(_search_ids(keyed, "الإملاءات")) == [kept_id, gone_id]

    response = keyed.delete(f"/api/v1/articles/{second['id']}", params={"reason": "legal request"}, headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.json()["reason"] == "legal request" and response.json()["editor"] == "desk"
    assert _search_ids(keyed, "الإملاءات") == [kept_id]
    group = keyed.get(f"/api/v1/quotes/{kept_id}/reuse").json()
    assert group["size"] == 1 and [a["id"] for a in group["appearances"]] == [kept_id]
    clusters = keyed.get("/api/v1/clusters", params={"speaker": "lavrov"}).json()["items"]
    assert all(c["first_seen"]["id"] != gone_id for c in clusters) and all(c["size"] == 1 for c in clusters)
    assert gone_id not in [q["id"] for q in keyed.get("/api/v1/speakers/lavrov/quotes").json()["items"]]
    assert keyed.get("/api/v1/speakers/lavrov").json()["quote_count"] == 1
    assert keyed.get(f"/api/v1/quotes/{gone_id}").status_code == 404
    assert keyed.get(f"/api/v1/quotes/{gone_id}/reuse").status_code == 404
    tomb = keyed.get(f"/api/v1/articles/{second['id']}")
    assert tomb.status_code == 410 and "legal request" in tomb.json()["detail"]
    # the url stays taken: posting it again does not bring the article back
    assert _post(keyed, article(Texts.lavrov_3, url="https://rt.example/3"), status=410)["status"] == 410

    # the CLI purges: the text is gone from every table
    assert main(["takedown", "--db", database_url, str(second["id"]), "--reason", "erase it", "--editor", "ops",
                 "--purge"]) == 0
    assert _row(database_url, "SELECT text FROM articles WHERE id = ?", second["id"]) == ("",)
    assert _row(database_url, "SELECT count(*) FROM quotes_hidden WHERE article_id = ?", second["id"]) == (0,)
    assert _row(database_url, "SELECT purged FROM tombstones WHERE article_id = ?", second["id"]) == (1,)
    assert main(["takedown", "--db", database_url, "999", "--reason", "x", "--editor", "ops"]) == 2


# --- CLI corrections -------------------------------------------------------------------
def test_cli_correct_records_the_editor(keyed, database_url, capsys):
    ids = _seed(keyed)
    quote_id = ids["a1"]["quotes"][0]["id"]
    db = ["--db", database_url]
    assert main(["correct", "status", str(quote_id), "verified", *db, "--reason", "on video", "--editor", "amal"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["editor"] == "amal" and out["action"] == "status"
    assert main(["correct", "speaker", str(quote_id), "nobody", *db, "--reason", "x", "--editor", "amal"]) == 2
    assert "no speaker" in capsys.readouterr().err
    assert main(["correct", "span", str(quote_id), "0", "100000", *db, "--reason", "x", "--editor", "amal"]) == 2
    history = keyed.get(f"/api/v1/quotes/{quote_id}/history").json()["items"]
    assert [(h["editor"], h["reason"]) for h in history] == [("amal", "on video")]


# --- export and import -----------------------------------------------------------------
def _answers(client, speaker_ids: list[str], quote_ids: list[int]) -> dict[str, bytes]:
    got = {}
    for sid in speaker_ids:
        for path in (f"/api/v1/speakers/{sid}", f"/api/v1/speakers/{sid}/quotes?limit=100",
                     f"/api/v1/clusters?speaker={sid}&limit=100"):
            response = client.get(path)
            assert response.status_code == 200, (path, response.text)
            got[path] = response.content
    for path in ("/api/v1/speakers?limit=100", "/api/v1/quotes?limit=100"):
        got[path] = client.get(path).content
    for qid in quote_ids:
        for path in (f"/api/v1/quotes/{qid}", f"/api/v1/quotes/{qid}/history", f"/api/v1/quotes/{qid}/reuse"):
            got[path] = client.get(path).content
    return got


def _export_then_import(original: str, restored: str, archive: Path, capsysbinary) -> None:
    """Seeds into ``original`` with some editorial state, ``qawl export``, ``qawl import``
    into ``restored`` (empty): the API answers byte for byte the same, ids included."""
    assert main(["ingest", "-q", "--db", original, str(SEEDS)]) == 0
    capsysbinary.readouterr()
    with TestClient(create_app(Settings(database_url=original))) as client:
        speakers = [s["id"] for s in client.get("/api/v1/speakers", params={"limit": 100}).json()["items"]]
        quotes = sorted(q["id"] for sid in speakers
                        for q in client.get(f"/api/v1/speakers/{sid}/quotes", params={"limit": 100}).json()["items"])
        assert len(speakers) >= 3 and len(quotes) >= 10
        # some editorial state to carry over: a correction, a rejection, a takedown
        _correct(client, {"action": "speaker", "quote_id": quotes[0], "speaker_id": speakers[1], "reason": "r1"})
        _correct(client, {"action": "status", "quote_id": quotes[1], "status": "rejected", "reason": "r2"})
        last_article = client.get(f"/api/v1/quotes/{quotes[-1]}").json()["article"]["id"]
        assert client.delete(f"/api/v1/articles/{last_article}", params={"reason": "r3"}).status_code == 200
        before = _answers(client, speakers, quotes)

    assert main(["export", "--db", original]) == 0
    archive.write_bytes(capsysbinary.readouterr().out)
    types = {json.loads(line)["type"] for line in archive.read_text(encoding="utf-8").splitlines()}
    assert {"meta", "speaker", "alias", "article", "quote", "correction", "tombstone", "cluster",
            "cluster_member", "sequence"} <= types

    assert main(["import", "--db", restored, str(archive)]) == 0
    with TestClient(create_app(Settings(database_url=restored))) as client:
        after = _answers(client, speakers, quotes)
        assert after.keys() == before.keys()
        for path in before:
            assert after[path] == before[path], path
        # new quotes get new ids, never a hidden quote's; a new correction a new id
        new = _post(client, article(Texts.lavrov_1, url="https://new.example/1"))
        assert all(q["id"] > max(quotes) for q in new["quotes"])
        history = client.get(f"/api/v1/quotes/{quotes[0]}/history").json()["items"]
        fixed = _correct(client, {"action": "status", "quote_id": quotes[0], "status": "verified", "reason": "r4"})
        assert fixed["id"] > max(h["id"] for h in history)
    assert main(["import", "--db", restored, str(archive)]) == 2  # not empty
    assert "not empty" in capsysbinary.readouterr().err.decode()


def test_export_then_import_answers_byte_for_byte(backend, database_url, tmp_path, request, capsysbinary):
    if backend == "sqlite":
        _export_then_import(database_url, str(tmp_path / "restored.db"), tmp_path / "archive.jsonl", capsysbinary)
        return
    with postgres_schema(request.getfixturevalue("postgres_server")) as restored:
        _export_then_import(database_url, restored, tmp_path / "archive.jsonl", capsysbinary)


def test_sqlite_export_imports_into_postgres(postgres_url, tmp_path, capsysbinary):
    """The move from SQLite to PostgreSQL (issue 9): export the file, import into the server."""
    _export_then_import(str(tmp_path / "original.db"), postgres_url, tmp_path / "archive.jsonl", capsysbinary)
