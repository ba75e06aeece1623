"""Typed boundaries between the extraction stages.

Every offset is a Python string index (code point) into the original text, as decoded
from UTF-8 with a leading BOM removed; ``original[start:end]`` is the span's text.
"""

from __future__ import annotations

from typing import Literal

import msgspec

QuoteKind = Literal["direct", "indirect", "mixed", "headline"]
SegmentKind = Literal["main", "related"]
SpeakerType = Literal["person", "organization", "unknown"]


class Span(msgspec.Struct, frozen=True):
    """A half-open character span of the original text."""

    start: int
    end: int

    def overlaps(self, other: Span) -> bool:
        """True when the spans share a character; adjacent spans do not overlap."""
        return self.start < other.end and other.start < self.end


class Cue(msgspec.Struct, frozen=True, omit_defaults=True):
    text: str
    start: int
    end: int


class Speaker(msgspec.Struct, frozen=True):
    """Who a quote is attributed to.

    ``name`` is the fullest form the article gives (or the registry's canonical name once
    linked), ``mention`` the surface form at the quote. ``start``/``end`` are None when the
    speaker is implicit (``وأضاف:`` continues the last speaker).
    """

    name: str
    mention: str
    type: SpeakerType = "unknown"
    start: int | None = None
    end: int | None = None
    id: str | None = None


class Quote(msgspec.Struct, frozen=True):
    """One attributed statement: the one quote shape of the whole project."""

    doc: str
    segment: SegmentKind
    kind: QuoteKind
    text: str
    start: int
    end: int
    cue: Cue
    speaker: Speaker
    source: str | None = None
    confidence: float = 0.5


class Segment(msgspec.Struct, frozen=True):
    """A stretch of the article: the article itself or one glued-on related item."""

    kind: SegmentKind
    start: int
    end: int


class Article(msgspec.Struct, frozen=True):
    """What the structure stage learns about an article."""

    doc: str
    headline: str | None
    headline_start: int | None
    published: str | None
    credit: str | None
    segments: list[Segment]


class Extraction(msgspec.Struct, frozen=True):
    """The result of running the pipeline over one article."""

    article: Article
    quotes: list[Quote]
