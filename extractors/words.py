"""The lexicon as folded word sets, plus the tokeniser the quote and speaker stages share."""

from __future__ import annotations

import re
from functools import cache
from typing import Final

from .normalize import normalize_text
from .positions import bisect_left, bisect_right
from .resources import Lexicon, lexicon

# A token: a run of letters and digits, which may carry inner dots, hyphens, apostrophes
# and underscores ("30.5", "يونغ-أون", "#تيريزا_ماي") but never starts or ends with them;
# everything else (spaces, quote marks, clause punctuation, symbols) separates tokens.
# Offsets are into whatever (normalised) text was tokenised.
_JOINERS: Final = ".-–—'_"  # what joins the parts of one token ("30.5", "يونغ-أون")
_TOKEN_RE: Final = re.compile(rf"[^\W_]+(?:[{re.escape(_JOINERS)}]+[^\W_]+)*")
# Characters that often stand at the ends of a space-separated piece ("«قال", "لافروف،");
# none is a letter or digit, so a piece that is one of them around a run of letters is that
# one token. Any other piece goes to the regex.
_EDGE_MARKS: Final = "،.,:;؛!?؟\"'«»“”„‟‘’()[]/#+%|-–—_…\r\t\u00a0"


class Token:
    """A word and where it stands. A plain class, which mypyc compiles to a native one: the
    rules read these three fields more than anything else, and a native field is read
    directly where a msgspec Struct's is looked up by name (callgrind: ~180 instructions)."""

    __slots__ = ("text", "start", "end")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Token) and (self.text, self.start, self.end) == (other.text, other.start, other.end)

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"


def tokens(text: str, start: int, end: int) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text, start, end)]


