"""An extraction's objects are freed as soon as it ends, by reference counting alone: a
reference cycle would keep a whole article's tokens and quotes alive until the garbage
collector ran, which a server extracting article after article feels as memory and time."""

from __future__ import annotations

import gc
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "articles"


def test_extracting_articles_leaves_no_reference_cycles(pipeline):
    texts = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))]
    for text in texts:  # first uses build lazy caches, which may hold cycles of their own
        pipeline.extract(text)
    gc.collect()
    gc.disable()
    try:
        gc.set_debug(gc.DEBUG_SAVEALL)
        for text in texts:
            pipeline.extract(text)
        gc.collect()
        left = [type(o).__name__ for o in gc.garbage]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert left == []
