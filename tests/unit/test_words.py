"""The tokeniser every stage shares: a window of the article's one tokenisation is exactly
what tokenising that stretch of text alone gives, wherever the window cuts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.words import TokenIndex, tokens

pieces = st.sampled_from(["قال", "لافروف", " ", "  ", "،", ".", "30.5", "يونغ-أون", "#تيريزا_ماي", "«", "»", "\n", "و", "abc", "--"])


@settings(max_examples=300, deadline=None)
@given(st.lists(pieces, max_size=20).map("".join), st.integers(0, 80), st.integers(0, 80))
def test_a_window_is_the_tokens_of_its_stretch(text, a, b):
    a, b = sorted((min(a, len(text)), min(b, len(text))))
    index = TokenIndex(text)
    assert index.window(a, b) == tokens(text, a, b)


def test_tokens_carry_their_offsets():
    text = "وقال لافروف، يوم 30.5: «نعم»"
    index = TokenIndex(text)
    assert [(t.text, text[t.start : t.end]) for t in index.items] == [
        ("وقال", "وقال"), ("لافروف", "لافروف"), ("يوم", "يوم"), ("30.5", "30.5"), ("نعم", "نعم"),
    ]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("قالوف لا،,.:؛!?؟\"'«»“”()-–—_#@/0123456789 \n\t\u00a0\u200fabcٌ☺"), max_size=60))
def test_the_article_tokenisation_is_the_token_regex(text):
    assert TokenIndex(text).items == tokens(text, 0, len(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(pieces, max_size=20).map("".join), st.integers(0, 80), st.integers(0, 80), st.integers(0, 6))
def test_a_head_is_the_first_tokens_of_a_window(text, a, b, count):
    a, b = sorted((min(a, len(text)), min(b, len(text))))
    index = TokenIndex(text)
    assert index.head(a, b, count) == index.window(a, b)[:count]
