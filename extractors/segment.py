"""Article structure: headline, date, credit, boilerplate and glued-on related articles.

Works on lines of the original text and reports spans into it. The quote stages read only
the blocks this stage hands them.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Final

import msgspec

from .cues import CueScanner
from .normalize import normalize_key, normalize_text
from .resources import StructureRules, structure_rules
from .types import Segment, SegmentKind


class Block(msgspec.Struct, frozen=True):
    """A stretch of article text to read for quotes."""

    segment: int
    start: int
    end: int
    is_headline: bool


class Structure(msgspec.Struct, frozen=True):
    headline: str | None
    headline_start: int | None
    published: str | None
    credit: str | None
    segments: list[Segment]
    blocks: list[Block]


class StructureReader:
    """Compiled structure rules; build once, call :meth:`read` per article."""

    def __init__(self, rules: StructureRules | None = None, cues: CueScanner | None = None) -> None:
        rules = rules or structure_rules()
        self._teaser = _LineRules({"teaser": rules.teaser_lines})
        self._max_teaser_line = rules.max_teaser_line
        self._cues = cues or CueScanner()
        # what a line is, first kind first: a glued-on article's start, furniture, a credit
        self._kinds = _LineRules(
            {"related": rules.related_markers, "boilerplate": rules.boilerplate_lines, "credit": rules.credit_lines}
        )
        self._tweet = re.compile(rules.tweet_credit)
        self._dates = [re.compile(p) for p in rules.dates.patterns]
        # when every pattern reads a four-digit year, a line without four digits in a row
        # holds no date: one quick search, not five patterns tried at every word
        self._year = re.compile(r"\d{4}") if all(_YEAR in p for p in rules.dates.patterns) else None
        self._months = {normalize_key(k): v for k, v in rules.dates.months.items()}
        self._max_date_line = rules.dates.max_date_line

    def read(self, text: str) -> Structure:
        segments: list[tuple[SegmentKind, int]] = [("main", 0)]
        blocks: list[Block] = []
        headline: str | None = None
        headline_start: int | None = None
        published: str | None = None
        credit: str | None = None
        expect_headline = True
        for start, body in _lines(text):
            end = start + len(body)
            kind = self._kinds.kind(body)
            if kind == "related":
                segments.append(("related", start))
                expect_headline = True
                continue
            if expect_headline:
                expect_headline = False
                if _reads_as_headline(body):
                    blocks.append(Block(len(segments) - 1, start, end, True))
                    if headline is None:
                        headline, headline_start = body, start
                    continue
            tweet = self._tweet.search(body)
            if tweet:
                start, end = _strip(text, start + tweet.end(), end)
                if start == end:
                    continue
                body = text[start:end]
                kind = self._kinds.kind(body)
            in_head = len(segments) == 1 and not any(not b.is_headline for b in blocks)
            if in_head and len(body) <= self._max_date_line:
                found = self.parse_date(body)
                if found:
                    published = published or found
                    continue
            if kind == "boilerplate":
                continue
            if kind == "credit":
                credit = credit or body
                continue
            if len(segments) == 1 and not in_head and self._is_teaser(body):
                continue
            blocks.append(Block(len(segments) - 1, start, end, False))
        if len(blocks) == 1 and blocks[0].is_headline and len(segments) == 1:
            # a lone paragraph (an API user's snippet) is text to read, not a headline
            blocks[0] = Block(0, blocks[0].start, blocks[0].end, False)
            headline = headline_start = None
        spans = [
            Segment(kind, seg_start, segments[i + 1][1] if i + 1 < len(segments) else len(text))
            for i, (kind, seg_start) in enumerate(segments)
        ]
        return Structure(headline, headline_start, published, credit, spans, blocks)

    def _is_teaser(self, line: str) -> bool:
        """Another article's headline set between the paragraphs of the main text."""
        # the speaker ends at the first colon, so a line without one is no teaser
        if len(line) > self._max_teaser_line or ":" not in line or self._teaser.kind(line) is None:
            return False
        speaker = normalize_text(line[: line.index(":")])
        return self._cues.pattern.search(speaker) is None  # "وأضاف: ..." is text

    def parse_date(self, line: str) -> str | None:
        """ISO 8601 date of the first date printed in ``line``, if any."""
        if self._year is not None and self._year.search(line) is None:
            return None
        for pattern in self._dates:
            for match in pattern.finditer(line):
                month = match["month"]
                month_no = int(month) if month.isdigit() else self._months.get(normalize_key(month))
                if month_no is None:
                    continue
                try:
                    return date(int(match["year"]), month_no, int(match["day"])).isoformat()
                except ValueError:
                    continue
        return None


MAX_HEADLINE: Final = 200
_YEAR: Final = r"(?P<year>\d{4})"


def _reads_as_headline(line: str) -> bool:
    """A page without a headline starts with its first paragraph: long, or a sentence."""
    return len(line) <= MAX_HEADLINE and not line.endswith((".", "؟", "!"))


class _LineRules:
    """Kinds of line, each a list of patterns, in order of precedence. The patterns anchored
    at the line start, of every kind, are joined into one ``match`` with a named group a
    kind: one call at one position tells most lines (text) from all of them. The others are
    searched one by one, so that each keeps its literal prefix for the engine to skip to."""

    def __init__(self, kinds: dict[str, list[str]]) -> None:
        self._rank = {kind: rank for rank, kind in enumerate(kinds)}
        anchored = [
            f"(?P<{kind}>" + "|".join(f"(?:{p})" for p in patterns if p.startswith("^")) + ")"
            for kind, patterns in kinds.items() if any(p.startswith("^") for p in patterns)
        ]
        self._anchored = re.compile("|".join(anchored)) if anchored else None
        self._floating = [
            (rank, kind, re.compile(p)) for rank, (kind, patterns) in enumerate(kinds.items())
            for p in patterns if not p.startswith("^")
        ]

    def kind(self, line: str) -> str | None:
        """The first kind, in precedence, with a pattern that finds ``line``; None for text."""
        match = self._anchored.match(line) if self._anchored is not None else None
        found = match.lastgroup if match is not None else None
        rank = self._rank[found] if found is not None else len(self._rank)
        for floating_rank, kind, pattern in self._floating:
            if floating_rank >= rank:
                break
            if pattern.search(line):
                return kind
        return found


def _lines(text: str) -> list[tuple[int, str]]:
    """Each line that is not blank, stripped, and where it starts; lines end at "\\n" or
    "\\r"."""
    found: list[tuple[int, str]] = []
    start = 0
    for line in text.replace("\r", "\n").split("\n"):
        body = line.strip()
        if body:
            found.append((start + len(line) - len(line.lstrip()), body))
        start += len(line) + 1
    return found


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
