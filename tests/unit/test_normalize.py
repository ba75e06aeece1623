"""Normalisation for matching: every fold, every deleted mark, and the map back to the original.

Normalised text is only used to find things; whatever is reported is a span of the original,
so the offset map must be exact.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.normalize import normalize, normalize_key, normalize_text

FATHA, DAMMA, KASRA, SUKUN, SHADDA = "\u064e", "\u064f", "\u0650", "\u0652", "\u0651"
TANWIN_FATH, TANWIN_DAMM, TANWIN_KASR = "\u064b", "\u064c", "\u064d"
SUPERSCRIPT_ALEF = "\u0670"
TATWEEL = "\u0640"
LRM, RLM, ZWNJ, ZWJ, BOM = "\u200e", "\u200f", "\u200c", "\u200d", "\ufeff"

HARAKAT = [FATHA, DAMMA, KASRA, SUKUN, SHADDA, TANWIN_FATH, TANWIN_DAMM, TANWIN_KASR]
INVISIBLE = [LRM, RLM, ZWNJ, ZWJ, BOM]
DELETED = [*HARAKAT, SUPERSCRIPT_ALEF, TATWEEL, *INVISIBLE]


# -- letter folds -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variant", "word", "folded"),
    [
        ("أ", "أحمد", "احمد"),
        ("إ", "إبراهيم", "ابراهيم"),
        ("آ", "آخر", "اخر"),
        ("ٱ", "ٱلله", "الله"),
    ],
)
def test_alef_forms_fold_to_bare_alef(variant: str, word: str, folded: str) -> None:
    assert normalize_text(variant) == "ا"
    assert normalize_text(word) == folded
    assert normalize(word).text == folded


@pytest.mark.parametrize("variant", ["ى", "ی"])  # alef maqsura and Persian yeh
def test_yeh_variants_fold_to_arabic_yeh(variant: str) -> None:
    assert normalize_text(variant) == "ي"
    assert normalize_text(f"مصطف{variant}") == "مصطفي"
    assert normalize(f"عل{variant} الطاول{variant}").text == "علي الطاولي"


def test_ta_marbuta_folds_to_heh() -> None:
    assert normalize_text("ة") == "ه"
    assert normalize_text("وزارة الخارجية") == "وزاره الخارجيه"


def test_persian_kaf_folds_to_arabic_kaf() -> None:
    assert normalize_text("ک") == "ك"
    assert normalize_text("کتاب") == "كتاب"


def test_spelling_variants_of_one_name_share_a_key() -> None:
    assert normalize_key("مصطفى إبراهيم") == normalize_key("مصطفي ابراهيم") == normalize_key("مصطفی ابراهیم")
    assert normalize_key("  الطاقة  الذرية ") == "الطاقه الذريه"


# -- deleted marks ------------------------------------------------------------------------


@pytest.mark.parametrize("mark", HARAKAT, ids=lambda m: f"U+{ord(m):04X}")
def test_harakat_are_removed(mark: str) -> None:
    assert normalize_text(f"ق{mark}ال") == "قال"
    assert normalize(f"ق{mark}ال").text == "قال"


def test_fully_vowelled_word_matches_bare_word() -> None:
    assert normalize_text("قَالَ") == "قال"
    assert normalize_text("مُحَمَّدٌ") == "محمد"
    assert normalize_text("كِتَابًا") == "كتابا"


def test_superscript_alef_is_removed() -> None:
    assert normalize_text(f"ه{SUPERSCRIPT_ALEF}ذا") == "هذا"


def test_tatweel_is_removed() -> None:
    assert normalize_text("قـــال") == "قال"
    assert normalize_text("وفقا لـ") == "وفقا ل"


@pytest.mark.parametrize("mark", INVISIBLE, ids=["LRM", "RLM", "ZWNJ", "ZWJ", "BOM"])
def test_invisible_marks_are_removed(mark: str) -> None:
    assert normalize_text(f"{mark}قال{mark} الوزير{mark}") == "قال الوزير"
    assert normalize(f"{mark}قال{mark} الوزير{mark}").text == "قال الوزير"


def test_folds_and_deletions_together() -> None:
    assert normalize_text(f"{RLM}وَأَكَّـدَتْ{ZWNJ} الوَزِيرَةُ إِنَّ") == "واكدت الوزيره ان"


def test_digits_latin_and_punctuation_are_kept() -> None:
    text = "قال: «2023» - Reuters، (نعم)؟"
    assert normalize(text).text == text
    assert normalize_text("ABC 123 ,.:") == "ABC 123 ,.:"


# -- the offset map -----------------------------------------------------------------------

SPRINKLED = (
    f"{BOM}وَقَالَ{LRM} وزيـــر الخارجيّة{ZWNJ} إِنَّ «المُفاوَضَاتِ» ستستمرُّ{RLM}.\n"
    f"وأضاف{ZWJ}: هٰذا اتفاقٌ مُهِمٌّ لِلْجَميع{TATWEEL}."
)


def _spans(n: int):
    for i in range(n):
        for j in range(i + 1, n + 1):
            yield i, j


def test_every_normalised_span_maps_back_to_its_original_span() -> None:
    norm = normalize(SPRINKLED)
    assert len(norm.text) < len(SPRINKLED)  # there were deletions to map around
    for i, j in _spans(len(norm.text)):
        a, b = norm.to_original(i), norm.end_to_original(j)
        assert 0 <= a < b <= len(SPRINKLED)
        assert normalize_text(SPRINKLED[a:b]) == norm.text[i:j], (i, j, SPRINKLED[a:b])


def test_mapped_span_starts_and_ends_on_kept_characters() -> None:
    norm = normalize(SPRINKLED)
    for i in range(len(norm.text)):
        a = norm.to_original(i)
        assert SPRINKLED[a] not in DELETED
        assert normalize_text(SPRINKLED[a]) == norm.text[i]
        end = norm.end_to_original(i + 1)
        assert SPRINKLED[end - 1] not in DELETED


def test_to_normalized_inverts_to_original() -> None:
    norm = normalize(SPRINKLED)
    for i in range(len(norm.text) + 1):
        assert norm.to_normalized(norm.to_original(i)) == i


def test_a_deleted_mark_maps_to_the_character_after_it() -> None:
    text = "قَال"
    norm = normalize(text)
    assert norm.text == "قال"
    assert norm.to_normalized(1) == 1  # the fatha → the alef that follows it
    assert norm.to_original(1) == 2


def test_text_without_deletions_maps_identically() -> None:
    text = "أكدت الوزيرة أن الخطة جاهزة، وقالت: «سنبدأ غدا»."
    norm = normalize(text)
    assert len(norm.text) == len(text)
    for i in range(len(text) + 1):
        assert norm.to_original(i) == i
        assert norm.to_normalized(i) == i
        assert norm.end_to_original(i) == i


def test_empty_text() -> None:
    norm = normalize("")
    assert norm.text == ""
    assert norm.end_to_original(0) == 0


_MIXED = st.text(
    alphabet=st.sampled_from(list("قالوزيرأإآٱىةکیبن «»:.\n") + DELETED),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(_MIXED)
def test_offset_map_property(text: str) -> None:
    norm = normalize(text)
    n = len(norm.text)
    assert norm.text == normalize_text(text)
    for i in range(n + 1):
        assert norm.to_normalized(norm.to_original(i)) == i
    for i in range(n):
        for j in range(i + 1, min(n, i + 8) + 1):
            a, b = norm.to_original(i), norm.end_to_original(j)
            assert 0 <= a < b <= len(text)
            assert normalize_text(text[a:b]) == norm.text[i:j]
