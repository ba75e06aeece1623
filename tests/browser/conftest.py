"""Browser tests: Playwright on Debian's chromium against the real ``qawl serve`` process.

Playwright's own browser download is not reachable on the CI runners, so the tests use the
system chromium (``apt-get install chromium``) through ``executable_path``; ``CHROMIUM_PATH``
overrides where it is. Without a chromium, or without playwright, every test here skips
with the reason.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest
from realserver import serve


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    path = chromium_path()
    if not path:
        pytest.skip("no chromium installed (apt-get install -y --no-install-recommends chromium,"
                    " or set CHROMIUM_PATH)")
    return {**browser_type_launch_args, "executable_path": path}


@pytest.fixture(scope="session")
def base_url(server: str) -> str:
    """The server under test (replaces pytest-playwright's fallback fixture, which pytest 9
    deprecates: a session fixture defined as an instance method)."""
    return server


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "ar", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Iterator[str]:
    """``qawl serve --demo`` (the bundled fixture articles) on a free 127.0.0.1 port."""
    if not chromium_path():
        pytest.skip("no chromium installed (apt-get install -y --no-install-recommends chromium)")
    folder = tmp_path_factory.mktemp("browser")
    with serve(folder / "demo.db", args=["--demo"], startup=120) as running:
        yield running.base
