"""The tokeniser every stage shares: a window of the article's one tokenisation is exactly
what tokenising that stretch of text alone gives, wherever the window cuts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.words import TokenIndex, glued_cuts, tokens

pieces = st.sampled_from([
    "قال", "لافروف", " ", "  ", "،", ".", "30.5", "يونغ-أون", "#تيريزا_ماي", "«", "»", "\n", "و", "abc", "--",
    "O'Neil", "أ–ب", "x—y", "_", "'", "..3",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(pieces, max_size=20).map("".join), st.integers(0, 80), st.integers(0, 80))
def test_a_window_is_the_tokens_of_its_stretch(text, a, b):
    a, b = sorted((min(a, len(text)), min(b, len(text))))
    index = TokenIndex(text)
    assert index.window(a, b) == tokens(text, a, b)


@settings(max_examples=200, deadline=None)
@given(st.lists(pieces, max_size=20).map("".join), st.lists(st.tuples(st.integers(0, 80), st.integers(0, 80)), max_size=6))
def test_windows_asked_in_any_order_of_one_index_are_the_tokens_of_their_stretches(text, spans):
    index = TokenIndex(text)  # token objects are made as far as the windows reach
    for a, b in spans:
        a, b = sorted((min(a, len(text)), min(b, len(text))))
        assert index.window(a, b) == tokens(text, a, b)


def test_tokens_carry_their_offsets():
    text = "وقال لافروف، يوم 30.5: «نعم»"
    index = TokenIndex(text)
    assert [(t.text, text[t.start : t.end]) for t in index.window(0, len(text))] == [
        ("وقال", "وقال"), ("لافروف", "لافروف"), ("يوم", "يوم"), ("30.5", "30.5"), ("نعم", "نعم"),
    ]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("قالوف لا،,.:؛!?؟\"'«»“”()-–—_#@/0123456789 \n\t\u00a0\u200fabcٌ☺"), max_size=60))
def test_the_article_tokenisation_is_the_token_regex(text):
    assert TokenIndex(text).window(0, len(text)) == tokens(text, 0, len(text))


# the tokeniser takes most pieces between spaces without the regex: words alone or between
# marks, with joiners inside them, at their ends or doubled, on any line ending or space
arabic = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
joiner = st.sampled_from(".-–—'_")
mark = st.sampled_from("،,.:؛؟!\"«»“”()[]/#+%…‘’")
space = st.sampled_from([" ", " ", "  ", "\n", "\n\n", "\r\n", "\t", "\u00a0", "\u2009"])
word = st.lists(st.one_of(arabic, st.sampled_from("abcé0123٤٥")), min_size=1, max_size=6).map("".join)
piece = st.one_of(word, word, word, joiner, mark, space, space, st.characters())


@settings(max_examples=1000, deadline=None)
@given(st.lists(piece, max_size=40).map("".join))
def test_words_between_spaces_and_marks_are_the_token_regex(text):
    index = TokenIndex(text)
    whole = index.window(0, len(text))
    assert whole == tokens(text, 0, len(text))
    assert list(zip(index.texts, index.starts, index.ends)) == [(t.text, t.start, t.end) for t in whole]


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=80))
def test_any_text_is_tokenised_as_the_token_regex(text):
    assert TokenIndex(text).window(0, len(text)) == tokens(text, 0, len(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(pieces, max_size=20).map("".join), st.integers(0, 80), st.integers(0, 80), st.integers(0, 6))
def test_a_head_is_the_first_tokens_of_a_window(text, a, b, count):
    a, b = sorted((min(a, len(text)), min(b, len(text))))
    index = TokenIndex(text)
    assert index.head(a, b, count) == index.window(a, b)[:count]


HEADS = ("المتحدثة", "المتحدث", "الوزير", "الرئيس")


@pytest.mark.parametrize("text, cut", [
    ("قال الوزيرالسوري إن", ["الوزير", "السوري"]),  # a head, then an article word
    ("وقال شون سبايسرالمتحدث باسم", ["سبايسر", "المتحدث"]),  # a word, then a head
    ("والرئيسالفرنسي", ["والرئيس", "الفرنسي"]),
])
def test_a_title_head_glued_to_a_word_is_cut_from_it(text, cut):
    index = TokenIndex(text, HEADS)
    assert [t for t in index.texts if t in cut] == cut
    assert all(text[s:e] == t for t, s, e in zip(index.texts, index.starts, index.ends))


@pytest.mark.parametrize("text", ["الرئيسي", "المتحدثون", "الوزير السوري", "بالرئيس", "xyالوزير", "الوزيرال"])
def test_a_head_inside_a_word_of_its_own_is_not_cut(text):
    assert glued_cuts(text, HEADS) == []
    assert TokenIndex(text, HEADS).texts == TokenIndex(text).texts


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*HEADS, "ال", "سوري", "سبايسر", " ", "،", "و", "3", "ب"]), max_size=12).map("".join))
def test_cutting_glued_heads_only_splits_tokens(text):
    plain, cut = TokenIndex(text), TokenIndex(text, HEADS)
    assert "".join(cut.texts) == "".join(plain.texts)
    assert all(text[s:e] == t for t, s, e in zip(cut.texts, cut.starts, cut.ends))
    assert set(plain.starts) <= set(cut.starts) and set(plain.ends) <= set(cut.ends)
