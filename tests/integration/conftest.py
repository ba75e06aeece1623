"""Integration fixtures: the API on a real SQLite file in tmp_path.

Most tests use :class:`RulePipeline`, a tiny deterministic extractor (``قال NAME: «TEXT»``)
so they test the store and the API, not the extraction rules; the fact-checker workflow
and the server smoke test use the real pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from litestar.testing import TestClient

from api.app import create_app
from api.settings import Settings
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


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "qawl.db"


@pytest.fixture
def pipeline() -> RulePipeline:
    return RulePipeline()


@pytest.fixture
def settings(db_path: Path) -> Settings:
    return Settings(database_url=str(db_path))


@pytest.fixture
def client(settings: Settings, pipeline: RulePipeline) -> Iterator[TestClient]:
    with TestClient(create_app(settings, pipeline=pipeline)) as test_client:
        yield test_client


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


@pytest.fixture
def texts() -> type[Texts]:
    return Texts


@pytest.fixture
def seeded(client: TestClient) -> dict[str, int]:
    """Three articles by two outlets over three days; returns their ids."""
    ids = {}
    for name, body in {
        "a1": article(LAVROV_1, outlet="SANA", published_at="2023-10-12",
                      url="https://sana.example/1"),
        "a2": article(LAVROV_2, outlet="Youm7", published_at="2023-10-13",
                      url="https://youm7.example/2"),
        "a3": article(LAVROV_3, outlet="SANA", published_at="2023-10-14"),
    }.items():
        response = client.post("/api/v1/articles", json=body)
        assert response.status_code == 201, response.text
        ids[name] = response.json()["id"]
    return ids