class Words:
    """Folded word sets for the rule lookups."""

    def __init__(self, data: Lexicon) -> None:
        def fold(items: list[str]) -> frozenset[str]:
            return frozenset(normalize_text(i) for i in items)

        self.complementisers = fold(data.complementisers)
        self.cue_prepositions = fold(data.cue_prepositions)
        self.title_heads = _with_article(fold(data.title_heads))
        self.glued_title_heads = tuple(sorted(fold(data.glued_title_heads), key=len, reverse=True))
        self.honorifics = fold(data.honorifics)
        self.ranks = fold(data.ranks)
        self.organization_heads = _with_article(fold(data.organization_heads))
        self.office_heads = fold(data.office_heads)
        self.states = fold(data.states)
        self._state_phrases = sorted((p.split() for p in self.states if " " in p), key=len, reverse=True)
        self._state_starts = frozenset(p[0] for p in self._state_phrases)
        self.outlet_heads = fold(data.outlet_heads) | {"ال" + w for w in fold(data.outlet_heads) if not w.startswith("ال")}
        self.statement_forms = fold(data.statement_forms)
        self.topic_heads = fold(data.topic_heads)
        self.media_heads = self.outlet_heads | self.statement_forms
        self.adjunct_starters = fold(data.adjunct_starters)
        self.parentheticals = tuple(sorted(fold(data.parentheticals), key=len, reverse=True))
        self.epithets = tuple(fold(data.epithets))
        self.svo_blockers = fold(data.svo_blockers)
        self.cue_blockers = fold(data.cue_blockers)
        self.clause_openers = fold(data.clause_openers)
        self.lone_adverbs = fold(data.lone_adverbs)
        self.purpose_nouns = fold(data.purpose_nouns)
        self.opening_verbs = fold(data.opening_verbs)
        self.topic_openers = fold(data.topic_openers)
        self.resumptive_prepositions = fold(data.resumptive_prepositions)
        self.resumptive_complementisers = fold(data.resumptive_complementisers)
        self.invocations = fold(data.invocations)
        self._invocation_starts = frozenset(p.split()[0] for p in self.invocations)
        self.anaphoric_bodies = fold(data.anaphoric_bodies)
        self.naming_words = fold(data.naming_words)
        self.source_heads = fold(data.source_heads)
        self.indefinite_spokesman_heads = fold(data.indefinite_spokesman_heads)
        self.place_heads = fold(data.place_heads)
        self.object_nouns = fold(data.object_nouns)
        self.relative_agreements = {normalize_text(k): v for k, v in data.relative_agreements.items()}
        self.antecedent_prepositions = fold(data.antecedent_prepositions)
        self.counterpart_words = fold(data.counterpart_words)
        self.content_prepositions = fold(data.content_prepositions)
        # an epithet naming a role → the words (folded, without the article) one of the
        # titles of that role has
        self.role_epithets = {normalize_text(k): fold(v) for k, v in data.role_epithets.items()}
        self.honorific_pronouns = {normalize_text(k): normalize_text(v) for k, v in data.honorific_pronouns.items()}
        # a pronoun title ("سموه", "مراسلنا") → the bare title that introduced its person
        self.introduced_by = self.honorific_pronouns | {
            normalize_text(k): normalize_text(v) for k, v in data.possessive_titles.items()
        }
        self.complement_heads = fold(data.complement_heads)
        self.title_cores: dict[str, tuple[str, ...]] = {}  # a title → its core words (speakers)
        self._nation_of = _nation_words(data.nationalities)
        self.nations = frozenset(self._nation_of.values())
        openers = sorted(fold(data.commentary_openers), key=len, reverse=True)
        # a comma, then a phrase that opens the article's own commentary, as a whole word
        background = "|".join(map(re.escape, sorted(fold(data.background_verbs), key=len, reverse=True)))
        self.commentary_re = re.compile(
            r"[،,]\s*(?:(?:" + "|".join(map(re.escape, openers)) + r")(?![^\W_])"
            + (r"|(?:" + background + r")\s+(?:[^\W_]+\s+){1,6}?قد\s" if background else "") + ")"
        )
        # a sentence stop, then a sentence that carries the content on ("... . وأنه كان ...")
        self.continuation_re = re.compile(
            r"\.\s*(?:" + "|".join(map(re.escape, sorted(fold(data.continuations), key=len, reverse=True))) + r")(?![^\W_])"
        ) if data.continuations else None
        # words that never stand in a name: a stretch in marks holding one is speech
        self.function_words = (
            self.adjunct_starters | self.cue_blockers | self.complementisers | self.svo_blockers | self.clause_openers
        )
        self._media_any = _prefixed(self.media_heads)
        self._outlet_any = _prefixed(self.outlet_heads)
        self._org_any = _prefixed(self.organization_heads)

    def is_media(self, word: str) -> bool:
        """A medium word, bare or with a ل/ب/لل prefix ("للتلفزيون", "بصحيفة")."""
        return word in self._media_any

    def is_outlet(self, word: str) -> bool:
        """A word that names an outlet ("وكالة", "للتلفزيون"): the start of a quote's source."""
        return word in self._outlet_any

    def state_at(self, toks: list[Token], i: int) -> int:
        """Words of a multi-word state or body starting at ``toks[i]`` ("الولايات المتحدة"), or 0."""
        if toks[i].text not in self._state_starts:
            return 0
        for phrase in self._state_phrases:
            if [t.text for t in toks[i : i + len(phrase)]] == phrase:
                return len(phrase)
        return 0

    def invocation_at(self, toks: list[Token], i: int) -> bool:
        """A blessing ("حفظه الله") starts at ``toks[i]``."""
        return toks[i].text in self._invocation_starts and i + 1 < len(toks) \
            and f"{toks[i].text} {toks[i + 1].text}" in self.invocations

    def is_epithet(self, title: str) -> bool:
        """"كبير الدبلوماسيين الروس" stands for the person the passage is about."""
        return any(title == e or title.startswith(e + " ") for e in self.epithets)

    def is_org(self, word: str) -> bool:
        return word in self._org_any

    def nation(self, word: str) -> str | None:
        """The state a title word (without its article) names: "روسي", "روسيه", "روسيا" → "روسيا"."""
        return self._nation_of.get(word)


