"""The PostgreSQL store (issue 11): migrations under a lock, the same answers as SQLite on
the same data, and real processes (ingest workers, API servers) sharing one database.

Every test here needs ``QAWL_TEST_POSTGRES_URL`` and skips, saying so, without it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import httpx
import psycopg
import pytest
from realserver import free_port, stop

from api.ingest import Ingestor, load_pipeline
from api.schemas import ArticleIn
from api.store import QuoteFilter, StoreError, open_store
from api.store.clusters import ClusterFilter
from api.store.postgres import migrations as pg_migrations, redact, with_schema
from api.store.sqlite import migrations as sqlite_migrations
from extractors.normalize import normalize_key


REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "fixtures"


def _env() -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("QAWL_DATABASE_URL", None)
    env.pop("QAWL_WRITE_KEYS", None)
    return env


def _schema_rows(url: str) -> list[tuple[int]]:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT version FROM qawl_schema").fetchall()


def test_same_schema_versions_as_sqlite():
    assert [v for v, _, _ in pg_migrations()] == [v for v, _, _ in sqlite_migrations()]
    assert [n for _, n, _ in pg_migrations()] == [n for _, n, _ in sqlite_migrations()]


def test_urls_are_redacted_and_schemas_set():
    assert redact("postgresql://u:secret@h:5/db") == "postgresql://u:***@h:5/db"
    assert redact("postgresql://h/db") == "postgresql://h/db"
    assert with_schema("postgresql://h/db?sslmode=disable", "s1") == \
        "postgresql://h/db?sslmode=disable&options=-csearch_path%3Ds1"
    with pytest.raises(StoreError):
        with_schema("postgresql://h/db", "x; DROP")


def test_unreachable_server_is_a_clear_error():
    with pytest.raises(StoreError, match="cannot connect to PostgreSQL at postgresql://u:\\*\\*\\*@127.0.0.1:1/db"):
        open_store("postgresql://u:pw@127.0.0.1:1/db")


def test_migrations_applied_once_and_newer_schema_refused(postgres_url):
    store = open_store(postgres_url)
    assert store.stats().backend == "postgres"
    assert store.stats().schema_version == len(pg_migrations())
    store.close()
    open_store(postgres_url).close()  # reopening applies nothing
    assert _schema_rows(postgres_url) == [(len(pg_migrations()),)]
    with psycopg.connect(postgres_url) as conn:
        conn.execute("UPDATE qawl_schema SET version = 999")
    with pytest.raises(StoreError, match="newer"):
        open_store(postgres_url)


def test_processes_starting_at_once_migrate_once(postgres_url, tmp_path):
    """Eight processes open one empty schema at the same moment: all succeed, the
    migrations run once (a race would fail on CREATE TABLE or leave two version rows)."""
    script = textwrap.dedent(f"""
        import sys, time
        from api.store import open_store
        time.sleep(max(0.0, {time.time() + 1.5!r} - time.time()))
        store = open_store(sys.argv[1])
        print(store.stats().schema_version)
        store.close()
    """)
    procs = [subprocess.Popen([sys.executable, "-c", script, postgres_url], env=_env(), cwd=tmp_path,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(8)]
    outs = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0] * 8, [err[-800:] for _, err in outs]
    assert {out.strip() for out, _ in outs} == {str(len(pg_migrations()))}
    assert _schema_rows(postgres_url) == [(len(pg_migrations()),)]


# --- the same answers as SQLite ---------------------------------------------------------
def _fixture_articles() -> list[ArticleIn]:
    meta = json.loads((FIXTURES / "metadata.json").read_text(encoding="utf-8"))
    out = []
    for path in sorted((FIXTURES / "articles").glob("*.txt")):
        m = meta.get(path.name, {})
        out.append(ArticleIn(text=path.read_text(encoding="utf-8"), url=m.get("url"), outlet=m.get("outlet"),
                             published_at=m.get("published_at")))
    return out


def _ingest_all(url: str) -> object:
    store = open_store(url)
    ingestor = Ingestor(store, load_pipeline(), max_text_chars=200_000)
    for i, item in enumerate(_fixture_articles()):
        ingestor.ingest(item, doc=f"doc{i}")
    return store


def test_same_answers_as_sqlite_on_the_same_data(postgres_url, tmp_path):
    """The fixture corpus through the real pipeline into both stores: every search word
    (and its clitic forms, and word pairs), every speaker query, filters, stats and reuse
    groups give the same answers."""
    lite, pg = _ingest_all(str(tmp_path / "same.db")), _ingest_all(postgres_url)
    try:
        a, b = lite.stats(), pg.stats()
        assert (a.articles, a.quotes, a.speakers) == (b.articles, b.quotes, b.speakers) and a.quotes > 100

        def pages(store, filters, limit=7):
            out, cursor = [], None
            while True:
                page = store.list_quotes(filters, limit=limit, cursor=cursor)
                out.extend(page.items)
                if page.next is None:
                    return out
                cursor = page.next

        everything = pages(lite, QuoteFilter(), limit=1000)
        assert everything == pages(pg, QuoteFilter())
        words = sorted({w for q in everything for w in normalize_key(q.text).split()})
        queries = words + [p + w for w in words[::7] for p in ("و", "بال", "وال", "لل")]
        queries += [" ".join(normalize_key(q.text).split()[i:i + 2]) for q in everything[::3] for i in (0, 2)]
        queries += ["", "!!", "O'Brien", "a\\b", "لن", "الأوروبي الاتحاد", "xyzzy"]
        hits = 0
        for q in queries:
            got = [x.id for x in lite.list_quotes(QuoteFilter(q=q), limit=500, cursor=None).items]
            assert got == [x.id for x in pg.list_quotes(QuoteFilter(q=q), limit=500, cursor=None).items], q
            hits += bool(got)
        assert hits > len(queries) // 2

        speakers = lite.search_speakers(None, limit=1000, cursor=None).items
        assert speakers == pg.search_speakers(None, limit=1000, cursor=None).items
        assert lite.load_speakers() == pg.load_speakers()
        names = {n for sp in speakers for n in (sp.id, sp.name, *sp.aliases)}
        names |= {"Lavrov", "lavrov", "Erdogan", "Guterres", "Peskov", "Zakharova", "Macron", "وزير", "ال"}
        for name in sorted(names):
            assert lite.search_speakers(name, limit=3, cursor=None) == pg.search_speakers(name, limit=3, cursor=None)
            assert lite.resolve_speakers(name) == pg.resolve_speakers(name)
        for sp in speakers:
            assert lite.get_speaker(sp.id) == pg.get_speaker(sp.id)
            assert lite.speaker_stats(sp.id) == pg.speaker_stats(sp.id)
            f = QuoteFilter(speaker_ids=[sp.id])
            assert pages(lite, f, limit=3) == pages(pg, f, limit=3)
        outlets = {q.article.outlet for q in everything if q.article.outlet}
        for f in [QuoteFilter(since="2023-10-13"), QuoteFilter(until="2023-10-12"), QuoteFilter(kind="indirect"),
                  *[QuoteFilter(outlet=o.upper()) for o in outlets], QuoteFilter(outlet="sana", q="روسيا")]:
            assert pages(lite, f, limit=4) == pages(pg, f, limit=4), f
        for q in everything:
            assert lite.quote_cluster(q.id) == pg.quote_cluster(q.id)
            assert lite.get_quote(q.id) == pg.get_quote(q.id)
        for aid in range(1, a.articles + 1):
            assert lite.get_article(aid).segments == pg.get_article(aid).segments
            assert lite.article_quotes(aid) == pg.article_quotes(aid)
        cf = ClusterFilter(min_size=2)
        assert lite.list_clusters(cf, limit=500, cursor=None) == pg.list_clusters(cf, limit=500, cursor=None)
        assert lite.rebuild_clusters() == pg.rebuild_clusters()
        assert lite.list_clusters(ClusterFilter(), limit=500, cursor=None) == \
            pg.list_clusters(ClusterFilter(), limit=500, cursor=None)
    finally:
        lite.close()
        pg.close()


# --- real processes sharing one database ----------------------------------------------
_SAVE_SCRIPT = textwrap.dedent("""
    import sys, time
    from api.store import NewArticle, open_store
    from extractors.types import Article, Cue, Extraction, Quote, Segment, Speaker
    url, worker, start = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    store = open_store(url)
    time.sleep(max(0.0, start - time.time()))
    for i in range(20):
        # the same article in every worker (i even), and a worker's own article (i odd)
        # naming the same new speaker: all at once
        text = f"قال كريم منصوري: «نص رقم {i} من {'الجميع' if i % 2 == 0 else worker}»"
        s = text.index("«") + 1
        quote = Quote(doc="t", segment="main", kind="direct", text=text[s:-1], start=s, end=len(text) - 1,
                      cue=Cue(text="قال", start=0, end=3),
                      speaker=Speaker(name="كريم منصوري", mention="كريم منصوري", type="person", start=4, end=15),
                      confidence=0.9)
        ext = Extraction(article=Article(doc="t", headline=None, headline_start=None, published="2024-01-02",
                                         credit=None, segments=[Segment(kind="main", start=0, end=len(text))]),
                         quotes=[quote])
        store.save_article(NewArticle(text=text, outlet="SANA"), ext, extractor_version="v")
    store.close()
