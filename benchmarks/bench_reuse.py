"""Quote reuse (issue 7): placing one quote in its group, and regrouping a whole store.

Run: ``.venv/bin/pytest benchmarks/bench_reuse.py``; ``QAWL_BENCH_LARGE=1`` adds 100k.

The corpus is synthetic: speakers with Zipf-like quote counts (the busiest has ~1/7 of all
quotes), each statement quoted 1–5 times, each appearance trimmed and reworded (words
dropped and swapped, clauses reordered). What is avoided: all-pairs comparison is
quadratic; 5k × 5k ``token_set_ratio`` alone takes ~32 s on a 2-core runner
(``test_all_pairs_baseline`` times 300 × 300 to show the per-pair cost).

* ``test_place_in_memory``: :class:`api.reuse.ReuseIndex` holding N quotes, one placement.
* ``test_place_in_store``: :func:`api.store.clusters.place_quote` against a SQLite store of
  N quotes (the path ``save_article`` takes), one placement and its commit.
* ``test_rebuild_store``: ``qawl reuse --rebuild`` on a store of N quotes.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import random
import sqlite3
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from api.reuse import Item, ReuseIndex, features
from api.store import SqliteStore
from api.store import clusters

SIZES = [10_000] + ([100_000] if os.environ.get("QAWL_BENCH_LARGE") else [])
SYLLABLES = ("با بو بي تا تو تي دا دو دي را رو ري زا زو سا سو سي شا شو كا كو كي لا لو لي ما مو "
             "مي نا نو ني فا فو في غا غو ها هو يا يو خا خو جا جو قا قو").split()
FUNCTION = "في من إلى على عن أن إن مع هذا التي الذي قد".split()


def vocabulary(rng: random.Random, n: int = 6000) -> list[str]:
    words = set()
    while len(words) < n:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def variant(rng: random.Random, words: list[str], vocab: list[str]) -> str:
    out = list(words)
    for _ in range(rng.randint(0, 3)):  # trim
        if len(out) > 6:
            out.pop(rng.randrange(len(out)) if rng.random() < 0.5 else -1)
    for _ in range(rng.randint(0, 2)):  # synonyms
        out[rng.randrange(len(out))] = rng.choice(vocab)
    if rng.random() < 0.3:  # reordered clauses
        cut = len(out) // 2
        out = out[cut:] + out[:cut]
    return " ".join(out)


def corpus(n: int, seed: int = 7) -> list[Item]:
    """``n`` quotes in ingestion order: article by article, 5 quotes an article."""
    rng = random.Random(seed)
    vocab = vocabulary(rng)
    speakers = [f"s{i}" for i in range(400)]
    weights = [1 / (i + 1) for i in range(len(speakers))]
    items: list[Item] = []
    pending: list[tuple[str, str]] = []  # (speaker, text) still to publish
    while len(items) < n:
        if len(pending) < 50:
            speaker = rng.choices(speakers, weights)[0]
            base = [rng.choice(vocab) if rng.random() < 0.8 else rng.choice(FUNCTION)
                    for _ in range(rng.randint(8, 20))]
            pending += [(speaker, variant(rng, base, vocab)) for _ in range(rng.randint(1, 5))]
        speaker, text = pending.pop(rng.randrange(len(pending)))
        qid = len(items) + 1
        day = dt.date(2022, 1, 1) + dt.timedelta(days=qid // 300)  # ~300 quotes a day
        items.append(Item(quote_id=qid, speaker_id=speaker, article_id=(qid - 1) // 5 + 1, text=text,
                          published_at=day.isoformat()))
    return items


@pytest.mark.parametrize("size", SIZES)
def test_place_in_memory(benchmark, size):
    items = corpus(size + 2000)
    index = ReuseIndex()
    for it in items[:size]:
        index.place(it)
    rounds = iter(items[size:])
    benchmark.extra_info["quotes"] = size

    def place_next():
        index.place(next(rounds))

    benchmark.pedantic(place_next, rounds=1500, iterations=1, warmup_rounds=20)


def build_store(path: Path, items: list[Item]) -> SqliteStore:
    """A store holding ``items`` as quotes (bare articles and speakers), not yet grouped."""
    store = SqliteStore(path)
    conn = store._conn()
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO articles (id, content_hash, url, outlet, published_at, text, extractor_version, ingested_at)"
        " VALUES (?, ?, NULL, ?, ?, '', 'bench', '')",
        list({it.article_id: (it.article_id, f"h{it.article_id}", f"outlet{it.article_id % 30}", it.published_at)
              for it in items}.values()))
    conn.executemany("INSERT INTO speakers (id, name, type, created_at) VALUES (?, ?, 'person', '')",
                     {(it.speaker_id, it.speaker_id) for it in items})
    conn.executemany(
        'INSERT INTO quotes (id, article_id, ordinal, doc, segment, kind, text, start, "end", cue_text,'
        " cue_start, cue_end, speaker_id, speaker_name, speaker_mention, speaker_type, speaker_linked,"
        " confidence, extractor_version, published_at)"
        " VALUES (?, ?, ?, 'bench', 'main', 'indirect', ?, 0, 1, 'قال', 0, 1, ?, ?, ?, 'person', 1, 0.5, 'bench', ?)",
        [(it.quote_id, it.article_id, it.quote_id, it.text, it.speaker_id, it.speaker_id, it.speaker_id,
          it.published_at) for it in items])
    conn.execute("COMMIT")
    return store


@pytest.mark.parametrize("size", SIZES)
def test_place_in_store(benchmark, tmp_path, size):
    items = corpus(size + 1000)
    store = build_store(tmp_path / "bench.db", items[:size])
    conn = store._conn()
    clusters.rebuild(conn)
    extra = items[size:]
    conn.execute("BEGIN")
    conn.executemany("INSERT OR IGNORE INTO speakers (id, name, type, created_at) VALUES (?, ?, 'person', '')",
                     {(it.speaker_id, it.speaker_id) for it in extra})
    conn.executemany(
        'INSERT INTO quotes (id, article_id, ordinal, doc, segment, kind, text, start, "end", cue_text,'
        " cue_start, cue_end, speaker_id, speaker_name, speaker_mention, speaker_type, speaker_linked,"
        " confidence, extractor_version, published_at)"
        " VALUES (?, 1, ?, 'bench', 'main', 'indirect', ?, 0, 1, 'قال', 0, 1, ?, ?, ?, 'person', 1, 0.5, 'bench', ?)",
        [(it.quote_id, it.quote_id, it.text, it.speaker_id, it.speaker_id, it.speaker_id, it.published_at)
         for it in extra])
    conn.execute("COMMIT")
    rounds = iter(extra)
    benchmark.extra_info["quotes"] = size

    def place_next():
        conn.execute("BEGIN IMMEDIATE")
        clusters.place_quote(conn, next(rounds))
        conn.execute("COMMIT")

    benchmark.pedantic(place_next, rounds=800, iterations=1, warmup_rounds=20)
    store.close()


@pytest.mark.parametrize("size", SIZES)
def test_rebuild_store(benchmark, tmp_path, size):
    items = corpus(size)
    store = build_store(tmp_path / "bench.db", items)
    benchmark.extra_info["quotes"] = size
    stats = benchmark.pedantic(store.rebuild_clusters, rounds=2, iterations=1)
    assert stats.quotes == size and stats.reused > size // 10
    store.close()


def test_rebuild_equals_incremental_on_the_synthetic_corpus(tmp_path):
    """Not timed: the store's one-by-one placement gives the rebuild's groups."""
    items = corpus(3000)
    store = build_store(tmp_path / "eq.db", [])
    conn = store._conn()
    by_article = itertools.groupby(items, key=lambda it: it.article_id)
    for article_id, group in by_article:
        group = list(group)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO articles (id, content_hash, text, extractor_version, ingested_at, published_at)"
                     " VALUES (?, ?, '', 'b', '', ?)", (article_id, f"h{article_id}", group[0].published_at))
        for it in group:
            conn.execute("INSERT OR IGNORE INTO speakers (id, name, type, created_at) VALUES (?, ?, 'person', '')",
                         (it.speaker_id, it.speaker_id))
            conn.execute(
                'INSERT INTO quotes (id, article_id, ordinal, doc, segment, kind, text, start, "end", cue_text,'
                " cue_start, cue_end, speaker_id, speaker_name, speaker_mention, speaker_type, speaker_linked,"
                " confidence, extractor_version, published_at)"
                " VALUES (?, ?, ?, 'b', 'main', 'indirect', ?, 0, 1, 'قال', 0, 1, ?, ?, ?, 'person', 1, 0.5, 'b', ?)",
                (it.quote_id, article_id, it.quote_id, it.text, it.speaker_id, it.speaker_id, it.speaker_id,
                 it.published_at))
        clusters.place_article(conn, group)
        conn.execute("COMMIT")
    incremental = clusters.assignments(conn)
    stats = store.rebuild_clusters()
    assert clusters.assignments(conn) == incremental
    assert stats.reused > 100
    store.close()


def test_all_pairs_baseline(benchmark):
    """What is avoided: 300 × 300 token_set_ratio (5k × 5k is ~280× this)."""
    texts = [" ".join(features(it.text).stems) for it in corpus(300)]

    def all_pairs():
        return sum(fuzz.token_set_ratio(a, b, processor=None) > 60 for a in texts for b in texts)

    benchmark.pedantic(all_pairs, rounds=3, iterations=1)
