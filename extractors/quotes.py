"""Quote spans: quote-mark pairs, what opens a cue's content, and where it ends.

Works on the normalised text (quote marks and punctuation survive normalisation
unchanged), so every position here is a normalised offset.
"""

from __future__ import annotations

import re
from typing import Final, Literal

import msgspec

from .positions import bisect_left, bisect_right
from .words import Token, TokenIndex, Words

_MARK_CHARS: Final = "\"«»“”„‟"
_MARKS_RE: Final = re.compile(f"[{_MARK_CHARS}]")
_SENTENCE_MARKS: Final = ".!?؟"  # what may end a sentence
# A sentence ends at . ! ? ؟ (not a decimal point) or at the end of its line.
# "د.رامي الحمد الله": the period of a lone-letter abbreviation glued to the next word ends
# no sentence
_ABBREVIATION: Final = r"(?<=\s[^\W\d_]\.)[^\W\d_]"
_SENTENCE_END_RE: Final = re.compile(rf"(?:\.(?!\d)(?!{_ABBREVIATION})|[!?؟])")
_STOP_RE: Final = re.compile(rf"\.(?!{_ABBREVIATION})|[!?؟]")
_ABBREVIATION_RE: Final = re.compile(_ABBREVIATION)
MAX_NAME_IN_MARKS: Final = 4
_CLAUSE_END: Final = ".،,؛;!?؟\n\"”»)]-–…"
MAX_INTRODUCER_GAP: Final = 30  # words between a cue and the start of its content
MAX_TITLE_BEFORE_NAME: Final = 8  # words of a title that a name in marks may follow
# words that make a following أن a conjunction ("قبل أن يعلن تنحيه", "بعد أن قالت أنقرة",
# "بيد أن السفارة قالت") or the writer's aside ("يذكر أن الجيش أعلن"), not the opening of
# someone's content
TIME_CONJUNCTIONS: Final = frozenset({"بعد", "قبل", "منذ", "حتي", "بمجرد", "بيد", "غير", "يذكر", "ويذكر"})

Opening = Literal["complementiser", "colon", "mark", "object"]


class Pair(msgspec.Struct, frozen=True):
    """A quote-mark pair: ``open`` and ``close`` are the positions of the marks."""

    open: int
    close: int

    @property
    def inner(self) -> tuple[int, int]:
        return self.open + 1, self.close


class QuoteMarks:
    """The quote-mark pairs of one block, with lookups by position."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.pairs = _pair_marks(text, _places(_MARK_CHARS, text, start, end), start, end)
        self._sentence_marks = _places(_SENTENCE_MARKS, text, start, end)  # where a sentence may end
        self._opens = [p.open for p in self.pairs]
        self._text, self._start, self._end = text, start, end
        self._stops: list[int] | None = None  # sentence stops of the block, made on first use
        self._ends: list[int] | None = None  # the same as :func:`sentence_end` reads them

    def enclosing(self, pos: int) -> Pair | None:
        i = bisect_right(self._opens, pos) - 1
        if i >= 0 and self.pairs[i].open < pos < self.pairs[i].close:
            return self.pairs[i]
        return None

    def starting_at(self, pos: int) -> Pair | None:
        i = bisect_right(self._opens, pos) - 1
        if i >= 0 and self.pairs[i].open == pos:
            return self.pairs[i]
        return None

    def within(self, start: int, end: int) -> list[Pair]:
        out, i = [], bisect_left(self._opens, start)
        while i < len(self.pairs) and self.pairs[i].open < end:  # pairs are in order and disjoint
            if self.pairs[i].close < end:
                out.append(self.pairs[i])
            i += 1
        return out

    def sentence_stops(self, text: str, floor: int, pos: int) -> list[int] | None:
        """Positions of the block's sentence-ending marks (as :func:`sentence_start` reads
        them), or None when ``floor``..``pos`` is not inside this block's text."""
        if not self._holds(text, floor, pos):
            return None
        if self._stops is None:
            self._stops = [at for at in self._unquoted(_STOP_RE) if not text[at + 1 : at + 2].isdigit()]
        return self._stops

    def sentence_ends(self, text: str, start: int, limit: int) -> list[int] | None:
        """Where :func:`sentence_end` may stop in the block (its pattern read over the whole
        block, outside quote marks), or None when ``start``..``limit`` is not inside it."""
        if not self._holds(text, start, limit):
            return None
        if self._ends is None:
            self._ends = self._unquoted(_SENTENCE_END_RE)
        return self._ends

    def _holds(self, text: str, start: int, end: int) -> bool:
        """``text[start:end]`` lies inside this block's text."""
        return text is self._text and self._start <= start and end <= self._end

    def _unquoted(self, stop: re.Pattern[str]) -> list[int]:
        """Where the one-character pattern ``stop`` matches in the block, outside quote marks
        (what ``finditer`` over the block finds: it can only match at one of . ! ? ؟)."""
        return [at for at in self._sentence_marks if stop.match(self._text, at, self._end) and self.enclosing(at) is None]


