"""Adversarial text (issue 10): full extraction on 1 MB texts built to hurt, each next to
one plain regex pass over the same text.

    .venv/bin/pytest benchmarks/bench_adversarial.py

Every case is one article of ``ADVERSARIAL_BYTES`` (1 MiB) of UTF-8, see :func:`build`:

* ``no_punctuation``: newsy words with cues and titles, no stop, comma or mark, one line;
* ``quote_marks``: 100k quotation marks of every kind, nothing else but spaces;
* ``unbalanced``: cues with quotes that open twice and close once, or the wrong way;
* ``nested``: quotes inside quotes inside quotes, with cues in between;
* ``cue_repeated``: one cue word 100k times (and more, to the size);
* ``name_run``: a 50k-character name-like run (letters and single spaces) after a cue;
* ``mixed_scripts``: Arabic, Latin, CJK and Cyrillic words with bidi controls and marks;
* ``quote_lines``: one short attributed statement a line, ~38k quotes in the text;
* ``title_lines``: the same with a two-word title that nobody was introduced with;
* ``relay_lines``: one statement a line with a trailing source ("بحسب X");
* ``source_commas``: "وفقا لـX،" and "، بحسب X،" sentences ending in commas, in one block.

The ``regex_pass`` benchmark of each case is one ``finditer`` of the cue alternation
(``extractors.cues.alternation``) over the raw text; the ``extract`` benchmark names it in
``extra_info["versus"]``, so the ratio is printed at the end of the run (and in the gate's
report). Target: within 20x. The ratio is reported, not asserted (a benchmark, not a timed
test); ``tests/unit/test_adversarial.py`` checks that every case extracts with valid offsets
at a small size. Extraction rounds are few (``pedantic``): one 1 MB case takes seconds.
"""

from __future__ import annotations

import pytest

from extractors.cues import CueScanner, alternation
from extractors.pipeline import Pipeline

ADVERSARIAL_BYTES = 1024 * 1024
HEADLINE = "عنوان الخبر\n"

# (unit repeated to the size, text before the repeats)
_CASES: dict[str, tuple[str, str]] = {
    "no_punctuation": ("قال الوزير سامي خليل الخطة جاهزة والمفاوضات ستستمر اليوم وأكد المتحدث باسم الحكومة ", ""),
    "quote_marks": ("« » “ ” \" „ ‟ ", ""),  # 7 marks a unit: 100k marks in the first 100 KB
    "unbalanced": ("قال الوزير إن «الخطة «جاهزة “تماما» ” وأضاف: »لا« ", ""),
    "nested": ("«قال «إن “الخطة «جاهزة» والوزير ”قال« ”» ", ""),
    "cue_repeated": ("قال ", ""),
    "name_run": ("سامي ", "قال "),  # "قال سامي سامي ...": 50k+ characters of name-like words
    "mixed_scripts": ("قال\u202b الوزير\u2067 Lavrov said «\u200f la» \u202eإن 北京 сказал\u2069 ы\u200d ", ""),
    "quote_lines": ("قال الوزير إن الخطة جاهزة\n", ""),
    # a short title that no one was introduced with: each quote looks back for its longer form
    "title_lines": ("وقال نائب الوزير الكوري إن الخطة جاهزة.\n", ""),
    # a trailing source no one else names: each is looked up elsewhere in the article
    "relay_lines": ("الخطة جاهزة بحسب سامي.\n", ""),
    # trailing sources in one block with no stop: each one's limit runs past the others to
    # the block's end, so anything read "up to the limit" is quadratic
    "source_commas": ("ووفقا لمصدر مطلع، سيصدر بيان ختامي، الخطة جاهزة، بحسب خبراء، ", ""),
}


def build(case: str, size: int = ADVERSARIAL_BYTES) -> str:
    """The case's text: the headline, its prefix, then its unit repeated to ``size`` bytes."""
    unit, prefix = _CASES[case]
    head = HEADLINE + prefix
    unit_bytes = len(unit.encode())
    repeats = max(1, (size - len(head.encode())) // unit_bytes)
    return head + unit * repeats


CASES = list(_CASES)


@pytest.fixture(scope="module")
def pattern():
    return alternation(CueScanner().forms)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return {case: build(case) for case in CASES}


def _info(benchmark, text: str) -> None:
    benchmark.extra_info["bytes"] = len(text.encode())
    benchmark.extra_info["chars"] = len(text)


@pytest.mark.parametrize("case", CASES)
def test_regex_pass(benchmark, case, texts, pattern):
    text = texts[case]
    _info(benchmark, text)
    found = benchmark(lambda: sum(1 for _ in pattern.finditer(text)))
    benchmark.extra_info["matches"] = found


@pytest.mark.parametrize("case", CASES)
def test_extract(benchmark, case, texts, pipeline, request):
    text = texts[case]
    _info(benchmark, text)
    benchmark.extra_info["versus"] = f"test_regex_pass[{case}]"
    result = benchmark.pedantic(pipeline.extract, args=(text,), kwargs={"doc": case}, rounds=3, iterations=1)
    benchmark.extra_info["quotes"] = len(result.quotes)
    for q in result.quotes:  # the result is usable, not only fast
        assert text[q.start:q.end] == q.text
