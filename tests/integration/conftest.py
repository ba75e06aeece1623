"""Integration fixtures: the API on a real SQLite file in tmp_path, and again on PostgreSQL.

Tests that ask for ``database_url`` (or ``settings``/``client``, built on it) run once per
backend: ``[sqlite]`` on a file in tmp_path and ``[postgres]`` in a fresh schema of the
server named by ``QAWL_TEST_POSTGRES_URL`` (skipped, with the reason, when it is unset or
unreachable). ``@pytest.mark.sqlite_only`` keeps a test on SQLite (it reads the file).

Most tests use :class:`RulePipeline`, a tiny deterministic extractor (``قال NAME: «TEXT»``)
so they test the store and the API, not the extraction rules; the fact-checker workflow
and the server smoke test use the real pipeline.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from apisupport import LAVROV_1, LAVROV_2, LAVROV_3, RulePipeline, Texts, article, postgres_schema
from litestar.testing import TestClient

from api.app import create_app
from api.settings import Settings

@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "qawl.db"


@pytest.fixture
def pipeline() -> RulePipeline:
    return RulePipeline()


POSTGRES_ENV = "QAWL_TEST_POSTGRES_URL"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: run on the SQLite backend only (not parametrized)")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        only = metafunc.definition.get_closest_marker("sqlite_only")
        metafunc.parametrize("backend", ["sqlite"] if only else ["sqlite", "postgres"], indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """The PostgreSQL URL of the tests; skips (with the reason) when there is none."""
    url = os.environ.get(POSTGRES_ENV, "").strip()
    if not url:
        pytest.skip(f"PostgreSQL backend not tested: set {POSTGRES_ENV}=postgresql://user:pass@host:port/db"
                    " (.ci/run starts PostgreSQL and sets it)")
    try:
        import psycopg

        psycopg.connect(url, connect_timeout=3).close()
    except Exception as exc:  # noqa: BLE001 - any failure means: not testable here
        from api.store.postgres import redact

        pytest.skip(f"PostgreSQL backend not tested: {redact(url)} is unreachable: {str(exc).strip()}")
    return url


@pytest.fixture
def database_url(backend: str, db_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """The store URL of one test: a SQLite file, or a fresh PostgreSQL schema dropped after."""
    if backend == "sqlite":
        yield str(db_path)
        return
    with postgres_schema(request.getfixturevalue("postgres_server")) as url:
        yield url


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A fresh PostgreSQL schema for a PostgreSQL-only test (skips without a server)."""
    with postgres_schema(postgres_server) as url:
        yield url


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(database_url=database_url)


@pytest.fixture
def client(settings: Settings, pipeline: RulePipeline) -> Iterator[TestClient]:
    with TestClient(create_app(settings, pipeline=pipeline)) as test_client:
        yield test_client


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
