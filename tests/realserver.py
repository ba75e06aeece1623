"""A real ``qawl serve`` (granian) on a free 127.0.0.1 port, its output captured to a file.

Used by every test that needs the real server process: the smoke test, the browser
tests, and the reliability tests (log capture, fuzzing over HTTP, concurrent clients, load).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    base: str
    log: Path
    proc: subprocess.Popen

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@contextmanager
def serve(db: Path, *, env: dict[str, str] | None = None, args: list[str] = (),
          log: Path | None = None, startup: float = 60) -> Iterator[Server]:
    """``qawl serve --db DB`` until the block ends (SIGTERM, then SIGKILL)."""
    port = free_port()
    log = log or db.with_suffix(".serve.log")
    full_env = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    full_env.pop("QAWL_DATABASE_URL", None)
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "api.cli", "serve", "--db", str(db), "--port", str(port), *args],
            cwd=db.parent, env=full_env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    server = Server(f"http://127.0.0.1:{port}", log, proc)
    try:
        deadline = time.monotonic() + startup
        while True:
            if proc.poll() is not None:
                raise AssertionError(f"qawl serve exited with {proc.returncode}: {server.output()[-2000:]}")
            try:
                if httpx.get(server.base + "/health/live", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"qawl serve did not answer within {startup} s: {server.output()[-2000:]}")
            time.sleep(0.1)
        yield server
    finally:
        if proc.poll() is None:
            stop(proc)


def stop(proc: subprocess.Popen) -> None:
    """SIGTERM to the server's process group; SIGKILL if it has not exited within 10 s."""
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
