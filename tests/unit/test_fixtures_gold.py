"""The project's own gold (fixtures/) must be self-consistent.

fixtures/articles/*.txt   articles written for the project (line 1 = headline)
fixtures/gold.jsonl       one attributed statement a row, in the shared seeds' format plus
                          "start"/"end": code-point offsets of "text" in the article
fixtures/speakers.json    every speaker key used by the gold
fixtures/metadata.json    outlet / published_at / url / credits for every article
fixtures/reuse_gold.json  groups of gold quotes that are the same statement (issue 7)
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
ARTICLES = FIXTURES / "articles"

KINDS = {"direct", "indirect", "mixed", "headline"}
SEGMENTS = {"main", "related"}
ROW_KEYS = {"doc", "speaker", "cue", "kind", "text", "segment", "start", "end"}
OPTIONAL_KEYS = {"optional"}
SPEAKER_TYPES = {"person", "organization"}
QUOTE_MARKS = "\"“”«»„"
COMPLEMENTISERS = {"إن", "أن", "بأن", "إنّ", "أنّ", "بأنّ", "إنه", "أنه", "بأنه"}


def read_article(path: Path) -> str:
    text = path.read_bytes().decode("utf-8")
    return text[1:] if text.startswith("\ufeff") else text


def load_gold(path: Path = FIXTURES / "gold.jsonl") -> list[dict]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rows.append(json.loads(line))
    return rows


def load_json(name: str):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def row_errors(row: dict, articles: dict[str, str], speakers: dict) -> list[str]:
    """Everything wrong with one gold row (empty list when it is fine)."""
    errs = []
    keys = set(row)
    if missing := ROW_KEYS - keys:
        errs.append(f"missing keys {sorted(missing)}")
    if extra := keys - ROW_KEYS - OPTIONAL_KEYS:
        errs.append(f"unknown keys {sorted(extra)}")
    if errs:
        return errs
    if row["doc"] not in articles:
        errs.append(f"doc {row['doc']!r} is not a file in fixtures/articles")
    if row["speaker"] not in speakers:
        errs.append(f"speaker {row['speaker']!r} not in fixtures/speakers.json")
    if row["kind"] not in KINDS:
        errs.append(f"kind {row['kind']!r}")
    if row["segment"] not in SEGMENTS:
        errs.append(f"segment {row['segment']!r}")
    if "optional" in row and row["optional"] is not True:
        errs.append("optional must be true when present")
    if not isinstance(row["cue"], str) or not row["cue"].strip():
        errs.append("empty cue")
    text = row["text"]
    if not isinstance(text, str) or not text.strip() or text != text.strip():
        errs.append("text empty or padded with whitespace")
        return errs
    if text.split()[0] in COMPLEMENTISERS:
        errs.append("text starts with a complementiser (إن/أن/بأن)")
    if text[0] in QUOTE_MARKS and text[-1] in QUOTE_MARKS and not any(c in QUOTE_MARKS for c in text[1:-1]):
        errs.append("text keeps its enclosing quote marks")
    start, end = row["start"], row["end"]
    if not (isinstance(start, int) and isinstance(end, int)):
        errs.append("start/end must be integers")
    elif row["doc"] in articles:
        article = articles[row["doc"]]
        if not 0 <= start < end <= len(article):
            errs.append(f"offsets {start}:{end} out of range (len {len(article)})")
        elif article[start:end] != text:
            errs.append(f"article[{start}:{end}] = {article[start:end][:40]!r} != text {text[:40]!r}")
    return errs


@pytest.fixture(scope="module")
def articles() -> dict[str, str]:
    return {p.name: read_article(p) for p in sorted(ARTICLES.glob("*.txt"))}


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    return load_gold()


@pytest.fixture(scope="module")
def speakers() -> dict:
    return load_json("speakers.json")


def test_enough_articles(articles):
    assert len(articles) >= 20
    for name, text in articles.items():
        assert re.fullmatch(r"\d{3}_[a-z0-9_]+\.txt", name), name
        assert text.split("\n", 1)[0].strip(), f"{name}: line 1 must be the headline"


def test_every_row_is_consistent(gold, articles, speakers):
    problems = [f"{r.get('doc')} row {i}: {e}" for i, r in enumerate(gold) for e in row_errors(r, articles, speakers)]
    assert not problems, "\n".join(problems)


def test_rows_are_unique(gold):
    seen = set()
    dups = []
    for r in gold:
        key = (r["doc"], r["start"], r["end"], r["cue"])
        if key in seen:
            dups.append(key)
        seen.add(key)
    assert not dups


def test_every_article_has_required_gold(gold, articles):
    owed = {r["doc"] for r in gold if not r.get("optional")}
    assert sorted(set(articles) - owed) == []


def test_related_rows_lie_after_a_read_also_marker(gold, articles):
    for r in gold:
        if r["segment"] == "related":
            head = articles[r["doc"]][: r["start"]]
            assert re.search(r"إقرأ أيضا|اقرأ أيضا", head.replace("ً", "")), (r["doc"], r["text"][:40])


def test_speakers_file_shape(speakers, gold):
    for key, entry in speakers.items():
        assert set(entry) == {"type", "name", "names", "descriptions"}, key
        assert entry["type"] in SPEAKER_TYPES, key
        assert entry["name"] in entry["names"], key
        assert all(isinstance(x, str) and x for x in entry["names"] + entry["descriptions"]), key
    unused = set(speakers) - {r["speaker"] for r in gold}
    assert not unused, f"speakers never used by the gold: {sorted(unused)}"


@pytest.mark.parametrize("name", ["speakers.json", "metadata.json"])
def test_no_key_is_given_twice(name):
    """json.loads keeps the last of two equal keys: a second speaker or article under one
    key would silently replace the first one's gold."""
    pairs = json.loads((FIXTURES / name).read_text(encoding="utf-8"), object_pairs_hook=lambda p: p)
    keys = [key for key, _ in pairs]
    assert len(keys) == len(set(keys)), sorted(k for k in set(keys) if keys.count(k) > 1)


