"""Accuracy benchmark: the shared scorer's figures, with floors.

    .venv/bin/pytest benchmarks/bench_accuracy.py

Runs the pipeline over our ``fixtures/articles`` (gold: ``fixtures/gold.jsonl`` and
``fixtures/speakers.json``) and, when ``../shared`` exists, over ``../shared/seeds`` (gold:
``../shared/gold``), and scores both with the shared scorer ``../shared/eval/score.py``,
imported by path (no copy of it lives here: without ``../shared`` both are skipped).
Detection and e2e P/R/F1 are printed at the end of the run (and in the gate's report);
a test fails when an F1 falls below its floor in ``benchmarks/floors.json``.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import msgspec
import pytest

from extractors.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
FLOORS = json.loads((Path(__file__).with_name("floors.json")).read_text(encoding="utf-8"))

SETS = {
    "fixtures": (REPO / "fixtures" / "articles", REPO / "fixtures" / "gold.jsonl", REPO / "fixtures" / "speakers.json"),
    "seeds": (SHARED / "seeds", SHARED / "gold" / "seeds.jsonl", SHARED / "gold" / "speakers.json"),
}


@pytest.fixture(scope="module")
def scorer() -> ModuleType:
    if not SCORER.is_file():
        pytest.skip(f"the shared scorer is not here: {SCORER} (../shared is absent)")
    spec = importlib.util.spec_from_file_location("qawl_shared_score", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def predictions(articles: Path) -> list[dict]:
    pipeline = Pipeline()
    out = []
    for path in sorted(articles.glob("*.txt")):
        extraction = pipeline.extract(path.read_text(encoding="utf-8"), doc=path.name)
        out += [msgspec.to_builtins(quote) for quote in extraction.quotes]
    return out


@pytest.mark.parametrize("name", list(SETS))
def test_accuracy(name, scorer, report_accuracy):
    articles, gold, speakers = SETS[name]
    missing = [str(p) for p in (articles, gold, speakers) if not p.exists()]
    if missing:
        pytest.skip(f"{name}: missing {', '.join(missing)}")
    figures, _ = scorer.score(scorer.load_jsonl(gold), predictions(articles),
                              json.loads(speakers.read_text(encoding="utf-8")))
    floors = FLOORS[name]
    report_accuracy(name, figures, floors)
    low = [f"{figure} F1 {figures[figure]['f1']:.3f} < floor {floors[f'{figure}_f1']:.3f}"
           for figure in ("detection", "e2e") if figures[figure]["f1"] < floors[f"{figure}_f1"]]
    assert not low, f"{name}: " + "; ".join(low)
