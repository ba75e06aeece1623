"""``qawl serve`` for real: granian on a free 127.0.0.1 port, spoken to over HTTP."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]
ARTICLE = (
    "لافروف في بيشكيك\n"
    "قال وزير الخارجية الروسي سيرغي لافروف، خلال مؤتمر صحفي في بيشكيك يوم الخميس، إن"
    " «الغرب يحاول إبعاد دول آسيا الوسطى عن روسيا».\n"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO), "QAWL_WRITE_KEYS": "smoke=smoke-test-key"}
    env.pop("QAWL_DATABASE_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "serve", "--db", str(tmp_path / "s.db"), "--port", str(port)],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        if proc.poll() is not None:
            pytest.fail(f"qawl serve exited with {proc.returncode}: {proc.stdout.read().decode()[-2000:]}")
        try:
            if httpx.get(base + "/health", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail("qawl serve did not answer /health within 30 s")
        time.sleep(0.1)
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


def test_serve_answers_http(server):
    with httpx.Client(base_url=server, timeout=10) as http:
        health = http.get("/health").json()
        assert health["status"] == "ok" and health["store"]["backend"] == "sqlite"
        assert http.post("/api/v1/articles", json={"text": ARTICLE}).status_code == 401
        created = http.post("/api/v1/articles", json={"text": ARTICLE, "outlet": "SANA", "published_at": "2023-10-12"},
                            headers={"Authorization": "Bearer smoke-test-key"})
        assert created.status_code == 201, created.text
        quote = created.json()["quotes"][0]
        assert quote["speaker"]["id"] == "lavrov"
        found = http.get("/api/v1/speakers", params={"q": "Lavrov"}).json()["items"]
        assert found[0]["id"] == "lavrov"
        quotes = http.get("/api/v1/speakers/lavrov/quotes").json()["items"]
        assert [q["id"] for q in quotes] == [quote["id"]]
        assert http.get("/schema/openapi.json").json()["info"]["title"] == "qawl"
        bad = http.post("/api/v1/articles", content=b"{", headers={"Authorization": "Bearer smoke-test-key",
                                                                  "Content-Type": "application/json"})
        assert bad.status_code == 400 and bad.headers["content-type"].startswith("application/problem+json")
