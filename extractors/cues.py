"""Reporting cues: one compiled alternation over the normalised text."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Final

import msgspec

from .normalize import Normalized, normalize_text
from .positions import bisect_left
from .resources import CueEntry, cue_entries
from .words import TokenIndex, is_letter, letters_only

# A form that ends in a proclitic preposition ("وفقا ل") runs straight into the next word.
_PROCLITIC_END: Final = (" ل", " ب")


class CueHit(msgspec.Struct, frozen=True):
    """A cue found in the normalised text; ``start``/``end`` are normalised offsets."""

    start: int
    end: int
    form_start: int  # where the cue word starts, after any و/ف clitic
    entry: CueEntry
    has_conjunction: bool
    imperfect: bool
    agreement: str = ""  # "f" feminine, "p" plural, "m" masculine singular, "" not told
    participle: bool = False  # follows its subject: what comes after it is its object


class CueScanner:
    """Finds every reporting cue of the lexicon in one regex pass."""

    def __init__(self, entries: tuple[CueEntry, ...] | None = None) -> None:
        self._by_form: dict[str, tuple[CueEntry, bool]] = {}
        self._agreement: dict[str, str] = {}
        self._participles: set[str] = set()
        for entry in entries or cue_entries():
            for form in entry.forms:
                self._by_form.setdefault(normalize_text(form), (entry, False))
            for form in entry.imperfect:
                self._by_form.setdefault(normalize_text(form), (entry, True))
            for form in entry.participles:
                self._by_form.setdefault(normalize_text(form), (entry, False))
                self._participles.add(normalize_text(form))
            if entry.role in ("verb", "participle", "stance"):
                for form, told in agreements(entry).items():
                    self._agreement.setdefault(form, told)
        self.pattern = _compile(self._by_form, _factored)
        self.forms = frozenset(self._by_form)
        # what a token made of letters only must read for a cue to start at it: a form's
        # first word, bare or with its و/ف, or a lone و/ف ("و قال")
        firsts = {form.split()[0] for form in self.forms}
        self._first_words = frozenset(firsts | {c + w for w in firsts for c in "وف"} | {"و", "ف"})
        # what the first character of a match can be: a form's, or its و/ف
        self._first_chars = frozenset(form[0] for form in self.forms) | {"و", "ف"}

    def scan(
        self, normalized: Normalized, start: int = 0, end: int | None = None, *, words: TokenIndex | None = None
    ) -> list[CueHit]:
        """Every cue in ``normalized.text[start:end]``, as ``pattern.finditer`` finds them.
        Given the text's ``words``, the pattern is tried only where a cue can start: the
        same hits, for a third of the time of a scan of every character."""
        text = normalized.text
        stop = len(text) if end is None else end
        if words is None:
            return [self._hit(m) for m in self.pattern.finditer(text, start, stop)]
        return [self._hit(m) for m in self._matches_at_words(text, words, start, stop)]

    def _matches_at_words(self, text: str, words: TokenIndex, start: int, stop: int) -> list[re.Match[str]]:
        """``pattern.finditer(text, start, stop)``, trying the pattern at the start of a
        token of letters only when the token could begin a form (inside such a token a
        letter precedes every position, which the pattern's look-behind refuses), and at
        every position of the other tokens ("30قال", "قال-أن")."""
        found: list[re.Match[str]] = []
        last = start  # finditer resumes where its last match ended
        texts, starts, ends = words.texts, words.starts, words.ends
        for i in range(max(0, bisect_left(ends, start + 1)), len(texts)):
            at = starts[i]
            if at >= stop:
                break
            if ends[i] <= last:
                continue
            word = texts[i]
            if at >= last and ends[i] <= stop and letters_only(word):  # a token whole in the window
                if word in self._first_words:
                    m = self.pattern.match(text, at, stop)
                    if m is not None:
                        found.append(m)
                        last = m.end()
                continue
            pos = max(at, last)
            while pos < ends[i] and pos < stop:
                m = self.pattern.match(text, pos, stop) \
                    if text[pos] in self._first_chars and (pos == at or not is_letter(text[pos - 1])) else None
                if m is not None:
                    found.append(m)
                    last = pos = m.end()
                else:
                    pos += 1
        return found

    def _hit(self, match: re.Match[str]) -> CueHit:
        form = match["form"]
        if form not in self._by_form:  # a form of two words, printed with more than a space between
            form = " ".join(form.split())
        entry, imperfect = self._by_form[form]
        return CueHit(match.start(), match.end(), match.start("form"), entry, match["conj"] is not None, imperfect,
                      self._agreement.get(form, ""), form in self._participles)


def agreements(entry: CueEntry) -> dict[str, str]:
    """How each form of a cue agrees with its subject, read off the forms themselves: a
    feminine adds ت to a sibling ("قالت", "رأت" beside "رأى", "طالبت" beside "يطالب") or
    ends in ة for its ا ("مؤكدة"), a present tense swaps ي for ت ("تقول"); a plural adds
    وا/ون ("قالوا", "يقولون") or ين for ا ("مضيفين"). The masculine singular is the first
    form, or one a feminine or plural is made from; any other form tells nothing."""
    perfect = [normalize_text(f) for f in [*entry.forms, *entry.participles]]
    present = [normalize_text(f) for f in entry.imperfect]
    bare = set(perfect) | {f[1:] for f in perfect if f[:1] == "و" and len(f) > 3}
    stems = {f[:-1] for f in bare if f[-1:] in "ايى"}
    out: dict[str, str] = {}
    for f in perfect:
        if f.endswith("وا") and f[:-2] in bare or f.endswith("ين") and f[:-2] + "ا" in bare:
            out[f] = "p"
        elif f.endswith("ت") and (f[:-1] in bare or f[:-1] in stems or "ي" + f[:-1] in present) \
                or f.endswith("ه") and f[:-1] + "ا" in bare or f.endswith("ها") and f[:-1] in bare:
            out[f] = "f"
    for f in present:
        if f.endswith("ون") and f[:-2] in present:
            out[f] = "p"
        elif f[:1] == "ت" and "ي" + f[1:] in present:
            out[f] = "f"
    told = set(out)
    for f in perfect + present:
        if f not in out and (f == perfect[0] or any(g.startswith(f[:-1]) or g.endswith(f[1:]) for g in told)):
            out[f] = "m"
    return out


def alternation(forms: Iterable[str]) -> re.Pattern[str]:
    """Every cue form as one flat alternation, longest first: the plain one-pass scan.

    This is the reference the benchmarks time extraction against (issue 4), and the
    language :class:`CueScanner`'s factored pattern must match exactly (tests check it)."""
    return _compile(forms, _flat)


def _compile(forms: Iterable[str], join: Callable[[list[str]], str]) -> re.Pattern[str]:
    forms = list(forms)
    whole = [f for f in forms if not f.endswith(_PROCLITIC_END)]
    proclitic = [f for f in forms if f.endswith(_PROCLITIC_END)]
    # a proclitic form ("وفقا ل") runs into the next word; the others end at a word end
    body = f"(?:{join(whole)})(?!\\w)"
    if proclitic:
        body = f"(?:{join(proclitic)})|{body}"
    return re.compile(f"(?<![^\\W\\d_])(?P<conj>[وف]\\s?)?(?P<form>{body})")


def _word_gap(form: str) -> str:
    return re.escape(form).replace(r"\ ", r"\s+")


def _flat(forms: list[str]) -> str:
    return "|".join(_word_gap(f) for f in sorted(forms, key=len, reverse=True))


def _factored(forms: list[str]) -> str:
    """The forms as a trie ("قال|قالت|قائلا" → "ق(?:ال(?:ت)?|ائلا)"): the engine reads
    each character once instead of trying every form in turn. Optional tails are greedy,
    so the longest form that fits still wins, as in :func:`_flat`."""
    trie: dict = {}
    for form in forms:
        node = trie
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict) -> str:
    branches = [_word_gap(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body
