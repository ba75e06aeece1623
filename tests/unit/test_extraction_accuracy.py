"""End-to-end floors: our own fixtures always, the shared seeds when ../shared exists."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.evaluate import load_speakers, score
from extractors.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"


def _extract_all(paths: list[Path]) -> list[dict]:
    pipeline = Pipeline()
    rows = []
    for path in paths:
        result = pipeline.extract(path.read_text(encoding="utf-8"), doc=path.name)
        rows += [{"doc": q.doc, "text": q.text, "speaker": {"name": q.speaker.name}} for q in result.quotes]
    return rows


def _gold(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_fixtures_meet_the_floor():
    scores = score(
        _gold(FIXTURES / "gold.jsonl"),
        _extract_all(sorted((FIXTURES / "articles").glob("*.txt"))),
        load_speakers((FIXTURES / "speakers.json").read_bytes()),
    )
    print(f"fixtures detection F1 {scores.detection.f1:.3f}  e2e F1 {scores.e2e.f1:.3f}")
    assert scores.detection.f1 >= 0.95, scores.errors
    assert scores.e2e.f1 >= 0.90, scores.errors


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared/seeds is not on this machine")
def test_seeds_meet_the_issue_targets():
    scores = score(
        _gold(SHARED / "gold" / "seeds.jsonl"),
        _extract_all(sorted((SHARED / "seeds").glob("*.txt"))),
        load_speakers((SHARED / "gold" / "speakers.json").read_bytes()),
    )
    print(f"seeds detection F1 {scores.detection.f1:.3f}  e2e F1 {scores.e2e.f1:.3f}")
    assert scores.detection.f1 >= 0.92, scores.errors
    assert scores.e2e.f1 >= 0.85, scores.errors


def test_the_scorer_counts_misses_extras_and_wrong_speakers():
    speakers = load_speakers(json.dumps({"a": {"name": "سيرغي لافروف", "names": ["لافروف"]}}).encode())
    gold = [
        {"doc": "d", "speaker": "a", "text": "روسيا لن تتراجع عن مواقفها"},
        {"doc": "d", "speaker": "a", "text": "الغرب يحاول عزل موسكو"},
        {"doc": "d", "speaker": "a", "text": "اللقاء كان مثمرا", "optional": True},
    ]
    predicted = [
        {"doc": "d", "text": "روسيا لن تتراجع عن مواقفها", "speaker": {"name": "وزير الخارجية سيرغي لافروف"}},
        {"doc": "d", "text": "الغرب يحاول عزل موسكو", "speaker": {"name": "بيسكوف"}},
        {"doc": "d", "text": "اللقاء كان مثمرا", "speaker": {"name": "x"}},
        {"doc": "d", "text": "كلام لا يطابق شيئا", "speaker": {"name": "x"}},
    ]
    scores = score(gold, predicted, speakers)
    assert (scores.detection.tp, scores.detection.fp, scores.detection.fn) == (2, 1, 0)
    assert (scores.e2e.tp, scores.e2e.fp, scores.e2e.fn) == (1, 2, 1)
