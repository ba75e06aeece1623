"""In-process store benchmarks on a generated store (pytest-benchmark).

    QAWL_BENCH_QUOTES=1000000 pytest benchmarks/bench_store.py

Size from ``QAWL_BENCH_QUOTES`` (default 10 000); the store is built once and cached in
``QAWL_BENCH_DIR`` (default the system temp folder). Target: FTS search ≤ 1 ms median.
"""

from __future__ import annotations

import itertools
import os
import random
import tempfile
from pathlib import Path

import pytest

from api.store import QuoteFilter, index_terms, open_store, query_terms
from benchmarks.store_data import build

N_QUOTES = int(os.environ.get("QAWL_BENCH_QUOTES", "10000"))
CACHE = Path(os.environ.get("QAWL_BENCH_DIR", tempfile.gettempdir()))


@pytest.fixture(scope="module")
def store():
    path = build(CACHE / f"qawl-bench-{N_QUOTES}.db", N_QUOTES)
    s = open_store(str(path))
    yield s
    s.close()


@pytest.fixture(scope="module")
def sample(store):
    """Quotes to search for: two or three consecutive words of random stored quotes."""
    rng = random.Random(1)
    conn = store._conn()
    top = conn.execute("SELECT speaker_id FROM quotes GROUP BY speaker_id ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    speakers = [r[0] for r in conn.execute("SELECT id FROM speakers")]
    phrases = []
    for _ in range(200):
        (text,) = conn.execute("SELECT text FROM quotes WHERE id = ?", (rng.randint(1, N_QUOTES),)).fetchone()
        words = text.split()
        i = rng.randrange(len(words) - 3)
        phrases.append(" ".join(words[i:i + rng.choice([2, 3])]))
    return {"phrases": phrases, "top": top, "speakers": speakers}


def test_fts_phrase_search(benchmark, store, sample):
    queries = itertools.cycle(sample["phrases"])
    page = benchmark(lambda: store.list_quotes(QuoteFilter(q=next(queries)), limit=20, cursor=None))
    assert page.items is not None


def test_fts_search_hits_contain_every_word(store, sample):
    for phrase in sample["phrases"][:20]:
        items = store.list_quotes(QuoteFilter(q=phrase), limit=20, cursor=None).items
        assert items, phrase  # the phrase was taken from a stored quote
        for quote in items:
            assert set(query_terms(phrase)) <= set(index_terms(quote.text).split())


def test_speaker_quotes_first_page_top_speaker(benchmark, store, sample):
    flt = QuoteFilter(speaker_ids=[sample["top"]])
    page = benchmark(lambda: store.list_quotes(flt, limit=20, cursor=None))
    assert len(page.items) == 20


def test_speaker_quotes_first_page_any_speaker(benchmark, store, sample):
    speakers = itertools.cycle(sample["speakers"])
    benchmark(lambda: store.list_quotes(QuoteFilter(speaker_ids=[next(speakers)]), limit=20, cursor=None))


def test_speaker_quotes_third_page(benchmark, store, sample):
    flt = QuoteFilter(speaker_ids=[sample["top"]])
    first = store.list_quotes(flt, limit=20, cursor=None)
    second = store.list_quotes(flt, limit=20, cursor=first.next)
    benchmark(lambda: store.list_quotes(flt, limit=20, cursor=second.next))


def test_speaker_quotes_with_search_words(benchmark, store, sample):
    queries = itertools.cycle(sample["phrases"])
    benchmark(lambda: store.list_quotes(
        QuoteFilter(speaker_ids=[sample["top"]], q=next(queries).split()[0]), limit=20, cursor=None))


def test_speaker_name_search(benchmark, store, sample):
    names = itertools.cycle([n for (n,) in store._conn().execute("SELECT name FROM speakers LIMIT 100")])
    benchmark(lambda: store.search_speakers(next(names), limit=20, cursor=None))
