"""Search read in index order (issue 6): the same pages as sorting every match, the index
kept by triggers, old stores converted; cached first pages of a speaker's quotes."""

from __future__ import annotations

import random
import sqlite3

import pytest

from api.store import NewArticle, QuoteFilter, index_terms, open_store
from api.store.sqlite import migrations
from extractors.types import Article, Cue, Extraction, Quote, Segment, Speaker

# published_at values sharing days (date-times and bare dates), and undated articles
DATES = ["2023-01-02", "2023-01-02T09:00:00", "2023-01-02T23:59:59+03:00", "2023-01-02T09:00:00.5",
         "2023-01-03", "2023-01-03", "2022-12-31T10:00:00", "", "", "2024-02-29", "1999-05-05T00:00:00Z"]
WORDS = ["سلام", "حرب", "اتفاق", "مفاوضات"]


def _extraction(text: str, spans: list[tuple[int, int, str]], published: str | None) -> Extraction:
    quotes = [Quote(doc="t", segment="main", kind="direct", text=text[s:e], start=s, end=e,
                    cue=Cue(text="قال", start=0, end=3),
                    speaker=Speaker(name=name, mention=name, type="person", id=name), confidence=0.8)
              for s, e, name in spans]
    return Extraction(article=Article(doc="t", headline=None, headline_start=None, published=published,
                                      credit=None, segments=[Segment(kind="main", start=0, end=len(text))]),
                      quotes=quotes)


def _fill(store, n_articles: int = 60, seed: int = 3) -> None:
    rng = random.Random(seed)
    for i in range(n_articles):
        parts, spans, text = [], [], ""
        for j in range(rng.randint(1, 4)):
            quote = " ".join(rng.choices(WORDS, k=3)) + f" رقم{i}x{j}"
            text += "قال فلان: «"
            spans.append((len(text), len(text) + len(quote), rng.choice(["sp-a", "sp-b"])))
            text += quote + "». "
            parts.append(quote)
        published = rng.choice(DATES) or None
        store.save_article(NewArticle(text=text, url=f"https://x.example/{i}", outlet="SANA",
                                      published_at=published),
                           _extraction(text, spans, published), extractor_version="t")


def _all_pages(store, flt: QuoteFilter, limit: int) -> list[int]:
    ids, cursor = [], None
    while True:
        page = store.list_quotes(flt, limit=limit, cursor=cursor)
        ids += [q.id for q in page.items]
        if page.next is None:
            return ids
        cursor = page.next


def _expected(store, flt: QuoteFilter) -> list[int]:
    rows = store._conn().execute("SELECT id, published_at, text, speaker_id FROM quotes").fetchall()
    words = set(index_terms(flt.q).split()) if flt.q else set()
    keep = [(p, i) for i, p, t, s in rows
            if words <= set(index_terms(t).split())
            and (flt.speaker_ids is None or s in flt.speaker_ids)
            and (not flt.since or p >= flt.since)
            and (not flt.until or (p and p[:10] <= flt.until))]
    return [i for _, i in sorted(keep, reverse=True)]


@pytest.mark.parametrize("limit", [1, 2, 3, 7, 20, 100])
def test_search_pages_are_in_exact_date_order(tmp_path, limit):
    store = open_store(str(tmp_path / "s.db"))
    _fill(store)
    filters = [QuoteFilter(q="سلام"), QuoteFilter(q="حرب اتفاق"), QuoteFilter(q="سلام", speaker_ids=["sp-a"]),
               QuoteFilter(q="مفاوضات", since="2023-01-02"), QuoteFilter(q="حرب", until="2023-01-02"),
               QuoteFilter(q="اتفاق", since="2022-12-31", until="2023-01-03")]
    for flt in filters:
        expected = _expected(store, flt)
        assert expected, flt
        assert _all_pages(store, flt, limit) == expected, flt
    store.close()


