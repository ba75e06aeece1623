"""Arabic normalisation for matching, with a map back to the original offsets.

Normalised text is only ever used to *find* things; every span reported to a user is
mapped back to the original string through :class:`Normalized`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final

from .positions import bisect_left, bisect_right

# Letter folds that keep the length of the text (one code point for one).
_FOLDS: Final = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ئ": "ي", "ؤ": "و",
    "ة": "ه", "ک": "ك", "گ": "ك", "ی": "ي", "ۀ": "ه", "ە": "ه",
}
# Marks that carry no letter: harakat, Quranic marks, superscript alef, tatweel and the
# invisible format controls (LRM, RLM, ZWNJ, ZWJ, bidi embeddings and isolates, BOM).
_DELETABLE: Final = (
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640"
    "\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad"
)
_DELETABLE_RE: Final = re.compile(f"[{_DELETABLE}]")
_FOLD_PAIRS: Final = tuple(_FOLDS.items())


def _fold(text: str) -> str:
    # str.replace per fold: each is a C scan, and most folds are absent; str.translate
    # looks every character up in a dict, which is ten times slower on Arabic text.
    for letter, folded in _FOLD_PAIRS:
        if letter in text:
            text = text.replace(letter, folded)
    return text


class Normalized:
    """Normalised text plus the positions of the characters that were deleted from it."""

    __slots__ = ("text", "_shift_at", "_deleted")

    def __init__(self, text: str, shift_at: list[int], deleted: list[int]) -> None:
        self.text = text
        self._shift_at = shift_at
        self._deleted = deleted

    def to_original(self, pos: int) -> int:
        """Original index of the character at normalised index ``pos``."""
        if not self._shift_at:
            return pos
        return pos + bisect_right(self._shift_at, pos)

    def to_normalized(self, pos: int) -> int:
        """Normalised index of original index ``pos`` (a deleted mark maps to what follows)."""
        if not self._deleted:
            return pos
        return pos - bisect_left(self._deleted, pos)

    def end_to_original(self, pos: int) -> int:
        """Original (exclusive) end for a normalised (exclusive) end ``pos``."""
        if pos <= 0:
            return 0
        return self.to_original(pos - 1) + 1


def normalize(text: str) -> Normalized:
    """Fold letter variants and drop marks; keep an offset map to ``text``.

    Length-preserving folds are ``str.replace`` calls; deletions are cut with one regex
    ``split``, so the cost is linear and in C.
    """
    folded = _fold(text)
    kept = _DELETABLE_RE.split(folded)  # the stretches between marks: no match object a mark
    if len(kept) == 1:
        return Normalized(folded, [], [])
    # deletion i sits at normalised index deleted[i] - i; an original index is the
    # normalised one plus the number of deletions at or before it.
    deleted: list[int] = []
    shift_at: list[int] = []
    at = 0  # where the stretch starts, in the normalised text
    for piece in kept[:-1]:
        at += len(piece)
        shift_at.append(at)
        deleted.append(at + len(deleted))
    return Normalized("".join(kept), shift_at, deleted)


def normalize_text(text: str) -> str:
    """Normalised form of ``text`` alone, for keys, search and comparison."""
    return _DELETABLE_RE.sub("", _fold(unicodedata.normalize("NFC", text)))


_WORD_RE: Final = re.compile(r"[^\W_]+")


@lru_cache(maxsize=65536)
def normalize_key(text: str) -> str:
    """Normalised words joined by single spaces: the key form for names and search."""
    return " ".join(_WORD_RE.findall(normalize_text(text).lower()))


def word_core(word: str) -> str:
    """A ``normalize_key`` word without its leading clitics: و/ف, then ب/ل/ك, then ال
    (keeping at least two letters). Arabic writes conjunctions, prepositions and the
    article onto the word, so «بالإملاءات» and «الاملاءات» share the core «املاءات»."""
    if word.isascii():
        return word
    w = word
    if len(w) > 3 and w[0] in "وف":
        w = w[1:]
    if len(w) > 4 and w.startswith("لل"):  # ل + ال with the alef dropped
        return w[2:]
    if len(w) > 3 and w[0] in "بلك":
        w = w[1:]
    if len(w) > 4 and w.startswith("ال"):
        w = w[2:]
    return w if len(w) >= 2 else word
