"""The lexicon as folded word sets, plus the tokeniser the quote and speaker stages share."""

from __future__ import annotations

import re
from functools import cache

import msgspec

from .normalize import normalize_text
from .resources import Lexicon, lexicon

# A token: a run of non-space characters that are not quote marks or punctuation that
# separates clauses. Offsets are into whatever (normalised) text was tokenised.
_TOKEN_RE = re.compile(r"[^\s،,؛;:\"“”«»„‟()\[\]…]+")
_EDGE_PUNCT = ".!?؟-–—'ـ#"


class Token(msgspec.Struct, frozen=True):
    text: str
    start: int
    end: int


def tokens(text: str, start: int, end: int) -> list[Token]:
    out = []
    for m in _TOKEN_RE.finditer(text, start, end):
        word = m.group().strip(_EDGE_PUNCT)
        if word:
            offset = m.group().index(word)
            out.append(Token(word, m.start() + offset, m.start() + offset + len(word)))
    return out


class Words:
    """Folded word sets for the rule lookups."""

    def __init__(self, data: Lexicon) -> None:
        def fold(items: list[str]) -> frozenset[str]:
            return frozenset(normalize_text(i) for i in items)

        self.complementisers = fold(data.complementisers)
        self.cue_prepositions = fold(data.cue_prepositions)
        self.title_heads = _with_article(fold(data.title_heads))
        self.honorifics = fold(data.honorifics)
        self.organization_heads = _with_article(fold(data.organization_heads))
        self.states = fold(data.states)
        self.outlet_heads = fold(data.outlet_heads) | {"ال" + w for w in fold(data.outlet_heads) if not w.startswith("ال")}
        self.media_heads = self.outlet_heads | fold(data.statement_forms)
        self.adjunct_starters = fold(data.adjunct_starters)
        self.parentheticals = tuple(sorted(fold(data.parentheticals), key=len, reverse=True))
        self.epithets = tuple(fold(data.epithets))
        self.svo_blockers = fold(data.svo_blockers)

    def is_media(self, word: str) -> bool:
        """A medium word, bare or with a ل/ب/لل prefix ("للتلفزيون", "بصحيفة")."""
        return any(stem in self.media_heads for stem in _unprefixed(word))

    def is_outlet(self, word: str) -> bool:
        """A word that names an outlet ("وكالة", "للتلفزيون"): the start of a quote's source."""
        return any(stem in self.outlet_heads for stem in _unprefixed(word))

    def is_epithet(self, title: str) -> bool:
        """"كبير الدبلوماسيين الروس" stands for the person the passage is about."""
        return any(title == e or title.startswith(e + " ") for e in self.epithets)

    def is_org(self, word: str) -> bool:
        return any(stem in self.organization_heads for stem in _unprefixed(word))


def _with_article(items: frozenset[str]) -> frozenset[str]:
    """Each head word with and without the article: "وزيرة" and "الوزيرة"."""
    return items | {"ال" + w for w in items if not w.startswith("ال")} | {w[2:] for w in items if w.startswith("ال")}


def _unprefixed(word: str) -> tuple[str, ...]:
    forms = [word]
    if word.startswith("لل"):
        forms.append("ال" + word[2:])
    if word[:1] in ("ل", "ب") and len(word) > 3:
        forms.append(word[1:])
    if word.startswith("عبر"):
        forms.append(word[3:])
    return tuple(forms)


@cache
def words() -> Words:
    return Words(lexicon())