def test_metadata_covers_every_article(articles):
    meta = load_json("metadata.json")
    assert set(meta) == set(articles)
    for name, m in meta.items():
        assert set(m) == {"outlet", "published_at", "url", "credits"}, name
        assert m["outlet"], name
        dt.date.fromisoformat(m["published_at"])
        assert m["url"].startswith(("https://", "http://")), name
        assert m["credits"] is None or (isinstance(m["credits"], str) and m["credits"]), name


def test_reuse_groups_point_into_gold(gold, articles):
    groups = load_json("reuse_gold.json")
    index = {(r["doc"], r["text"]): r for r in gold}
    seen = set()
    for g in groups:
        assert len(g) >= 2
        speakers_in_group = set()
        for item in g:
            key = (item["doc"], item["text"])
            assert key in index, f"reuse entry not in gold.jsonl: {key[0]} {key[1][:50]}"
            assert key not in seen, f"in two groups: {key}"
            seen.add(key)
            speakers_in_group.add(index[key]["speaker"])
        assert len(speakers_in_group) == 1, f"a group mixes speakers: {speakers_in_group}"
    # issue 7: at least 5 statements carried by 3+ outlets
    meta = load_json("metadata.json")
    wide = [g for g in groups if len({meta[i["doc"]]["outlet"] for i in g}) >= 3]
    assert len(wide) >= 5


def test_checker_catches_broken_rows(gold, articles, speakers):
    """The checks above can fail: corrupt a good row in several ways."""
    good = next(r for r in gold if not r.get("optional"))
    assert row_errors(good, articles, speakers) == []
    shifted = {**good, "start": good["start"] + 1, "end": good["end"] + 1}
    assert row_errors(shifted, articles, speakers)
    assert row_errors({**good, "speaker": "nobody_at_all"}, articles, speakers)
    assert row_errors({**good, "doc": "999_missing.txt"}, articles, speakers)
    assert row_errors({**good, "kind": "quote"}, articles, speakers)
    assert row_errors({**good, "text": "«" + good["text"] + "»"}, articles, speakers)
    assert row_errors({k: v for k, v in good.items() if k != "end"}, articles, speakers)
