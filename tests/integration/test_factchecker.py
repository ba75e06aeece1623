"""A fact-checker's day: ingest the five seeds, find Lavrov by any spelling, read his
quotes with dates and exact evidence, and find one by a phrase of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from litestar.testing import TestClient

from api.app import create_app
from api.cli import main
from api.settings import Settings

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"

pytestmark = pytest.mark.skipif(
    not sorted(SEEDS.glob("*.txt")),
    reason=f"the seed articles are not here ({SEEDS}); they come with the shared folder next to the repo")


@pytest.fixture(scope="module")
def store_file(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("factcheck") / "seeds.db"
    assert main(["ingest", "-q", "--db", str(db), str(SEEDS)]) == 0
    return db


@pytest.fixture
def http(store_file):
    with TestClient(create_app(Settings(database_url=str(store_file)))) as client:
        yield client


def test_five_seeds_are_stored(http):
    assert http.get("/health").json()["store"]["articles"] == 5


@pytest.mark.parametrize("spelling", ["لافروف", "سيرجي لافروف", "سيرغي لافروف", "Lavrov"])
def test_lavrov_found_by_any_spelling_with_his_spellings(http, spelling):
    items = http.get("/api/v1/speakers", params={"q": spelling}).json()["items"]
    assert items, spelling
    lavrov = items[0]
    assert lavrov["id"] == "lavrov" and lavrov["type"] == "person"
    assert {"لافروف", "سيرجي لافروف", "سيرغي لافروف"} <= set(lavrov["aliases"])
    assert lavrov["quote_count"] >= 5


def test_his_quotes_come_with_dates_and_exact_evidence(http):
    quotes, cursor = [], None
    while True:
        page = http.get("/api/v1/speakers/lavrov/quotes",
                        params={"limit": 5, **({"cursor": cursor} if cursor else {})}).json()
        quotes += page["items"]
        if not (cursor := page["next"]):
            break
    assert len(quotes) >= 5
    dates = [q["article"]["published_at"] for q in quotes]
    assert all(dates) and dates == sorted(dates, reverse=True)
    assert len({q["article"]["id"] for q in quotes}) >= 3  # several seeds quote him
    texts = {}
    for q in quotes:
        article_id = q["article"]["id"]
        if article_id not in texts:
            texts[article_id] = http.get(f"/api/v1/articles/{article_id}").json()["text"]
        assert texts[article_id][q["start"]:q["end"]] == q["text"]
        detail = http.get(f"/api/v1/quotes/{q['id']}").json()
        assert q["text"] in detail["evidence"]["sentence"] or detail["evidence"]["sentence"] in q["text"]
        assert "outlet" in detail["article"] and detail["article"]["published_at"] == q["article"]["published_at"]


def test_a_phrase_of_his_quote_finds_it(http):
    quotes = http.get("/api/v1/speakers/lavrov/quotes", params={"limit": 100}).json()["items"]
    target = max(quotes, key=lambda q: len(q["text"]))
    phrase = " ".join(target["text"].split()[1:5])
    found = http.get("/api/v1/quotes", params={"q": phrase}).json()["items"]
    assert target["id"] in [q["id"] for q in found]
    by_him = http.get("/api/v1/quotes", params={"q": phrase, "speaker": "Lavrov"}).json()["items"]
    assert target["id"] in [q["id"] for q in by_him]
    assert all(q["speaker"]["id"] == "lavrov" for q in by_him)