def _places(chars: str, text: str, start: int, end: int) -> list[int]:
    """Where any of ``chars`` stands in ``text[start:end]``, in order: a ``str.find`` walk a
    character (compiled, native, and the marks are few), not a regex over the block, which
    tests a class at every character."""
    found: list[int] = []
    for k in range(len(chars)):
        char = chars[k]
        at = text.find(char, start, end)
        while at >= 0:
            found.append(at)
            at = text.find(char, at + 1, end)
    found.sort()
    return found


def _pair_marks(text: str, marks: list[int], start: int, end: int) -> list[Pair]:
    """Pair quote marks left to right.

    Sites mix “ ” " freely and even open with ”, so any mark but » opens and any mark but
    « closes; an unclosed mark pairs with nothing.
    """
    pairs: list[Pair] = []
    open_at: int | None = None
    for pos in marks:
        mark = text[pos]
        if open_at is None:
            if mark != "»":
                open_at = pos
        elif mark != "«" and not _clearly_opens(text, pos, start, end):
            pairs.append(Pair(open_at, pos))
            open_at = None
        elif mark != "«":
            open_at = pos  # «... مميزة» معلنة «تشكيل ... "قرار»: the earlier mark was never closed
    return pairs


def _clearly_opens(text: str, pos: int, start: int, end: int) -> bool:
    """A straight or curly mark after a space or line start and glued to the word after it
    ("قال: "قرار...") opens a quote; a closing mark follows its word."""
    before = text[pos - 1] if pos > start else "\n"
    after = text[pos + 1] if pos + 1 < end else " "
    return before in " \n\t(" and after.isalpha()


class Opener(msgspec.Struct, frozen=True):
    """Where a cue's content begins, and how it was introduced."""

    gap_start: int  # first position after the cue (speaker and adjuncts live here)
    gap_end: int  # last position before the introducer
    content_start: int
    how: Opening
    pair: Pair | None = None


def find_opener(
    text: str, words: TokenIndex, after: int, limit: int, marks: QuoteMarks, lex: Words, *, allow_object: bool
) -> Opener | None:
    """The first complementiser, colon or opening quote mark after a cue, within ``limit``
    and the first ``MAX_INTRODUCER_GAP`` words (``words`` are the text's tokens)."""
    toks = words.head(after, limit, MAX_INTRODUCER_GAP)
    scan_end = toks[-1].end + 1 if toks else after
    prev_end = after
    for i, tok in enumerate(toks):
        gap = text[prev_end : tok.start]
        colon = gap.find(":")
        if colon >= 0:
            return _after_colon(text, after, prev_end + colon, marks)
        mark = _first_mark(gap) if gap != " " else -1  # (mostly one space between two words)
        if mark >= 0:
            pair = marks.starting_at(prev_end + mark)
            if pair is not None and not _is_name_in_marks(text, pair, toks[:i], marks, lex) \
                    and not _content_after_name(text, pair, toks[:i], toks[i:], lex):
                return Opener(after, prev_end + mark, pair.open + 1, "mark", pair)
        if tok.text in lex.complementisers and not (i and toks[i - 1].text in TIME_CONJUNCTIONS):
            gap_end = _before_prepositions(toks, i, lex)
            return Opener(after, gap_end, tok.end, "complementiser")
        prev_end = tok.end
    tail = text[prev_end:scan_end]
    colon = tail.find(":")
    if colon >= 0:
        return _after_colon(text, after, prev_end + colon, marks)
    if allow_object and toks:
        return Opener(after, after, after, "object")
    return None


def _after_colon(text: str, after: int, colon: int, marks: QuoteMarks) -> Opener:
    start = colon + 1  # the colon itself, then any spaces
    while start < len(text) and text[start].isspace():
        start += 1
    pair = marks.starting_at(start)
    if pair is not None:
        return Opener(after, colon, pair.open + 1, "mark", pair)
    return Opener(after, colon, start, "colon")


def _first_mark(gap: str) -> int:
    m = _MARKS_RE.search(gap)
    return m.start() if m else -1


