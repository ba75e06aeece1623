"""Properties of the whole pipeline on arbitrary text: it never raises, and every offset it
reports is in range and slices the text it was given to exactly the reported string."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from extractors.pipeline import Pipeline
from extractors.resources import cue_entries
from extractors.types import Extraction

PIPELINE = Pipeline()  # compiles the rules once for every example

CUE_WORDS = sorted({f for e in cue_entries() for f in (*e.forms, *e.imperfect)})
ARABIC_WORDS = [
    "الوزير", "وزير الخارجية", "الحكومة", "وزارة الدفاع", "الرئيس", "المتحدث باسم",
    "سامي خليل", "ليلى حسن", "إن", "أن", "بأن", "إلى", "على", "من جهتها", "للصحفيين",
    "الخطة", "جاهزة", "المفاوضات", "ستستمر", "وكالة الأنباء", "عبر قناة", "قوله", "عن",
    "وأضاف", "وقالت", "مؤكدا", "لـ", "الذي", "اليوم", "،", "؟", "!",
]
PUNCTUATION = ["«", "»", "“", "”", '"', ":", ".", "\n", "\r\n", " ", "  ", "،", "إقرأ أيضاً:\n"]
MARKS = ["\u200e", "\u200f", "\u200c", "\u200d", "\ufeff", "\u202b", "\u2067", "\u064e", "\u0651", "\u0640", "\u0670"]

# A clitic or mark glued onto a word now and then, so cues appear in every written shape.
_mark = st.sampled_from(["", "", "", *MARKS])
_word = st.builds(lambda word, mark: word + mark, st.sampled_from(ARABIC_WORDS), _mark)
_cue = st.builds(
    lambda pre, cue, mark: pre + cue + mark,
    st.sampled_from(["", "", "و", "ف", "و "]),
    st.sampled_from(CUE_WORDS),
    _mark,
)
_QUOTE_PAIRS = [("«", "»"), ("“", "”"), ('"', '"'), ("”", "”"), ("“", '"'), (":”", "”"), ("", "")]
# cue, subject, complementiser or colon, a quoted or plain clause, an end
_sentence = st.builds(
    lambda cue, subject, intro, pair, words, end: f"{cue} {' '.join(subject)}{intro}{pair[0]}{' '.join(words)}{pair[1]}{end}",
    _cue,
    st.lists(_word, max_size=3),
    st.sampled_from([" إن ", " أن ", " بأن ", ": ", " :", " ", ""]),
    st.sampled_from(_QUOTE_PAIRS),
    st.lists(st.one_of(_word, _word, _cue), min_size=1, max_size=8),
    st.sampled_from([".", ". ", "،", "\n", "\r\n", "", "!", ".\n"]),
)
_piece = st.one_of(_sentence, _sentence, _word, _cue, st.sampled_from(PUNCTUATION), st.sampled_from(MARKS))
_body = st.lists(_piece, max_size=30).map(lambda parts: " ".join(parts) if len(parts) % 2 else "".join(parts))
# with and without a headline line of its own (the first line is always read as the headline)
NEWSY = st.one_of(
    _body,
    st.builds(lambda head, body: head + "\n" + body, st.lists(_word, min_size=1, max_size=5).map(" ".join), _body),
)

def check(text: str, result: Extraction) -> None:
    n = len(text)
    for q in result.quotes:
        assert 0 <= q.start < q.end <= n, q
        assert text[q.start : q.end] == q.text, q
        assert 0 <= q.cue.start < q.cue.end <= n, q
        assert text[q.cue.start : q.cue.end] == q.cue.text, q
        sp = q.speaker
        assert (sp.start is None) == (sp.end is None), q
        if sp.start is not None:
            assert 0 <= sp.start < sp.end <= n, q
            assert text[sp.start : sp.end] == sp.mention, q
        assert 0.0 <= q.confidence <= 1.0, q
        assert q.segment in ("main", "related") and q.kind in ("direct", "indirect", "mixed", "headline")
    for seg in result.article.segments:
        assert 0 <= seg.start <= seg.end <= n
    if result.article.headline_start is not None:
        assert text[result.article.headline_start :].startswith(result.article.headline)


def check_stable(text: str, first: Extraction) -> None:
    """Offsets hold on every run, and once the pipeline has seen a text it keeps giving the
    same result (the first run may differ, see test_extracting_twice_gives_equal_results)."""
    check(text, first)
    second = PIPELINE.extract(text, doc="t")
    check(text, second)
    assert PIPELINE.extract(text, doc="t") == second


@settings(max_examples=200, deadline=None)
@given(st.text())
@example("/: نص")
@example("عنوان\n«: الخطة جاهزة")
@example("عنوان\n\u200f: الخطة جاهزة")
def test_any_unicode_text(text: str) -> None:
    check_stable(text, PIPELINE.extract(text, doc="t"))


@pytest.mark.parametrize("line", ["/: الخطة جاهزة", "1: الخطة جاهزة"])
def test_a_speaker_is_never_bare_punctuation_or_a_number(line: str) -> None:
    text = f"عنوان الخبر\n{line}\n"
    for q in PIPELINE.extract(text).quotes:
        assert any(c.isalpha() for c in q.speaker.mention), q
        assert any(c.isalpha() for c in q.speaker.name), q


@settings(max_examples=200, deadline=None)
@given(NEWSY)
@example("وزير الخارجية: المفاوضات ستستمر\nقال وزير الخارجية سامي خليل إن «الخطة جاهزة».\nوأضاف: “سنبدأ غدا”.")
@example("وَقَالَ\u200f الوزير\u200c إِنَّ الخطة جاهزة.\r\nإقرأ أيضاً:\r\nعنوان\r\nوأكدت الحكومة أن «المفاوضات» ستستمر.")
def test_newsy_text(text: str) -> None:
    check_stable(text, PIPELINE.extract(text, doc="t"))


@settings(max_examples=200, deadline=None)
@given(NEWSY)
@example("عنوان\nالمفاوضات مستمرة، حسبما قال المتحدث الرسمي. وأضاف أن «الوفد سيصل غدا».")
@example("عنوان\nقال وزير الخارجية رامي  داود إن الخطة جاهزة.")
def test_extracting_twice_gives_equal_results(text: str) -> None:
    assert PIPELINE.extract(text, doc="t") == PIPELINE.extract(text, doc="t")


@settings(max_examples=50, deadline=None)
@given(NEWSY)
def test_quotes_are_sorted_and_carry_the_doc(text: str) -> None:
    quotes = PIPELINE.extract(text, doc="t").quotes
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    assert all(q.doc == "t" for q in quotes)


def test_the_newsy_strategy_does_produce_quotes() -> None:
    """Guard against strategies that never reach the interesting code."""
    text = "عنوان الخبر\nقال وزير الخارجية سامي خليل إن «الخطة جاهزة». وأضاف: “سنبدأ غدا”."
    assert len(PIPELINE.extract(text).quotes) >= 2


def test_leading_bom_offsets() -> None:
    text = "\ufeffعنوان\nقال الوزير إن الخطة جاهزة."
    result = PIPELINE.extract(text)
    assert result.quotes
    check(text, result)


@pytest.mark.parametrize("text", ["عنوان\nقال الوزير إن «».", "عنوان\nقال الوزير إن «ل».", "أردف الوزير إن «لـ»."])
def test_empty_quote_after_an_unknown_title_does_not_crash(text: str) -> None:
    check(text, PIPELINE.extract(text))


def test_one_speaker_has_one_id_within_an_article() -> None:
    text = "عنوان\nالمفاوضات مستمرة، حسبما قال المتحدث الرسمي. وأضاف أن «الوفد سيصل غدا»."
    quotes = Pipeline().extract(text).quotes
    assert [q.speaker.name for q in quotes] == ["المتحدث الرسمي", "المتحدث الرسمي"]
    assert quotes[0].speaker.id == quotes[1].speaker.id