class TokenIndex:
    """The tokens of one text, made once; every window the stages ask for is a slice."""

    def __init__(self, text: str, glued_heads: tuple[str, ...] = ()) -> None:
        self.text = text
        # the tokens as parallel lists, for loops over every token (no attribute lookups)
        self.texts: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self._add_tokens(text)
        if glued_heads:
            self._split_glued_words(glued_cuts(text, glued_heads))
        # the tokens as objects, made only as far as a window has reached: a long text read
        # only near its start ("قال" and 50k characters of names) makes few of them
        self._items: list[Token] = []

    def _add_tokens(self, text: str) -> None:
        """The tokens of ``_TOKEN_RE``, found without running the regex over the whole text:
        it costs about as much for every character whatever the pattern, while most pieces
        between spaces and newlines are one word, alone or between a mark or two."""
        texts, starts, ends = self.texts, self.starts, self.ends
        pos = 0  # where the piece starts
        for piece in text.replace("\n", " ").split(" "):
            size = len(piece)
            if piece.isalnum():  # (compiled, a native call: mypyc 2.x has str.isalnum)
                texts.append(piece)
                starts.append(pos)
                ends.append(pos + size)
            elif size > 1:  # (one character that is no letter or digit is no token)
                at, word = _word_between_marks(piece)
                if at >= 0:
                    texts.append(word)
                    starts.append(pos + at)
                    ends.append(pos + at + len(word))
                elif word:
                    for m in _TOKEN_RE.finditer(text, pos, pos + size):
                        texts.append(m.group())
                        starts.append(m.start())
                        ends.append(m.end())
            pos += size + 1

    def _split_glued_words(self, cuts: list[int]) -> None:
        """"الوزيرالسوري" as two words: each cut (see :func:`glued_cuts`) splits the token it
        falls in; the lists are rebuilt once, in slices."""
        texts: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        done = 0  # the tokens before this one are copied
        for cut in cuts:
            i = bisect_right(self.starts, cut) - 1
            if i < done or not self.starts[i] < cut < self.ends[i]:
                continue
            texts += self.texts[done:i]
            starts += self.starts[done:i]
            ends += self.ends[done:i]
            word, start = self.texts[i], self.starts[i]
            texts += [word[: cut - start], word[cut - start :]]
            starts += [start, cut]
            ends += [cut, self.ends[i]]
            done = i + 1
        if done:
            self.texts = texts + self.texts[done:]
            self.starts = starts + self.starts[done:]
            self.ends = ends + self.ends[done:]

    def head(self, a: int, b: int, count: int) -> list[Token]:
        """``window(a, b)[:count]``, in time for ``count`` tokens however far ``b`` is."""
        i = bisect_left(self.starts, a)
        j = i + count + 1  # one more, for a token cut by ``a``
        if j < len(self.starts) and self.starts[j] < b:
            b = self.starts[j]  # the tokens before it end by its start: none is cut there
        return self._window(a, b, i)[:count]

    def window(self, a: int, b: int) -> list[Token]:
        """Same as ``tokens(text, a, b)``."""
        return self._window(a, b, bisect_left(self.starts, a))

    def _window(self, a: int, b: int, i: int) -> list[Token]:
        """``window(a, b)``, the first token starting at or after ``a`` being ``i``."""
        starts, ends = self.starts, self.ends
        j = bisect_left(starts, b, i)
        if j > len(self._items):
            self._make_items(j)
        out = self._items[i:j]
        if i and ends[i - 1] > a:  # a token cut by the window's start
            out = self._part(a, min(ends[i - 1], b)) + out
        if j > i and ends[j - 1] > b:  # a token cut by the window's end
            out = out[:-1] + self._part(starts[j - 1], b)
        return out

    def _make_items(self, end: int) -> None:
        items, texts, starts, ends = self._items, self.texts, self.starts, self.ends
        for k in range(len(items), end):
            items.append(Token(texts[k], starts[k], ends[k]))

    def _part(self, a: int, b: int) -> list[Token]:
        """``tokens(text, a, b)`` for a stretch inside one token: a token is letters and
        digits joined by joiners, so the stretch without the joiners at its ends is one token,
        or none (and no regex runs for the windows that start or end inside a word)."""
        part = self.text[a:b]
        word = part.strip(_JOINERS)
        if not word:
            return []
        start = a + len(part) - len(part.lstrip(_JOINERS))
        return [Token(word, start, start + len(word))]


def _word_between_marks(piece: str) -> tuple[int, str]:
    """The word of a piece that is one word between marks ("لافروف،", "«قال»") and where it
    starts in the piece; (-1, what the marks leave) when the piece is more than that. A word
    and one mark, the most common, takes native calls only (compiled, ``strip`` is by name)."""
    if piece[:-1].isalnum():
        return 0, piece[:-1]
    if piece[1:].isalnum():
        return 1, piece[1:]
    word = piece.strip(_EDGE_MARKS)
    return (piece.find(word), word) if word.isalnum() else (-1, word)


def _nation_words(nationalities: dict[str, str]) -> dict[str, str]:
    """Adjective (masculine and feminine) and state name, folded and without the article,
    each to the state's folded name."""
    found: dict[str, str] = {}
    for adjective, state in nationalities.items():
        key = normalize_text(state).removeprefix("ال")
        adjective = normalize_text(adjective)
        found.update({adjective: key, adjective + "ه": key, key: key})
    return found


