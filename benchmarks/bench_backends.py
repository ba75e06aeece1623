"""SQLite and PostgreSQL side by side, same data, same run (issue 11).

    .venv/bin/python -m benchmarks.bench_backends [--quotes 100000] [--articles 400] [--workers 4]

PostgreSQL comes from ``--pg URL``, else ``QAWL_BENCH_POSTGRES_URL``, else
``QAWL_TEST_POSTGRES_URL``; without one (or when it does not answer) only SQLite runs and
the report says why. The benchmark works in its own schemas (``qawl_bench_*``), dropped
and rebuilt each run.

1. **Who said what**: ``list_quotes`` for one speaker, first page (20), on the generated
   store of :mod:`benchmarks.store_data` (built once as SQLite, then copied row for row
   into PostgreSQL with the same FTS terms), for the most quoted speaker and a median one;
   plus a two-word full-text search and the second page of the top speaker. Wall time
   per call, in process, after a warm-up (PostgreSQL's time includes the local socket).
2. **Ingest throughput**: ``save_article`` of generated articles (5 quotes each, 60
   speakers, precomputed extractions, so this is store time, not extraction) into a fresh
   store: one process, then ``--workers`` processes on disjoint shares at once.

Not a pytest-benchmark file (no ``test_`` functions): the gate times CPU of one process, and
PostgreSQL's work happens in the server's.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from api.store import NewArticle, QuoteFilter, index_terms, open_store
from benchmarks.store_data import build
from extractors.types import Article, Cue, Extraction, Quote, Segment, Speaker

CACHE = Path(os.environ.get("QAWL_BENCH_DIR", tempfile.gettempdir()))


# --- data ----------------------------------------------------------------------------
def _tsvector_literal(terms: str) -> str:
    return " ".join("'" + w.replace("\\", "\\\\").replace("'", "''") + "'" for w in dict.fromkeys(terms.split()))


def copy_to_postgres(sqlite_file: Path, url: str) -> None:
    """Every row of the generated SQLite store into the (migrated, empty) PostgreSQL store."""
    import psycopg

    src = sqlite3.connect(sqlite_file)
    tables = {
        "speakers": "id, name, type, origin, created_at",
        "aliases": "speaker_id, alias, key, skeleton, seen",
        "articles": "id, content_hash, url, outlet, outlet_key, headline, published_at, credit, doc, text,"
                    " extractor_version, ingested_at",
        "quotes": 'id, article_id, ordinal, doc, segment, kind, text, start, "end", cue_text, cue_start, cue_end,'
                  " speaker_id, speaker_name, speaker_mention, speaker_type, speaker_start, speaker_end,"
                  " speaker_linked, source, confidence, extractor_version, published_at, outlet",
    }
    with psycopg.connect(url) as dst:
        for table, cols in tables.items():
            extra = ", fts" if table == "quotes" else ""
            with dst.cursor() as cur, cur.copy(f"COPY {table} ({cols}{extra}) FROM STDIN") as copy:
                for row in src.execute(f"SELECT {cols} FROM {table} ORDER BY 1"):
                    copy.write_row([*row, _tsvector_literal(index_terms(row[6]))] if extra else row)
        for table in ("articles", "quotes"):
            dst.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
    with psycopg.connect(url, autocommit=True) as dst:
        dst.execute("VACUUM ANALYZE")
    src.close()


_NAMES = ["سيرغي لافروف", "رجب طيب أردوغان", "أنطونيو غوتيريش", "ماريا زاخاروفا", "دميتري بيسكوف",
          "جون كيربي", "إيمانويل ماكرون", "فيصل بن فرحان", "وانغ يي", "فولوديمير زيلينسكي"]
_WORDS = ("الغرب يحاول إبعاد دول آسيا الوسطى عن روسيا العلاقات مع الاتحاد الأوروبي وصلت إلى طريق مسدود"
          " لن نقبل بالإملاءات الرئيس سيزور أستانا قريبا الحوار منفتحة موسكو الأمن الطاقة الممرات").split()


def articles(n: int, seed: int = 11) -> list[tuple[NewArticle, Extraction]]:
    """``n`` articles of five quotes each, with their extractions (offsets checked)."""
    rng = random.Random(seed)
    names = [f"{rng.choice(_NAMES)} {i}" if i >= len(_NAMES) else _NAMES[i] for i in range(60)]
    out = []
    for a in range(n):
        parts, spans = [f"خبر رقم {a}\n"], []
        for _ in range(5):
            name = rng.choice(names)
            text = " ".join(rng.choices(_WORDS, k=rng.randint(6, 14)))
            head = "".join(parts) + f"قال {name}: «"
            spans.append((len(head), len(head) + len(text), name, len("".join(parts)) + 4))
            parts.append(f"قال {name}: «{text}».\n")
        body = "".join(parts)
        quotes = [Quote(doc=f"b{a}", segment="main", kind="direct", text=body[s:e], start=s, end=e,
                        cue=Cue(text="قال", start=c - 4, end=c - 1),
                        speaker=Speaker(name=name, mention=name, type="person", start=c, end=c + len(name)),
                        confidence=0.9) for s, e, name, c in spans]
        day = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        ext = Extraction(article=Article(doc=f"b{a}", headline=f"خبر رقم {a}", headline_start=0, published=day,
                                         credit=None, segments=[Segment(kind="main", start=0, end=len(body))]),
                         quotes=quotes)
        out.append((NewArticle(text=body, outlet=rng.choice(["SANA", "Youm7", "RT Arabic"]), published_at=day,
                               doc=f"b{a}"), ext))
    return out


# --- measurements ---------------------------------------------------------------------
def timed(fn, *, seconds: float, min_calls: int = 20) -> tuple[float, float, int]:
    """(median, p95) wall time of ``fn()`` in ms after a warm-up; and how many calls."""
    for _ in range(5):
        fn()
    times: list[float] = []
    deadline = time.perf_counter() + seconds
    while len(times) < min_calls or time.perf_counter() < deadline:
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    times.sort()
    return statistics.median(times) * 1000, times[int(len(times) * 0.95) - 1] * 1000, len(times)


def query_figures(url: str, seconds: float) -> dict[str, tuple[float, float, int]]:
    store = open_store(url)
    try:
        ranked = store.search_speakers(None, limit=1000, cursor=None).items
        quoted = [sp for sp in ranked if sp.quote_count]
        top, mid = quoted[0], quoted[len(quoted) // 2]
        first = store.list_quotes(QuoteFilter(speaker_ids=[top.id]), limit=20, cursor=None)
        words = " ".join(first.items[0].text.split()[2:4])  # two words of a stored quote
        return {
            f"who said what: top speaker ({top.quote_count} quotes), page 1":
                timed(lambda: store.list_quotes(QuoteFilter(speaker_ids=[top.id]), limit=20, cursor=None), seconds=seconds),
            f"who said what: median speaker ({mid.quote_count} quotes), page 1":
                timed(lambda: store.list_quotes(QuoteFilter(speaker_ids=[mid.id]), limit=20, cursor=None), seconds=seconds),
            "who said what: top speaker, page 2":
                timed(lambda: store.list_quotes(QuoteFilter(speaker_ids=[top.id]), limit=20, cursor=first.next),
                      seconds=seconds),
            f"search «{words}», page 1":
                timed(lambda: store.list_quotes(QuoteFilter(q=words), limit=20, cursor=None), seconds=seconds),
        }
    finally:
        store.close()


def _save_share(url: str, batch: list[tuple[NewArticle, Extraction]], start: float) -> None:
    store = open_store(url)
    time.sleep(max(0.0, start - time.time()))
    for article, ext in batch:
        store.save_article(article, ext, extractor_version="bench")
    store.close()


def ingest_figures(fresh_url, batch: list, workers: int) -> dict[str, float]:
    """Articles a second: one process, then ``workers`` processes (fresh store each)."""
    out = {}
    url = fresh_url()
    store = open_store(url)
    t0 = time.perf_counter()
    for article, ext in batch:
        store.save_article(article, ext, extractor_version="bench")
    out["1 process"] = len(batch) / (time.perf_counter() - t0)
    assert store.stats().articles == len(batch)
    store.close()

    url = fresh_url()
    open_store(url).close()  # migrated before the clock starts
    ctx = multiprocessing.get_context("spawn")
    start = time.time() + 3.0
    procs = [ctx.Process(target=_save_share, args=(url, batch[w::workers], start)) for w in range(workers)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    elapsed = time.time() - start
    if any(p.exitcode != 0 for p in procs):
        raise RuntimeError("an ingest worker failed")
    store = open_store(url)
    assert store.stats().articles == len(batch)
    store.close()
    out[f"{workers} processes"] = len(batch) / elapsed
    return out


# --- main -----------------------------------------------------------------------------
def postgres_url(explicit: str | None) -> tuple[str | None, str]:
    url = explicit or os.environ.get("QAWL_BENCH_POSTGRES_URL") or os.environ.get("QAWL_TEST_POSTGRES_URL")
    if not url:
        return None, "no PostgreSQL: pass --pg URL or set QAWL_BENCH_POSTGRES_URL / QAWL_TEST_POSTGRES_URL"
    try:
        import psycopg

        psycopg.connect(url, connect_timeout=3).close()
    except Exception as exc:  # noqa: BLE001
        from api.store.postgres import redact

        return None, f"PostgreSQL at {redact(url)} unreachable: {str(exc).strip()}"
    return url, ""


def fresh_schema(server: str, name: str) -> str:
    import psycopg

    from api.store.postgres import with_schema

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")
        conn.execute(f"CREATE SCHEMA {name}")
    return with_schema(server, name)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.bench_backends", description=__doc__.split("\n\n")[0])
    ap.add_argument("--quotes", type=int, default=100_000, help="size of the generated query store")
    ap.add_argument("--articles", type=int, default=400, help="articles to ingest (5 quotes each)")
    ap.add_argument("--workers", type=int, default=4, help="ingest processes at once")
    ap.add_argument("--seconds", type=float, default=1.0, help="time per query figure")
    ap.add_argument("--pg", default=None, help="PostgreSQL server URL")
    args = ap.parse_args(argv)

    pg, why = postgres_url(args.pg)
    print(f"# bench_backends: {args.quotes} quotes, {args.articles} articles, {args.workers} workers", flush=True)
    if pg is None:
        print(f"# postgres skipped: {why}", flush=True)
    lite = build(CACHE / f"qawl-bench-{args.quotes}.db", args.quotes)
    urls = {"sqlite": str(lite)}
    if pg is not None:
        t0 = time.perf_counter()
        urls["postgres"] = fresh_schema(pg, f"qawl_bench_q{args.quotes}")
        open_store(urls["postgres"]).close()
        copy_to_postgres(lite, urls["postgres"])
        print(f"# copied the store into PostgreSQL in {time.perf_counter() - t0:.1f} s", flush=True)

    results = {name: query_figures(url, args.seconds) for name, url in urls.items()}
    print("\n## query, wall ms per call: median / p95 (calls)")
    for label in results["sqlite"]:
        row = "  ".join(f"{name}: {r[label][0]:7.3f} / {r[label][1]:7.3f} ({r[label][2]})" for name, r in results.items())
        print(f"{label:58s} {row}")

    batch = articles(args.articles)
    counter = iter(range(1000))
    tmp = Path(tempfile.mkdtemp(prefix="qawl-bench-ingest-"))
    fresh = {"sqlite": lambda: str(tmp / f"ingest-{next(counter)}.db")}
    if pg is not None:
        fresh["postgres"] = lambda: fresh_schema(pg, f"qawl_bench_ingest_{next(counter)}")
    ingest = {name: ingest_figures(make, batch, args.workers) for name, make in fresh.items()}
    print(f"\n## ingest: articles a second ({args.articles} articles, {args.articles * 5} quotes, store time only)")
    for label in ingest["sqlite"]:
        print(f"{label:58s} " + "  ".join(f"{name}: {r[label]:8.1f}" for name, r in ingest.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