def _is_name_in_marks(text: str, pair: Pair, before: list[Token], marks: QuoteMarks, lex: Words) -> bool:
    if _after_naming_word(before, lex):
        return True
    inner = text[pair.open + 1 : pair.close].split()
    if len(inner) > MAX_NAME_IN_MARKS:
        return _names_the_body_before(text, pair, inner, before, lex)
    return _named_by_context(before[-2:], lex) or _runs_on(text, pair, marks, lex) or _name_after_title(text, pair, inner, before, lex)


def _content_after_name(text: str, pair: Pair, before: list[Token], rest: list[Token], lex: Words) -> bool:
    """A stretch in marks that the cue's own content follows later in its clause: a name
    ("وشددت "الشركة الكويتية"، بعد ساعات ...، على متانة ...": a body right after the cue,
    its preposition or أن still to come) or a name an adjunct runs into before the colon
    ("قال في مؤتمر على هامش "المؤتمر الدولي ..."، الذي عقد الجمعة: إن ...")."""
    inner = text[pair.open + 1 : pair.close].split()
    if len(inner) > MAX_NAME_IN_MARKS * 2 or not _NAME_CHARS_RE.fullmatch(text[pair.open + 1 : pair.close].strip()):
        return False
    after = [t for t in rest if t.start > pair.close]
    stop = after[-1].end if after else pair.close
    colon = text.find(":", pair.close, stop)
    if before and colon > 0 and text[pair.close + 1 : pair.close + 3].lstrip(" ")[:1] in ("،", ",") \
            and not _MARKS_RE.search(text, pair.close + 1, colon) and not _STOP_RE.search(text, pair.close + 1, colon):
        return True
    if before or len(inner) > MAX_NAME_IN_MARKS or not (lex.is_org(inner[0]) or inner[0] in lex.title_heads):
        return False
    return any(t.text in lex.complementisers or t.text in _OBJECT_PREPOSITIONS for t in after)


_OBJECT_PREPOSITIONS: Final = frozenset({"علي", "الي"})  # على, إلى as normalised
_NAME_CHARS_RE: Final = re.compile(r"[^\W\d_]+(?:[\s\-][^\W\d_]+)*")


def _name_after_title(text: str, pair: Pair, inner: list[str], before: list[Token], lex: Words) -> bool:
    """"كشف المبعوث الدولي إلى اليمن "إسماعيل ولد الشيخ أحمد"؛ عن ...": a few plain words in
    marks right after a bare title, with the sentence going on after them, are its name."""
    if not before or before[0].text not in lex.title_heads or len(before) > MAX_TITLE_BEFORE_NAME:
        return False
    if not _NAME_CHARS_RE.fullmatch(text[pair.open + 1 : pair.close].strip()):
        return False
    if any(w in lex.function_words for w in inner):
        return False
    return content_follows_name(text, pair.close, lex)


def content_follows_name(text: str, close: int, lex: Words) -> bool:
    """After words in marks that close at ``close``, a clause break and then the cue's content
    still to come: a colon, or a complementiser or preposition of content after a comma
    (المبعوث "إسماعيل ولد الشيخ أحمد"؛ عن ...). So the words were a name; speech in marks
    goes on with a clause of its own (الوزير "سنواصل العمل"، مضيفا أن ...)."""
    after = _AFTER_NAME_RE.match(text, close + 1)
    if after is None:
        return False
    word = after.group(2) or ""
    return after.group(1) == ":" or word in lex.complementisers or word in lex.content_prepositions


_AFTER_NAME_RE: Final = re.compile(r" *([،,؛:])\s*([^\W_]*)")


def _names_the_body_before(text: str, pair: Pair, inner: list[str], before: list[Token], lex: Words) -> bool:
    """"المتحدث باسم قوات "تحالف دعم الشرعية في اليمن"، ... إن": plain words in marks right
    after a body's noun in construct (or "باسم") name that body, however many they are."""
    if not before or len(inner) > MAX_NAME_IN_MARKS * 2 or not _NAME_CHARS_RE.fullmatch(text[pair.open + 1 : pair.close].strip()):
        return False
    last = before[-1].text
    return last == _BI_ISM or (lex.is_org(last) and not last.startswith("ال"))


_BI_ISM: Final = "باسم"


def _after_naming_word(before: list[Token], lex: Words) -> bool:
    """"ما يعرف بـ"...""، "ما يسمى "..."", "يطلق عليه "..."": what a thing is called."""
    words = [t.text for t in before[-3:]]
    if words and words[-1] == "ب":
        words.pop()
    return bool(words) and (words[-1] in lex.naming_words or " ".join(words[-2:]) in lex.naming_words)


