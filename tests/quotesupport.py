"""Helpers for the extraction tests: a short article around a body, extracted, with every
quote's evidence offsets checked on the way."""

from __future__ import annotations

from extractors.pipeline import Pipeline
from extractors.types import Quote

HEAD = "عنوان الخبر\n\n"


def extract(pipeline: Pipeline, body: str, published: str | None = None) -> list[Quote]:
    text = HEAD + body
    quotes = pipeline.extract(text, doc="t.txt", published=published).quotes
    for q in quotes:  # every test also checks the evidence offsets
        assert text[q.start : q.end] == q.text
        assert text[q.cue.start : q.cue.end] == q.cue.text
    return quotes


def only(quotes: list[Quote]) -> Quote:
    assert len(quotes) == 1, [q.text for q in quotes]
    return quotes[0]


def extract_dated(pipeline: Pipeline, body: str, published: str | None = "2023-11-12") -> list[Quote]:
    """The same, for an article with a date: titles then resolve by the roles held on it."""
    return extract(pipeline, body, published)