def glued_cuts(text: str, heads: tuple[str, ...]) -> list[int]:
    """Where a title head glued to a word by a missing space is cut from it: after the head
    before an article word ("الوزير|السوري"), before the head after a word of three letters
    or more ("سبايسر|المتحدث"). One ``str.find`` walk a family of heads (a head and those
    that extend it: "الوزير", "الوزيره"): the places are rare."""
    cuts: set[int] = set()
    for stem, family in _head_families(heads):
        at = text.find(stem)
        while at >= 0:
            for head in family:
                if text.startswith(head, at):
                    _cut_glued_head(text, at, at + len(head), cuts)
            at = text.find(stem, at + len(stem))
    return sorted(cuts)


def _cut_glued_head(text: str, at: int, end: int, cuts: set[int]) -> None:
    if _starts_word(text, at) and _article_word_at(text, end):
        cuts.add(end)
    elif not _is_alnum(text, end) and _letters_before(text, at) >= MIN_GLUED_WORD:
        cuts.add(at)


@cache
def _head_families(heads: tuple[str, ...]) -> list[tuple[str, list[str]]]:
    """The heads no other head starts, each with the heads that start with it (itself too)."""
    stems = [h for h in heads if not any(h != o and h.startswith(o) for o in heads)]
    return [(stem, [h for h in heads if h.startswith(stem)]) for stem in stems]


MIN_GLUED_WORD: Final = 3  # letters of the word a head is glued to, at least
MAX_GLUED_WORD: Final = 20  # ... and at most


def _is_alnum(text: str, i: int) -> bool:
    return 0 <= i < len(text) and text[i].isalnum()


def _is_letter(text: str, i: int) -> bool:
    return 0 <= i < len(text) and is_letter(text[i])


def letters_only(word: str) -> bool:
    """``word.isalpha()``, answered in native code for the common case: compiled,
    ``str.isalpha`` is a call by name, while a character's code is read in place."""
    for k in range(len(word)):
        code = ord(word[k])
        if code < FIRST_ARABIC_LETTER or code > LAST_ARABIC_LETTER:
            return word.isalpha()
    return len(word) > 0


FIRST_ARABIC_LETTER: Final = 0x621  # ء; to ي, every code is a letter to str.isalpha
LAST_ARABIC_LETTER: Final = 0x64A  # (Final: compiled, a constant, not a global looked up)


def is_letter(char: str) -> bool:
    """What a regex's ``[^\\W\\d_]`` calls a letter (the cue pattern's look-behind)."""
    return char.isalnum() and not char.isdecimal()


def _starts_word(text: str, at: int) -> bool:
    """A word starts at ``at``, or a و/ف that starts one stands right before it."""
    return not _is_alnum(text, at - 1) or text[at - 1] in "وف" and not _is_alnum(text, at - 2)


def _article_word_at(text: str, at: int) -> bool:
    """ال and three letters or more, then the word's end."""
    if not text.startswith("ال", at):
        return False
    end = at + 2
    while _is_letter(text, end) and end - at - 2 <= MAX_GLUED_WORD:
        end += 1
    return MIN_GLUED_WORD <= end - at - 2 <= MAX_GLUED_WORD and not _is_alnum(text, end)


def _letters_before(text: str, at: int) -> int:
    """The letters right before ``at``, when they start a word of at most MAX_GLUED_WORD
    letters (0 when not: the walk back stays short whatever the text)."""
    start = at
    while _is_letter(text, start - 1) and at - start <= MAX_GLUED_WORD:
        start -= 1
    return at - start if at - start <= MAX_GLUED_WORD and not _is_alnum(text, start - 1) else 0


def _with_article(items: frozenset[str]) -> frozenset[str]:
    """Each head word with and without the article: "وزيرة" and "الوزيرة"."""
    return items | {"ال" + w for w in items if not w.startswith("ال")} | {w[2:] for w in items if w.startswith("ال")}


def _prefixed(items: frozenset[str]) -> frozenset[str]:
    """Each word as it may be printed after a glued preposition: "للتلفزيون", "بصحيفة",
    "عبرقناة"; lookups are then one set membership."""
    out = set(items)
    for word in items:
        if word.startswith("ال"):
            out.add("لل" + word[2:])
        if len(word) > 2:
            out.update(("ل" + word, "ب" + word))
        out.add("عبر" + word)
    return frozenset(out)


@cache
def words() -> Words:
    return Words(lexicon())
