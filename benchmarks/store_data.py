"""A generated quote store for benchmarks: ``python -m benchmarks.store_data N PATH``.

Quotes are 8–20 words drawn from a Zipf-like vocabulary of Arabic-looking words (with
clitic prefixes, so search terms behave as on real text); speakers get Zipf-like shares
of the quotes; dates spread over three years. Rows are bulk-inserted through the store's
own schema (its triggers index the text), so queries run exactly as in the API. Built once per
size and cached next to the requested path.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from api.store import open_store, skeleton
from extractors.normalize import normalize_key

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
PREFIXES = ["", "", "", "ال", "و", "وال", "ب", "بال", "ل", "لل"]
OUTLETS = ["SANA", "Youm7", "Al Arabiya", "Sky News Arabia", "RT Arabic", "Anadolu", "Al Ahram",
           "Asharq Al-Awsat", "France 24", "BBC Arabic"]


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(LETTERS) for _ in range(rng.randint(3, 7))))
    return sorted(words)


def build(path: Path, n_quotes: int, *, seed: int = 6) -> Path:
    """Create ``path`` holding ``n_quotes`` quotes (skip when it already exists)."""
    if path.exists():
        return path
    tmp = path.with_suffix(".building")
    for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        leftover.unlink(missing_ok=True)
    rng = random.Random(seed)
    vocab = _vocabulary(rng, 20_000)
    weights = [1 / (rank + 1) ** 1.05 for rank in range(len(vocab))]
    n_speakers = max(50, n_quotes // 250)
    speaker_weights = [1 / (rank + 1) ** 0.9 for rank in range(n_speakers)]
    store = open_store(str(tmp))
    conn = store._conn()  # bulk load through the real schema
    started = time.perf_counter()
    conn.execute("BEGIN")
    speakers = []
    for i in range(n_speakers):
        name = " ".join(rng.choice(vocab) for _ in range(2))
        sid = f"s{i:05d}"
        speakers.append((sid, name))
        conn.execute("INSERT INTO speakers (id, name, type, origin, created_at) VALUES (?, ?, 'person', 'registry', '')",
                     (sid, name))
        conn.execute("INSERT INTO aliases (speaker_id, alias, key, skeleton, seen) VALUES (?, ?, ?, ?, 0)",
                     (sid, name, normalize_key(name), skeleton(name)))
    per_article = 5
    quote_id = 0
    article_id = 0
    while quote_id < n_quotes:
        article_id += 1
        day = f"{2021 + rng.randrange(3)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        outlet = rng.choice(OUTLETS)
        texts = []
        for _ in range(min(per_article, n_quotes - quote_id)):
            words = rng.choices(vocab, weights, k=rng.randint(8, 20))
            texts.append(" ".join(rng.choice(PREFIXES) + w for w in words))
        body = "\n".join(f"قال المتحدث: «{t}»." for t in texts)
        conn.execute(
            "INSERT INTO articles (id, content_hash, outlet, outlet_key, published_at, text, extractor_version, ingested_at)"
            " VALUES (?, ?, ?, ?, ?, ?, 'bench', '')", (article_id, f"h{article_id}", outlet, outlet, day, body))
        offset = 0
        for ordinal, t in enumerate(texts):
            start = offset + len("قال المتحدث: «")
            end = start + len(t)
            offset = end + 2 + 1
            quote_id += 1
            sid, name = speakers[rng.choices(range(n_speakers), speaker_weights)[0]]
            conn.execute(
                'INSERT INTO quotes (id, article_id, ordinal, doc, segment, kind, text, start, "end", cue_text,'
                " cue_start, cue_end, speaker_id, speaker_name, speaker_mention, speaker_type, speaker_linked,"
                " confidence, extractor_version, published_at, outlet)"
                " VALUES (?, ?, ?, 'bench', 'main', ?, ?, ?, ?, 'قال', 0, 3, ?, ?, ?, 'person', 1, 0.9, 'bench', ?, ?)",
                (quote_id, article_id, ordinal, rng.choice(["direct", "indirect", "mixed"]), t, start, end,
                 sid, name, name, day, outlet))
        if article_id % 20_000 == 0:
            conn.execute("COMMIT")
            conn.execute("BEGIN")
            print(f"  {quote_id} quotes ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    conn.execute("COMMIT")
    conn.execute("INSERT INTO quotes_search (quotes_search) VALUES ('optimize')")
    conn.execute("ANALYZE")
    store.close()
    tmp.rename(path)
    for suffix in ("-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    print(f"built {path} with {n_quotes} quotes in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python -m benchmarks.store_data N_QUOTES PATH")
    build(Path(sys.argv[2]), int(sys.argv[1]))
