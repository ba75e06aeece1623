"""Quote reuse end to end (issue 7): fixtures through ``qawl ingest`` and the real
pipeline, then the API (``/quotes/{id}/reuse``, ``/clusters``) and the CLI
(``qawl reuse``, ``qawl clusters``) over a real SQLite file."""

from __future__ import annotations

import itertools
import json
import sqlite3
from pathlib import Path

import pytest
from litestar.testing import TestClient

from api.app import create_app
from api.cli import main
from api.settings import Settings
from extractors.normalize import normalize_key

from apisupport import article

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def assignments(db: Path) -> dict[int, int]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT quote_id, cluster_id FROM quote_clusters ORDER BY quote_id"))


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("reuse") / "fixtures.db"
    assert main(["ingest", "-q", "--db", str(db), str(FIXTURES / "articles")]) == 0
    return db


@pytest.fixture
def http(fixture_db):
    with TestClient(create_app(Settings(database_url=str(fixture_db)))) as client:
        yield client


def _words(text: str) -> set[str]:
    return set(normalize_key(text).split())


def test_end_to_end_pairwise_precision_recall(fixture_db, capsys):
    """Extracted quotes (not headlines) mapped to gold rows of their article by word
    overlap (Jaccard ≥ 0.5); pairs scored against fixtures/reuse_gold.json."""
    gold = [json.loads(line) for line in (FIXTURES / "gold.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    groups = json.loads((FIXTURES / "reuse_gold.json").read_text(encoding="utf-8"))
    gid = {(m["doc"], m["text"]): i for i, g in enumerate(groups) for m in g}
    with sqlite3.connect(fixture_db) as conn:
        rows = conn.execute(
            "SELECT q.id, a.doc, q.text, qc.cluster_id FROM quotes q JOIN articles a ON a.id = q.article_id"
            " JOIN quote_clusters qc ON qc.quote_id = q.id WHERE q.kind != 'headline' ORDER BY q.id").fetchall()
    mapped = []  # (gold group or None, predicted cluster)
    for _, doc, text, cluster in rows:
        doc = Path(doc).name
        words = _words(text)
        best, best_row = 0.0, None
        for g in gold:
            if g["doc"] == doc and not g.get("optional"):
                overlap = len(words & _words(g["text"])) / max(1, len(words | _words(g["text"])))
                if overlap > best:
                    best, best_row = overlap, g
        if best >= 0.5:
            mapped.append((gid.get((best_row["doc"], best_row["text"])), cluster))
    tp = fp = fn = 0
    for (ga, pa), (gb, pb) in itertools.combinations(mapped, 2):
        same_gold = ga is not None and ga == gb
        tp += same_gold and pa == pb
        fp += pa == pb and not same_gold
        fn += same_gold and pa != pb
    precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
    with capsys.disabled():
        print(f"\nreuse end to end: pairwise P={precision:.3f} R={recall:.3f}"
              f" (tp={tp} fp={fp} fn={fn}; {len(mapped)} of {len(rows)} extracted quotes mapped to gold)")
    assert len(mapped) >= 0.8 * len(rows)
    assert precision >= 0.95 and recall >= 0.90


def test_rebuild_gives_the_same_groups(fixture_db, tmp_path, capsys):
    copy = tmp_path / "copy.db"
    with sqlite3.connect(fixture_db) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    before = assignments(copy)
    assert main(["reuse", "--db", str(copy), "--rebuild"]) == 0
    assert "regrouped" in capsys.readouterr().out
    assert assignments(copy) == before and len(before) > 100


def test_quote_reuse_shows_every_appearance_first_seen_first(http):
    lavrov = http.get("/api/v1/clusters", params={"speaker": "Lavrov", "min_size": 3}).json()["items"]
    assert lavrov and all(c["speaker_id"] == "lavrov" for c in lavrov)
    big = max(lavrov, key=lambda c: c["size"])
    some_member = http.get(f"/api/v1/clusters/{big['cluster']}").json()["appearances"][-1]
    body = http.get(f"/api/v1/quotes/{some_member['id']}/reuse").json()
    assert body["cluster"] == big["cluster"]
    apps = body["appearances"]
    assert body["first_seen"] == apps[0]
    keys = [(a["article"]["published_at"], a["id"]) for a in apps]
    assert keys == sorted(keys)
    assert {"SANA", "Youm7", "Wakalat al-Sahafa al-Mustaqilla"} <= {a["article"]["outlet"] for a in apps}
    for a in apps:  # the one quote shape, plus drift and credit
        assert {"id", "doc", "kind", "text", "start", "end", "cue", "speaker", "article"} <= set(a)
        assert set(a["drift"]) == {"dropped", "added"}
        assert a["article"]["url"].startswith("https://")
    assert apps[0]["drift"] == {"dropped": [], "added": []}
    assert any(a["drift"]["added"] or a["drift"]["dropped"] for a in apps[1:])
    youm7 = [a for a in apps if a["article"]["outlet"] == "Youm7"]
    assert youm7 and all(a["credit"] for a in youm7)  # credits أ.ش.أ


def test_cluster_list_filters_by_dates(http):
    october = http.get("/api/v1/clusters", params={"since": "2023-10-01", "until": "2023-10-31",
                                                   "min_size": 2}).json()["items"]
    assert october
    for c in october:
        assert c["last_published"] >= "2023-10-01" and c["first_published"] <= "2023-10-31"
    none = http.get("/api/v1/clusters", params={"since": "2030-01-01"}).json()
    assert none == {"items": [], "next": None}
    page = http.get("/api/v1/clusters", params={"limit": 2}).json()
    assert len(page["items"]) == 2 and page["next"]
    page2 = http.get("/api/v1/clusters", params={"limit": 2, "cursor": page["next"]}).json()
    assert {c["cluster"] for c in page2["items"]}.isdisjoint(c["cluster"] for c in page["items"])


@pytest.mark.parametrize("path, status", [
    ("/api/v1/quotes/999999/reuse", 404), ("/api/v1/clusters/999999", 404),
    ("/api/v1/clusters?since=2023-13-01", 400), ("/api/v1/clusters?until=yesterday", 400),
    ("/api/v1/clusters?since=2023-11-02&until=2023-11-01", 400),
    ("/api/v1/clusters?cursor=bogus", 400), ("/api/v1/quotes/0/reuse", 400),
])
def test_errors(http, path, status):
    response = http.get(path)
    assert response.status_code == status
    assert response.json()["detail"]


def test_a_cluster_id_is_its_first_quote_and_stays_as_it_grows(client, tmp_path):
    """Ingest the later-published article first: the cluster keeps the id of the quote
    stored first, while first_seen is the earliest published appearance."""
    later = article("خبر\nقال سيرغي لافروف: «الغرب يحاول جر دول آسيا الوسطى إلى مواجهة مع روسيا».\n",
                    outlet="Youm7", published_at="2023-10-13")
    earlier = article("خبر آخر\nأكد لافروف: «الغرب يحاول جر دول آسيا الوسطى إلى مواجهة مع روسيا عبر وعود».\n",
                      outlet="SANA", published_at="2023-10-12")
    other = article("خبر ثالث\nقال لافروف: «الاتصالات مع الجانب الأرميني مستمرة على جميع المستويات».\n",
                    outlet="SANA", published_at="2023-10-12")
    first = client.post("/api/v1/articles", json=later).json()["quotes"][0]["id"]
    assert client.get(f"/api/v1/quotes/{first}/reuse").json()["cluster"] == first
    second = client.post("/api/v1/articles", json=earlier).json()["quotes"][0]["id"]
    third = client.post("/api/v1/articles", json=other).json()["quotes"][0]["id"]
    body = client.get(f"/api/v1/quotes/{second}/reuse").json()
    assert body["cluster"] == first
    assert body["first_seen"]["id"] == second  # earlier date wins over ingestion order
    assert [a["id"] for a in body["appearances"]] == [second, first]
    assert body["first_seen"]["article"]["outlet"] == "SANA"
    assert client.get(f"/api/v1/quotes/{third}/reuse").json()["cluster"] == third
    assert client.get(f"/api/v1/clusters/{first}").json()["size"] == 2


def test_cli_reuse_and_clusters(fixture_db, capsys):
    assert main(["clusters", "--db", str(fixture_db), "--speaker", "لافروف", "--min-size", "2"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(lines) >= 5 and all(c["speaker_id"] == "lavrov" and c["size"] >= 2 for c in lines)
    cluster = lines[0]["cluster"]
    assert main(["reuse", "--db", str(fixture_db), str(cluster)]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["cluster"] == cluster and body["first_seen"] == body["appearances"][0]


@pytest.mark.parametrize("argv, message", [
    (["reuse", "999999"], "no quote with id 999999"),
    (["reuse", "abc"], "positive whole number"),
    (["reuse", "0"], "positive whole number"),
    (["reuse"], "either a QUOTE_ID or --rebuild"),
    (["reuse", "3", "--rebuild"], "either a QUOTE_ID or --rebuild"),
    (["clusters", "--speaker", "nobody-at-all"], "no speaker matches"),
    (["clusters", "--speaker", "Lavrov", "--since", "2023-13-01"], "--since must be a date"),
    (["clusters", "--speaker", "Lavrov", "--since", "2023-11-02", "--until", "2023-11-01"], "is after"),
])
def test_cli_bad_input_exits_2(fixture_db, capsys, argv, message):
    assert main([argv[0], "--db", str(fixture_db), *argv[1:]]) == 2
    assert message in capsys.readouterr().err


def test_store_without_groups_is_grouped_by_rebuild(tmp_path, capsys):
    """A store whose quotes predate reuse groups: 404 with a hint, then --rebuild groups it."""
    db = tmp_path / "old.db"
    assert main(["ingest", "-q", "--db", str(db), str(FIXTURES / "articles" / "019_faisal_wang_spa.txt"),
                 str(FIXTURES / "articles" / "023_faisal_wang_okaz.txt")]) == 0
    with sqlite3.connect(db) as conn:
        for table in ("quote_clusters", "clusters", "reuse_terms"):
            conn.execute(f"DELETE FROM {table}")
    assert main(["reuse", "--db", str(db), "1"]) == 2
    assert "--rebuild" in capsys.readouterr().err
    assert main(["reuse", "--db", str(db), "--rebuild"]) == 0
    capsys.readouterr()
    assert main(["reuse", "--db", str(db), "1"]) == 0
