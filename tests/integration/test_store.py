"""The store directly (SQLite, and PostgreSQL where a test takes ``database_url``): migrations, URLs, idempotency, evidence offsets, search terms."""

from __future__ import annotations

import sqlite3

import pytest

from api.store import (
    NewArticle, QuoteFilter, SpeakerEntry, StoreError, index_terms, open_store, query_terms,
    skeleton, sqlite_path,
)
from api.store.sqlite import migrations
from extractors.types import Article, Cue, Extraction, Quote, Segment, Speaker

TEXT = "قال فلان: «نص أول». وقال علان: «نص ثان»."


def extraction(text: str, spans: list[tuple[int, int, str]]) -> Extraction:
    quotes = [Quote(doc="t", segment="main", kind="direct", text=text[s:e], start=s, end=e,
                    cue=Cue(text="قال", start=0, end=3),
                    speaker=Speaker(name=name, mention=name, type="person"), confidence=0.8)
              for s, e, name in spans]
    return Extraction(article=Article(doc="t", headline=None, headline_start=None, published="2023-01-02",
                                      credit=None, segments=[Segment(kind="main", start=0, end=len(text))]),
                      quotes=quotes)


def test_sqlite_urls():
    assert sqlite_path("sqlite:///qawl.db") == "qawl.db"
    assert sqlite_path("sqlite:////srv/q.db") == "/srv/q.db"
    assert sqlite_path("/srv/q.db") == "/srv/q.db"
    with pytest.raises(StoreError):
        sqlite_path("sqlite://host/q.db")
    with pytest.raises(StoreError):
        open_store("mysql://x/y")


def test_migrations_are_numbered_and_applied_once(tmp_path):
    assert [v for v, _, _ in migrations()] == list(range(1, len(migrations()) + 1))
    db = tmp_path / "m.db"
    open_store(str(db)).close()
    store = open_store(str(db))  # reopening applies nothing and keeps data
    assert store.stats().schema_version == len(migrations())
    store.close()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.execute("PRAGMA user_version=999")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        open_store(str(db))


def test_quotes_whose_offsets_do_not_match_are_not_stored(database_url):
    store = open_store(database_url)
    good = (TEXT.index("نص أول"), TEXT.index("نص أول") + len("نص أول"), "فلان")
    bad = (0, 5, "علان")  # text[0:5] is not what the quote says once replaced below
    ext = extraction(TEXT, [good, bad])
    ext.quotes[1] = Quote(**{**{f: getattr(ext.quotes[1], f) for f in ext.quotes[1].__struct_fields__},
                            "text": "شيء آخر"})
    result = store.save_article(NewArticle(text=TEXT), ext, extractor_version="v")
    assert result.created and len(result.quote_ids) == 1
    again = store.save_article(NewArticle(text=TEXT), ext, extractor_version="v")
    assert not again.created and again.article_id == result.article_id
    quote = store.get_quote(result.quote_ids[0])
    assert TEXT[quote.start:quote.end] == quote.text == "نص أول"
    assert quote.article.published_at == "2023-01-02"  # from the extraction when not given
    store.close()


def test_speakers_saved_and_loaded_by_origin(database_url):
    store = open_store(database_url)
    store.save_speakers([SpeakerEntry(id="x-1", name="كريم منصوري", type="unknown", aliases=["منصوري"])],
                        origin="learned")
    store.save_speakers([SpeakerEntry(id="lavrov", name="سيرغي لافروف", type="person", aliases=["Lavrov"])],
                        origin="registry")
    assert store.load_speakers(origin="learned") == [
        SpeakerEntry(id="x-1", name="كريم منصوري", type="unknown", aliases=["منصوري"])]
    assert store.resolve_speakers("Lavrov") == ["lavrov"]
    assert store.resolve_speakers("x-1") == ["x-1"]
    store.close()


def test_search_terms_meet_across_clitics_and_spellings():
    assert set(query_terms("الاملاءات")) <= set(index_terms("لن نقبل بالإملاءات").split())
    assert set(query_terms("الاتحاد الأوروبى")) <= set(index_terms("وللاتحاد الأوروبي موقف").split())
    assert query_terms("لن") == ["لن"]  # short words are left alone
    assert skeleton("Lavrov") == skeleton("لافروف")
    assert skeleton("Putin") == skeleton("بوتين")
    assert skeleton("Lavrov") != skeleton("Putin")


def test_list_quotes_with_no_usable_words_is_empty(database_url):
    store = open_store(database_url)
    assert store.list_quotes(QuoteFilter(q="!!"), limit=5, cursor=None).items == []
    assert store.list_quotes(QuoteFilter(speaker_ids=[]), limit=5, cursor=None).items == []
    store.close()