""")


def test_concurrent_writers_store_each_article_and_speaker_once(postgres_url, tmp_path):
    open_store(postgres_url).close()  # migrated before the race
    start = time.time() + 2.0
    procs = [subprocess.Popen([sys.executable, "-c", _SAVE_SCRIPT, postgres_url, str(w), repr(start)],
                              env=_env(), cwd=tmp_path, stderr=subprocess.PIPE, text=True) for w in range(6)]
    errs = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * 6, [e[-1500:] for e in errs]
    with psycopg.connect(postgres_url) as conn:
        articles, quotes, speakers = conn.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM quotes),"
            " (SELECT count(*) FROM speakers)").fetchone()
        aliases = conn.execute("SELECT alias, seen FROM aliases").fetchall()
        placed = conn.execute("SELECT count(*), count(DISTINCT quote_id) FROM quote_clusters").fetchone()
    assert (articles, quotes, speakers) == (10 + 6 * 10, 70, 1)
    assert aliases == [("كريم منصوري", 70)]  # one alias row, counted once per stored quote
    assert placed == (70, 70)


def test_ingest_workers_share_one_database(postgres_url, tmp_path):
    """Four ``qawl ingest`` processes over the same corpus at once (two in reverse order):
    every article once, the same quotes and speakers as one sequential run into SQLite."""
    files = sorted(str(p) for p in (FIXTURES / "articles").glob("*.txt"))
    open_store(postgres_url).close()
    procs = []
    for w in range(4):
        args = files if w % 2 == 0 else files[::-1]
        procs.append(subprocess.Popen([sys.executable, "-m", "api.cli", "ingest", "-q", "--db", postgres_url, *args],
                                      env=_env(), cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      text=True))
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0] * 4, [err[-1500:] for _, err in outs]
    new = sum(int(out.split("articles: ")[1].split(" new")[0]) for out, _ in outs)
    assert new == len(files)  # each article stored by exactly one worker

    lite = tmp_path / "seq.db"
    subprocess.run([sys.executable, "-m", "api.cli", "ingest", "-q", "--db", str(lite), *files],
                   env=_env(), cwd=tmp_path, check=True, capture_output=True)
    a, b = open_store(str(lite)), open_store(postgres_url)
    try:
        sa, sb = a.stats(), b.stats()
        assert (sa.articles, sa.quotes, sa.speakers) == (sb.articles, sb.quotes, sb.speakers)

        def summary(store):
            quotes = store.list_quotes(QuoteFilter(), limit=10_000, cursor=None).items
            return sorted((q.article.url or "", q.text, q.start, q.speaker.id) for q in quotes)

        assert summary(a) == summary(b)
        assert {s.id for s in a.load_speakers()} == {s.id for s in b.load_speakers()}
        with psycopg.connect(postgres_url) as conn:
            assert conn.execute("SELECT count(*) - count(DISTINCT quote_id) FROM quote_clusters").fetchone() == (0,)
            assert conn.execute("SELECT count(*) FROM quote_clusters").fetchone() == (sb.quotes,)
    finally:
        a.close()
        b.close()


def _serve(url: str, tmp_path: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "api.cli", "serve", "--db", url, "--port", str(port)],
                            cwd=tmp_path, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    return proc, f"http://127.0.0.1:{port}"


def _stop(proc: subprocess.Popen) -> None:
    stop(proc)
    proc.stdout.close()


def test_several_api_servers_share_one_database(postgres_url, tmp_path):
    """Three ``qawl serve`` processes started at once on an empty schema (racing to
    migrate and to copy the registry); the same articles posted to all of them at once."""
    servers = [_serve(postgres_url, tmp_path) for _ in range(3)]
    try:
        deadline = time.monotonic() + 60
        for proc, base in servers:
            while True:
                if proc.poll() is not None:
                    pytest.fail(f"qawl serve exited with {proc.returncode}: {proc.stdout.read().decode()[-2000:]}")
                try:
                    if httpx.get(base + "/health", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline, "qawl serve did not answer /health within 60 s"
                time.sleep(0.1)
        items = _fixture_articles()[:8]
        results: dict[tuple[int, int], tuple[int, int]] = {}

        def post_all(s: int) -> None:
            with httpx.Client(base_url=servers[s][1], timeout=30) as http:
                for i, item in enumerate(items):
                    body = {"text": item.text, "outlet": item.outlet, "published_at": item.published_at,
                            "url": item.url}
                    r = http.post("/api/v1/articles", json={k: v for k, v in body.items() if v})
                    results[(s, i)] = (r.status_code, r.json()["id"])

        threads = [threading.Thread(target=post_all, args=(s,)) for s in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for i in range(len(items)):
            codes = sorted(results[(s, i)][0] for s in range(3))
            ids = {results[(s, i)][1] for s in range(3)}
            assert codes == [200, 200, 201] and len(ids) == 1, (i, codes, ids)
        healths = [httpx.get(base + "/health", timeout=5).json()["store"] for _, base in servers]
        assert {(h["backend"], h["articles"]) for h in healths} == {("postgres", len(items))}
        lavrov = [httpx.get(base + "/api/v1/speakers/lavrov/quotes", timeout=5).json()["items"]
                  for _, base in servers]
        assert lavrov[0] and lavrov[0] == lavrov[1] == lavrov[2]
    finally:
        for proc, _ in servers:
            _stop(proc)
