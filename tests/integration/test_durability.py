"""Durability (issue 10), with real processes on one real SQLite file.

* Several ``qawl ingest`` processes and HTTP writers and readers against ``qawl serve``, all
  on the same file at once: no article is lost, nobody is told "database is locked", no 5xx.
* ``kill -9`` in the middle of ``qawl ingest`` of a large batch: the file passes SQLite's
  integrity and foreign-key checks and holds only whole articles (every article has its
  segments and exactly the quotes a clean ingest gives it); running the same command
  again finishes the batch without duplicates.

Sizes: ``QAWL_DURABILITY_ARTICLES`` (default 300 for the batch that is killed).
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from realserver import REPO, serve

FIXTURES = REPO / "fixtures" / "articles"
BATCH = int(os.environ.get("QAWL_DURABILITY_ARTICLES", "300"))


def articles(prefix: str, count: int) -> list[dict]:
    """``count`` distinct articles: fixture texts, cycled, each with a line of its own."""
    texts = [p.read_text(encoding="utf-8").removeprefix("\ufeff") for p in sorted(FIXTURES.glob("*.txt"))]
    return [{"text": texts[i % len(texts)] + f"\nملاحظة التحرير {prefix} رقم {i}.\n",
             "url": f"https://{prefix}.example/{i}", "outlet": f"Outlet {i % 5}",
             "published_at": f"2023-10-{1 + i % 28:02d}"} for i in range(count)]


def write_jsonl(path: Path, items: list[dict]) -> Path:
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in items), encoding="utf-8")
    return path


def qawl(*args: str, db: Path, **popen) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("QAWL_DATABASE_URL", None)
    return subprocess.Popen([sys.executable, "-m", "api.cli", *args, "--db", str(db)], cwd=db.parent, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen)


def check_consistent(db: Path) -> dict[str, int]:
    """SQLite's own checks plus ours: no article without its segments, no quote, FTS row or
    cluster membership pointing at nothing. Returns {url: quotes}."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("SELECT count(*) FROM articles a WHERE NOT EXISTS"
                            " (SELECT 1 FROM segments s WHERE s.article_id = a.id)").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM quotes q LEFT JOIN articles a ON a.id = q.article_id"
                            " WHERE a.id IS NULL").fetchone()[0] == 0
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        fts = next(t for t in ("quotes_search", "quotes_fts") if t in tables)  # the search index
        assert conn.execute(f"SELECT count(*) FROM {fts}").fetchone()[0] == \
            conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
        assert conn.execute("SELECT count(*) FROM quote_clusters qc LEFT JOIN quotes q ON q.id = qc.quote_id"
                            " WHERE q.id IS NULL").fetchone()[0] == 0
        rows = conn.execute("SELECT a.url, count(q.id) FROM articles a LEFT JOIN quotes q ON q.article_id = a.id"
                            " GROUP BY a.id").fetchall()
    finally:
        conn.close()
    urls = [url for url, _ in rows]
    assert len(urls) == len(set(urls)), "an article was stored twice"
    return dict(rows)


def count_articles(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0  # not created yet


def test_kill_9_during_ingest_leaves_whole_articles_and_a_rerun_finishes(tmp_path):
    batch = write_jsonl(tmp_path / "batch.jsonl", articles("batch", BATCH))
    clean_db = tmp_path / "clean.db"
    clean = qawl("ingest", "-q", str(batch), db=clean_db)
    _, err = clean.communicate(timeout=600)
    assert clean.returncode == 0, err.decode()[-2000:]
    expected = check_consistent(clean_db)
    assert len(expected) == BATCH

    db = tmp_path / "killed.db"
    kills = []
    for round_ in range(2):  # killed twice, at different points
        proc = qawl("ingest", "-q", str(batch), db=db)
        target = BATCH // 3 * (round_ + 1)
        deadline = time.monotonic() + 300
        while count_articles(db) < target and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert proc.poll() is None, "the batch finished before it could be killed: raise QAWL_DURABILITY_ARTICLES"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close(), proc.stderr.close()
        stored = check_consistent(db)
        kills.append(len(stored))
        assert 0 < len(stored) < BATCH
        for url, quotes in stored.items():  # whole articles only
            assert quotes == expected[url], url
    assert kills[1] > kills[0]

    rerun = qawl("ingest", "-q", str(batch), db=db)
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err.decode()[-2000:]
    assert f"articles: {BATCH - kills[1]} new, {kills[1]} seen" in out.decode(), out.decode()
    assert check_consistent(db) == expected
    print(f"\nkill -9 at {kills} of {BATCH} articles; rerun finished the batch, no duplicates")


def test_concurrent_writers_and_readers_lose_nothing(tmp_path):
    db = tmp_path / "shared.db"
    files = [write_jsonl(tmp_path / f"feed{n}.jsonl", articles(f"feed{n}", 40)) for n in range(3)]
    posted = articles("http", 60)
    problems: list[str] = []
    acknowledged: list[str] = []
    reads = [0]
    stop = threading.Event()
    with serve(db, env={"QAWL_WRITE_RATE": "off"}) as server:
        def writer(items: list[dict]) -> None:
            with httpx.Client(base_url=server.base, timeout=120) as http:
                for item in items:
                    response = http.post("/api/v1/articles", json=item)
                    if response.status_code in (200, 201):
                        acknowledged.append(item["url"])
                    else:
                        problems.append(f"POST {response.status_code} {response.text[:200]}")

        def reader() -> None:
            with httpx.Client(base_url=server.base, timeout=120) as http:
                while not stop.is_set():
                    for path in ("/api/v1/quotes?q=روسيا", "/api/v1/speakers?q=Lavrov", "/health",
                                 "/api/v1/speakers/lavrov/quotes", "/api/v1/clusters"):
                        response = http.get(path)
                        reads[0] += 1
                        if response.status_code >= 500 or "locked" in response.text:
                            problems.append(f"GET {path} {response.status_code} {response.text[:200]}")

        ingests = [qawl("ingest", "-q", str(f), db=db) for f in files]
        threads = [threading.Thread(target=writer, args=(posted[i::3],)) for i in range(3)]
        threads += [threading.Thread(target=reader) for _ in range(2)]
        for t in threads:
            t.start()
        outputs = [p.communicate(timeout=600) for p in ingests]
        for t in threads[:3]:
            t.join(timeout=600)
        stop.set()
        for t in threads[3:]:
            t.join(timeout=60)
        log = server.output()
    for proc, (out, err) in zip(ingests, outputs):
        assert proc.returncode == 0, err.decode()[-2000:]
        assert "articles: 40 new, 0 seen" in out.decode()
        assert "locked" not in err.decode()
    assert problems == []
    assert "locked" not in log and "Traceback" not in log, log[-3000:]
    stored = check_consistent(db)
    assert len(acknowledged) == len(posted)
    assert set(acknowledged) <= set(stored)
    assert len(stored) == 3 * 40 + len(posted)
    assert reads[0] > 0
    print(f"\n3 ingest processes x 40 + {len(posted)} HTTP writes, {reads[0]} reads: {len(stored)} articles, none lost")
