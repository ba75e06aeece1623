"""Browser tests: Playwright on Debian's chromium against the real ``qawl serve`` process.

Playwright's own browser download is not reachable on the CI runners, so the tests use the
system chromium (``apt-get install chromium``) through ``executable_path``; ``CHROMIUM_PATH``
overrides where it is. Without a chromium, or without playwright, every test here skips
with the reason.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]


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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Iterator[str]:
    """``qawl serve --demo`` (the bundled fixture articles) on a free 127.0.0.1 port."""
    if not chromium_path():
        pytest.skip("no chromium installed (apt-get install -y --no-install-recommends chromium)")
    folder = tmp_path_factory.mktemp("browser")
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("QAWL_DATABASE_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "serve", "--demo", "--db", str(folder / "demo.db"),
         "--port", str(port)],
        cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        if proc.poll() is not None:
            pytest.fail(f"qawl serve exited with {proc.returncode}: {proc.stdout.read().decode()[-2000:]}")
        try:
            if httpx.get(base + "/health", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            pytest.fail("qawl serve --demo did not answer /health within 120 s")
        time.sleep(0.2)
    try:
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        proc.stdout.close()
