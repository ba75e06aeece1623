"""Reporting cues: one compiled alternation over the normalised text."""

from __future__ import annotations

import re

import msgspec

from .normalize import Normalized, normalize_text
from .resources import CueEntry, cue_entries

# A form that ends in a proclitic preposition ("وفقا ل") runs straight into the next word.
_PROCLITIC_END = (" ل", " ب")


class CueHit(msgspec.Struct, frozen=True):
    """A cue found in the normalised text; ``start``/``end`` are normalised offsets."""

    start: int
    end: int
    form_start: int  # where the cue word starts, after any و/ف clitic
    entry: CueEntry
    has_conjunction: bool
    imperfect: bool


class CueScanner:
    """Finds every reporting cue of the lexicon in one regex pass."""

    def __init__(self, entries: tuple[CueEntry, ...] | None = None) -> None:
        self._by_form: dict[str, tuple[CueEntry, bool]] = {}
        for entry in entries or cue_entries():
            for form in entry.forms:
                self._by_form.setdefault(normalize_text(form), (entry, False))
            for form in entry.imperfect:
                self._by_form.setdefault(normalize_text(form), (entry, True))
        self.pattern = _compile(self._by_form)
        self.forms = frozenset(self._by_form)

    def scan(self, normalized: Normalized, start: int = 0, end: int | None = None) -> list[CueHit]:
        text = normalized.text
        stop = len(text) if end is None else end
        return [self._hit(m) for m in self.pattern.finditer(text, start, stop)]

    def _hit(self, match: re.Match[str]) -> CueHit:
        form = " ".join(match["form"].split())
        entry, imperfect = self._by_form[form]
        return CueHit(match.start(), match.end(), match.start("form"), entry, match["conj"] is not None, imperfect)


def _compile(forms: dict[str, tuple[CueEntry, bool]]) -> re.Pattern[str]:
    whole = sorted((f for f in forms if not f.endswith(_PROCLITIC_END)), key=len, reverse=True)
    proclitic = sorted((f for f in forms if f.endswith(_PROCLITIC_END)), key=len, reverse=True)

    def alternation(items: list[str]) -> str:
        return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in items)

    body = f"(?:{alternation(whole)})(?!\\w)"
    if proclitic:
        body = f"(?:{alternation(proclitic)})|{body}"
    return re.compile(f"(?<![^\\W\\d_])(?P<conj>[وف]\\s?)?(?P<form>{body})")