def _runs_on(text: str, pair: Pair, marks: QuoteMarks, lex: Words) -> bool:
    """A short stretch in marks that the sentence runs on after ("قناة "بي.إف.إم"
    التلفزيونية", "ونفى "الصباح" أن", "قال "الصباح": ...") names something; quoted speech
    ends its clause. Stretches joined by و are speech ("سنواصل العمل" و"لن نتراجع") unless
    the cue's content still follows them (هتافات «الموت لأميركا» و«الموت لإسرائيل»، أن ...)."""
    rest = text[pair.close + 1 : pair.close + 4].lstrip(" ")
    if not rest or rest[0] in _CLAUSE_END:
        return False
    if _JOINED_PAIR_RE.match(text, pair.close + 1) is None:
        return True
    return content_follows_name(text, last_joined_pair(text, pair, len(text), marks).close, lex)


def last_joined_pair(ntext: str, pair: Pair, end: int, marks: QuoteMarks) -> Pair:
    """مضيفا "كانوا يسألونني ..."، و"الأمهات قلن ...": quoted stretches joined by و (a comma
    before it or not) are one statement of one cue; the last of them ends it."""
    while True:
        found = _JOINED_PAIR_RE.match(ntext, pair.close + 1, end)
        following = marks.starting_at(found.end() - 1) if found is not None else None
        if following is None or following.close >= end:
            return pair
        pair = following


_JOINED_PAIR_RE: Final = re.compile(r"[ ،,]*و ?[\"«“]")  # "..."، و"...": quoted stretches joined by و


def _named_by_context(before: list[Token], lex: Words) -> bool:
    """«روسيسكايا جازيتا» after "صحيفة", "لـ", "لحزب" or "أمام": a short name in marks, not
    speech (speech follows its speaker, a colon or the cue, never a preposition)."""
    if not before:
        return False
    last = before[-1].text
    return (
        last in lex.adjunct_starters or last in ("و", "بين") or (lex.is_org(last) and not last.startswith("ال"))
        or any(lex.is_media(t.text) for t in before)
    )


def _before_prepositions(toks: list[Token], i: int, lex: Words) -> int:
    """Where the speaker region ends: before "إلى"/"على" in "أشار X إلى أن"."""
    j = i
    while j > 0 and toks[j - 1].text in lex.cue_prepositions:
        if j > 1 and toks[j - 2].text in _NAME_LINKS:
            break  # "محمد بن علي إن ...": علي after بن is the name's end, not على
        j -= 1
    return toks[j].start


_NAME_LINKS: Final = frozenset({"بن", "ابن", "بنت", "ولد"})


def sentence_end(text: str, start: int, limit: int, marks: QuoteMarks) -> int:
    """End of the sentence running from ``start``; a period inside quote marks does not count."""
    ends = marks.sentence_ends(text, start, limit)
    if ends is not None:  # one bisect, not a scan to ``limit`` for every cue of a long block
        k = bisect_left(ends, start)
        if k < len(ends) and ends[k] < limit - 1:
            return ends[k]
        # the pattern searched up to ``limit`` sees nothing after its last character, so a
        # period there ends the sentence even before a digit or an abbreviation's letter
        last = limit - 1
        if last >= start and text[last] in ".!?؟" and marks.enclosing(last) is None:
            return last
        return limit
    pos = start
    while True:
        m = _SENTENCE_END_RE.search(text, pos, limit)
        if m is None:
            return limit
        if marks.enclosing(m.start()) is None:
            return m.start()
        pos = m.end()


def ends_sentence(text: str, pos: int) -> bool:
    """A sentence stop stands at ``pos``."""
    return _SENTENCE_END_RE.match(text, pos) is not None


def sentence_start(text: str, pos: int, floor: int, marks: QuoteMarks) -> int:
    """Start of the sentence holding ``pos``."""
    stops = marks.sentence_stops(text, floor, pos)
    if stops is not None:  # one bisect, not a walk back to the block's start
        k = bisect_left(stops, pos) - 1
        return stops[k] + 1 if k >= 0 and stops[k] >= floor else floor
    i = pos
    while i > floor:
        i -= 1
        if text[i] in ".!?؟" and marks.enclosing(i) is None and not text[i + 1 : i + 2].isdigit() \
                and _ABBREVIATION_RE.match(text, i + 1) is None:
            return i + 1
    return floor


_TRIM: Final = " \t\u00a0،,.:;؛-–—…"


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop spaces and clause punctuation at both edges of a content span."""
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end
