"""Helpers the integration tests share (imported by name; ``conftest`` only holds fixtures):
a deterministic stand-in extractor, article bodies, and a throwaway PostgreSQL schema."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from extractors.normalize import normalize_key
from extractors.types import Article, Cue, Extraction, Quote, Segment, Speaker

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"

_QUOTE_RE = re.compile(r"(?P<cue>قال|أكد|أضاف)\s+(?P<name>[^«:\n]+?)\s*:\s*«(?P<text>[^»]+)»")
# normalised name -> (id, canonical name, type)
_REGISTRY = {
    "سيرغي لافروف": ("lavrov", "سيرغي لافروف", "person"),
    "لافروف": ("lavrov", "سيرغي لافروف", "person"),
    "سيرجي لافروف": ("lavrov", "سيرغي لافروف", "person"),
    "الخارجيه الروسيه": ("mfa-russia", "وزارة الخارجية الروسية", "organization"),
}


class RulePipeline:
    """``قال NAME: «TEXT»`` → one direct quote; known names get a registry id."""

    version = "test-rules-1"

    def __init__(self) -> None:
        self.calls = 0

    def extract(self, text: str, *, doc: str = "", published: str | None = None) -> Extraction:
        self.calls += 1
        quotes = []
        for m in _QUOTE_RE.finditer(text):
            name = m.group("name")
            linked = _REGISTRY.get(normalize_key(name))
            speaker = Speaker(
                name=linked[1] if linked else name, mention=name,
                type=linked[2] if linked else "unknown",
                start=m.start("name"), end=m.end("name"), id=linked[0] if linked else None)
            quotes.append(Quote(
                doc=doc, segment="main", kind="direct", text=m.group("text"),
                start=m.start("text"), end=m.end("text"),
                cue=Cue(text=m.group("cue"), start=m.start("cue"), end=m.end("cue")),
                speaker=speaker, confidence=0.9))
        headline = text.split("\n", 1)[0][:80] or None
        article = Article(doc=doc, headline=headline, headline_start=0 if headline else None,
                          published=published, credit=None,
                          segments=[Segment(kind="main", start=0, end=len(text))])
        return Extraction(article=article, quotes=quotes)


@contextmanager
def postgres_schema(server: str) -> Iterator[str]:
    """A fresh schema on ``server`` (dropped after): the store URL that uses it."""
    import psycopg

    from api.store.postgres import with_schema

    schema = f"qawl_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield with_schema(server, schema)
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def article(text: str, **fields) -> dict:
    return {"text": text, **fields}


LAVROV_1 = (
    "لافروف يحذر الغرب\n"
    "قال سيرغي لافروف: «الغرب يحاول إبعاد دول آسيا الوسطى عن روسيا».\n"
    "وأكد أن موسكو منفتحة على الحوار.\n"
)
LAVROV_2 = (
    "لافروف في بيشكيك\n"
    "أكد لافروف: «العلاقات مع الاتحاد الأوروبي وصلت إلى طريق مسدود». ثم غادر القاعة.\n"
)
LAVROV_3 = (
    "مؤتمر صحفي\n"
    "قال سيرجي لافروف: «لن نقبل بالإملاءات».\n"
    "أضاف الناطق باسم الكرملين: «الرئيس سيزور أستانا قريبا».\n"
)


class Texts:
    lavrov_1 = LAVROV_1
    lavrov_2 = LAVROV_2
    lavrov_3 = LAVROV_3