def test_search_index_follows_inserts_updates_and_deletes(tmp_path):
    store = open_store(str(tmp_path / "s.db"))
    _fill(store, 10)
    conn = store._conn()
    qid, published = conn.execute("SELECT id, published_at FROM quotes ORDER BY id LIMIT 1").fetchone()
    conn.execute("UPDATE quotes SET text = 'كلمة جديدة', published_at = '2030-01-01' WHERE id = ?", (qid,))
    assert [q.id for q in store.list_quotes(QuoteFilter(q="جديدة"), limit=5, cursor=None).items] == [qid]
    assert store.list_quotes(QuoteFilter(q="جديدة", until="2029-12-31"), limit=5, cursor=None).items == []
    conn.execute("DELETE FROM quote_clusters WHERE quote_id = ?", (qid,))
    conn.execute("DELETE FROM quotes WHERE id = ?", (qid,))
    assert store.list_quotes(QuoteFilter(q="جديدة"), limit=5, cursor=None).items == []
    n_quotes = conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
    assert conn.execute("SELECT count(*) FROM quotes_search").fetchone()[0] == n_quotes
    store.close()


def test_stores_of_schema_3_are_converted(tmp_path):
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db, isolation_level=None)
    for version, _, sql in migrations()[:3]:
        conn.executescript(sql)
    conn.execute("PRAGMA user_version=3")
    conn.execute("INSERT INTO articles (id, content_hash, text, extractor_version, ingested_at, published_at)"
                 " VALUES (1, 'h', 'قال فلان: «السلام قريب»', 't', '', '2023-05-06')")
    conn.execute("INSERT INTO speakers (id, name, type, created_at) VALUES ('s', 'فلان', 'person', '')")
    for qid, published in [(1, "2023-05-06"), (2, "")]:
        conn.execute(
            'INSERT INTO quotes (id, article_id, ordinal, doc, segment, kind, text, start, "end", cue_text,'
            " cue_start, cue_end, speaker_id, speaker_name, speaker_mention, speaker_type, speaker_linked,"
            " confidence, extractor_version, published_at) VALUES (?, 1, ?, 't', 'main', 'direct',"
            " 'السلام قريب', 11, 22, 'قال', 0, 3, 's', 'فلان', 'فلان', 'person', 1, 0.9, 't', ?)",
            (qid, qid, published))
        conn.execute("INSERT INTO quotes_fts (rowid, norm) VALUES (?, ?)", (qid, index_terms("السلام قريب")))
    conn.close()
    store = open_store(str(db))
    assert [q.id for q in store.list_quotes(QuoteFilter(q="سلام"), limit=5, cursor=None).items] == [1, 2]
    assert store._conn().execute(
        "SELECT count(*) FROM sqlite_master WHERE name = 'quotes_fts'").fetchone()[0] == 0
    store.close()


def test_first_page_is_cached_until_the_store_changes(client, seeded, texts, settings):
    url = "/api/v1/speakers/lavrov/quotes"
    first = client.get(url)
    assert first.headers["content-type"] == "application/json"
    again = client.get(url)
    assert again.content == first.content
    filtered = client.get(url, params={"since": "1900-01-01"})  # not cached: the same answer
    assert filtered.json() == first.json()
    before = len(first.json()["items"])
    response = client.post("/api/v1/articles", json={
        "text": "قال سيرغي لافروف: «جملة جديدة تماما».", "published_at": "2023-10-20"})
    assert response.status_code == 201
    after = client.get(url).json()["items"]
    assert len(after) == before + 1 and after[0]["text"] == "جملة جديدة تماما"
    if settings.database_url.startswith("postgres"):
        return  # not cached (no change_token)
    # a write through another connection (another process, the CLI) is seen too
    other = open_store(settings.database_url)
    conn = other._conn()
    conn.execute("UPDATE quotes SET confidence = 0.5 WHERE id = ?", (after[0]["id"],))
    other.close()
    latest = client.get(url).json()["items"]
    assert latest[0]["confidence"] == 0.5
    assert client.get(url, params={"limit": 1}).json()["items"] == latest[:1]
