"""Extraction hot paths (issue 4), next to one compiled-regex pass of the cue alternation.

    .venv/bin/pytest benchmarks/bench_extraction.py

Texts are built from our own ``fixtures/articles`` only:

* the **5 KB article**: the first fixture article, then the bodies (headline dropped) of
  the next ones, line by line, until it holds 5 KiB of UTF-8;
* the **~1 MB corpus**: the fixture articles cycled, each extracted as its own article,
  until they hold 1 MiB of UTF-8.

Issue 4's target: full extraction within 2x one pass of the flat cue alternation
(``extractors.cues.alternation``: every cue form, longest first) over the same text. The
scanner itself matches the same language with a factored (trie) pattern. The
``regex_pass`` benchmarks are that pass (``finditer`` over the raw text, every match
consumed); each ``extract`` benchmark names it in ``extra_info["versus"]``, so the
ratio is printed at the end of the run and in the gate's report. The ratio is reported,
not asserted: the gate watches for regressions.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.cues import CueScanner, alternation
from extractors.normalize import normalize
from extractors.pipeline import Pipeline

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
ARTICLE_BYTES = 5 * 1024
CORPUS_BYTES = 1024 * 1024


def fixture_texts() -> list[tuple[str, str]]:
    """(file name, text) of every fixture article, in name order."""
    return [(p.name, p.read_text(encoding="utf-8").removeprefix("\ufeff"))
            for p in sorted(FIXTURES.glob("*.txt"))]


def article_5kb(texts: list[tuple[str, str]]) -> str:
    """One article of at least ``ARTICLE_BYTES`` bytes: a headline and whole lines."""
    lines: list[str] = []
    size = 0
    for n, (_, text) in enumerate(texts * 2):
        body = text.splitlines(keepends=True)
        for line in body if n == 0 else body[1:]:
            lines.append(line if line.endswith("\n") else line + "\n")
            size += len(lines[-1].encode())
            if size >= ARTICLE_BYTES:
                return "".join(lines)
    raise AssertionError("the fixtures are too small for a 5 KB article")


def corpus_1mb(texts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Fixture articles, cycled, until they hold ``CORPUS_BYTES`` bytes."""
    out: list[tuple[str, str]] = []
    size = 0
    while size < CORPUS_BYTES:
        for name, text in texts:
            out.append((f"{len(out):04d}_{name}", text))
            size += len(text.encode())
            if size >= CORPUS_BYTES:
                break
    return out


@pytest.fixture(scope="module")
def texts() -> list[tuple[str, str]]:
    return fixture_texts()


@pytest.fixture(scope="module")
def article(texts) -> str:
    return article_5kb(texts)


@pytest.fixture(scope="module")
def corpus(texts) -> list[tuple[str, str]]:
    return corpus_1mb(texts)


@pytest.fixture(scope="module")
def pipeline(texts, article) -> Pipeline:
    """Built once and warmed on every fixture article and the 5 KB article, so the linker
    has learned their speakers before any round is timed (every round does the same work)."""
    pipe = Pipeline()
    for name, text in [*texts, ("article_5kb.txt", article)]:
        pipe.extract(text, doc=name)
    return pipe


@pytest.fixture(scope="module")
def pattern():
    return alternation(CueScanner().forms)


def _sizes(benchmark, texts: list[str]) -> None:
    benchmark.extra_info["bytes"] = sum(len(t.encode()) for t in texts)
    benchmark.extra_info["chars"] = sum(len(t) for t in texts)
    benchmark.extra_info["articles"] = len(texts)


def regex_pass(pattern, texts: list[str]) -> int:
    found = 0
    for text in texts:
        for _ in pattern.finditer(text):
            found += 1
    return found


def test_normalize_5kb(benchmark, article):
    _sizes(benchmark, [article])
    norm = benchmark(normalize, article)
    assert norm.to_original(len(norm.text) - 1) < len(article)


def test_normalize_1mb(benchmark, corpus):
    texts = [t for _, t in corpus]
    _sizes(benchmark, texts)
    benchmark(lambda: [normalize(t) for t in texts])


def test_cue_scan_5kb(benchmark, article):
    """The cue scan over the normalised text, to CueHits (the pattern at every character)."""
    scanner = CueScanner()
    norm = normalize(article)
    _sizes(benchmark, [article])
    hits = benchmark(scanner.scan, norm)
    benchmark.extra_info["cues"] = len(hits)
    assert hits


def test_regex_pass_5kb(benchmark, article, pattern):
    _sizes(benchmark, [article])
    found = benchmark(regex_pass, pattern, [article])
    benchmark.extra_info["matches"] = found
    assert found


def test_extract_5kb(benchmark, article, pipeline):
    _sizes(benchmark, [article])
    benchmark.extra_info["versus"] = "test_regex_pass_5kb"
    result = benchmark(pipeline.extract, article, doc="article_5kb.txt")
    benchmark.extra_info["quotes"] = len(result.quotes)
    assert result.quotes


def test_regex_pass_1mb(benchmark, corpus, pattern):
    texts = [t for _, t in corpus]
    _sizes(benchmark, texts)
    found = benchmark(regex_pass, pattern, texts)
    benchmark.extra_info["matches"] = found
    assert found


def test_extract_1mb(benchmark, corpus, pipeline):
    _sizes(benchmark, [t for _, t in corpus])
    benchmark.extra_info["versus"] = "test_regex_pass_1mb"
    quotes = benchmark(lambda: sum(len(pipeline.extract(text, doc=name).quotes) for name, text in corpus))
    benchmark.extra_info["quotes"] = quotes
    assert quotes
