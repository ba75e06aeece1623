"""The adversarial texts of ``benchmarks/bench_adversarial.py`` (issue 10), at 32 KB: each
extracts, every offset slices the text to what is reported, and a second run agrees.
(How fast, at 1 MB and next to a regex pass, is the benchmark's business, not a test's.)"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from benchmarks.bench_adversarial import CASES, build  # noqa: E402
from extractors.pipeline import Pipeline  # noqa: E402

PIPELINE = Pipeline()


@pytest.mark.parametrize("case", CASES)
def test_adversarial_text_extracts_with_valid_offsets(case):
    text = build(case, 32 * 1024)
    assert len(text.encode()) > 30_000
    first = PIPELINE.extract(text, doc=case)
    for q in first.quotes:
        assert 0 <= q.start < q.end <= len(text) and text[q.start:q.end] == q.text
        assert text[q.cue.start:q.cue.end] == q.cue.text
        if q.speaker.start is not None:
            assert text[q.speaker.start:q.speaker.end] == q.speaker.mention
    assert PIPELINE.extract(text, doc=case) == PIPELINE.extract(text, doc=case)


def test_the_cases_are_as_described():
    text = {case: build(case) for case in CASES}
    assert all(1_000_000 < len(t.encode()) <= 1024 * 1024 for t in text.values())
    assert sum(text["quote_marks"].count(m) for m in "«»“”\"„‟") >= 100_000
    assert text["cue_repeated"].count("قال") >= 100_000
    assert len(text["name_run"]) - len("عنوان الخبر\nقال ") >= 50_000
    assert any(c in text["mixed_scripts"] for c in "\u202b\u2067\u202e") and "北京" in text["mixed_scripts"]
