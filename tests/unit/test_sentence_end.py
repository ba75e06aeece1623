"""sentence_end reads the block's sentence stops once (a bisect per cue, linear on a long
block without stops) and must stop where a search of its pattern up to the limit stops."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.quotes import _SENTENCE_END_RE, QuoteMarks, sentence_end


def searched_end(text: str, start: int, limit: int, marks: QuoteMarks) -> int:
    """The definition: the first match of the pattern in ``text[start:limit]`` outside marks."""
    pos = start
    while (m := _SENTENCE_END_RE.search(text, pos, limit)) is not None:
        if marks.enclosing(m.start()) is None:
            return m.start()
        pos = m.end()
    return limit


pieces = st.sampled_from(["قال", " ", ".", "،", "؟", "!", "3", "٣", "\u00b2", "د", " د.", "رامي", '"', "«", "»", "\n"])


@settings(max_examples=800, deadline=None)
@given(st.lists(pieces, max_size=30).map("".join), st.integers(0, 80), st.integers(0, 80))
def test_sentence_end_stops_where_the_pattern_searched_to_the_limit_stops(text, a, b):
    marks = QuoteMarks(text, 0, len(text))
    start, limit = min(a, b, len(text)), min(max(a, b), len(text))
    assert sentence_end(text, start, limit, marks) == searched_end(text, start, limit, marks)


def test_a_long_block_without_stops_is_read_once():
    text = "قال الوزير إن الخطة جاهزة، " * 2000
    marks = QuoteMarks(text, 0, len(text))
    assert sentence_end(text, 0, len(text), marks) == len(text)
    assert marks.sentence_ends(text, 0, len(text)) == []
