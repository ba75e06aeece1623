"""Bounded mixed load on 127.0.0.1 (issue 10): reads and writes for a fixed time, then
every acknowledged write is read back.

    .venv/bin/python -m benchmarks.load                       # 150 s against its own server
    .venv/bin/python -m benchmarks.load --seconds 30 --concurrency 16 --write-ratio 0.3
    .venv/bin/python -m benchmarks.load --url http://127.0.0.1:8000 --key KEY

Without ``--url`` it starts ``qawl serve`` on a fresh store in a temporary folder (the
write rate limit off, fixtures loaded with ``--demo`` so reads find something). Clients
are asyncio tasks over httpx keep-alive connections; each request is a write
(``POST /api/v1/articles``, a fixture article with a unique line and url) with
probability ``--write-ratio``, else one of the read endpoints. Afterwards every write the
server acknowledged (200/201 with an id) is fetched by id and its url compared.

Prints requests served, by status, throughput, latency percentiles, writes acknowledged
and verified; exits 1 on any 5xx, transport error or unverified write. The slow test
``tests/integration/test_load.py`` runs it (``-m slow``; a 5 s version runs by default).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures" / "articles"
READS = [
    "/api/v1/quotes", "/api/v1/quotes?q=روسيا", "/api/v1/speakers?q=Lavrov", "/api/v1/speakers/lavrov",
    "/api/v1/speakers/lavrov/quotes", "/api/v1/speakers/lavrov/quotes?limit=5", "/api/v1/clusters",
    "/api/v1/quotes/1", "/api/v1/articles/1", "/health", "/api/v1/speakers?q=لافروف",
]


@dataclass
class Report:
    seconds: float = 0.0
    statuses: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)  # transport errors by kind
    latencies: list[float] = field(default_factory=list)
    written: dict[int, str] = field(default_factory=dict)  # acknowledged: id -> url
    writes_sent: int = 0
    verified: int = 0
    missing: list[int] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return sum(self.statuses.values())

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)

    @property
    def ok(self) -> bool:
        return not self.server_errors and not self.errors and not self.missing and self.verified == len(self.written)

    def lines(self) -> list[str]:
        lat = sorted(self.latencies) or [0.0]
        pct = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] * 1000  # noqa: E731
        return [
            f"requests served: {self.requests} in {self.seconds:.0f} s ({self.requests / max(self.seconds, 1e-9):.0f}/s)",
            "by status: " + ", ".join(f"{s}: {n}" for s, n in sorted(self.statuses.items())),
            f"transport errors: {dict(self.errors) or 0}",
            f"latency ms: p50 {pct(0.5):.1f}, p90 {pct(0.9):.1f}, p99 {pct(0.99):.1f}, max {lat[-1] * 1000:.1f}",
            f"5xx: {self.server_errors}",
            f"writes: {self.writes_sent} sent, {len(self.written)} acknowledged, {self.verified} verified,"
            f" {len(self.missing)} missing",
        ]


def _texts() -> list[str]:
    return [p.read_text(encoding="utf-8").removeprefix("\ufeff") for p in sorted(FIXTURES.glob("*.txt"))]


async def run_load(base: str, *, seconds: float, concurrency: int = 32, write_ratio: float = 0.2,
                   key: str | None = None, seed: int = 1) -> Report:
    report = Report()
    texts = _texts()
    rng = random.Random(seed)
    headers = {"X-API-Key": key} if key else {}
    run_id = f"{os.getpid()}-{int(time.time())}"
    counter = iter(range(10**9))
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits, headers=headers) as http:
        async def client() -> None:
            while time.monotonic() < deadline:
                started = time.perf_counter()
                try:
                    if rng.random() < write_ratio:
                        n = next(counter)
                        url = f"https://load.example/{run_id}/{n}"
                        report.writes_sent += 1
                        response = await http.post("/api/v1/articles", json={
                            "text": texts[n % len(texts)] + f"\nسطر الحمل {run_id} رقم {n}.\n",
                            "url": url, "outlet": f"Load {n % 7}", "published_at": f"2024-01-{1 + n % 28:02d}"})
                        if response.status_code in (200, 201):
                            report.written[response.json()["id"]] = url
                    else:
                        response = await http.get(rng.choice(READS))
                except httpx.TransportError as exc:
                    report.errors[type(exc).__name__] += 1
                    continue
                report.latencies.append(time.perf_counter() - started)
                report.statuses[response.status_code] += 1

        began = time.monotonic()
        await asyncio.gather(*(client() for _ in range(concurrency)))
        report.seconds = time.monotonic() - began

        for article_id, url in report.written.items():
            response = await http.get(f"/api/v1/articles/{article_id}")
            if response.status_code == 200 and response.json()["url"] == url:
                report.verified += 1
            else:
                report.missing.append(article_id)
    return report


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(folder: Path, workers: int) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO), "QAWL_WRITE_RATE": "off"}
    env.pop("QAWL_WRITE_KEYS", None)
    log = open(folder / "serve.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "api.cli", "serve", "--demo", "--db", str(folder / "load.db"),
                             "--port", str(port), "--workers", str(workers)],
                            cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    log.close()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"qawl serve exited: {(folder / 'serve.log').read_text()[-2000:]}")
        try:
            if httpx.get(base + "/health/live", timeout=1).status_code == 200:
                return proc, base
        except httpx.TransportError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("qawl serve did not start")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.load", description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", help="an already running server (default: start one)")
    ap.add_argument("--key", help="write key for --url")
    ap.add_argument("--seconds", type=float, default=float(os.environ.get("QAWL_LOAD_SECONDS", "150")))
    ap.add_argument("--concurrency", type=int, default=32)
    ap.add_argument("--write-ratio", type=float, default=0.2)
    ap.add_argument("--workers", type=int, default=1, help="server processes when starting one")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="qawl-load-") as tmp:
        proc = None
        base = args.url
        if base is None:
            proc, base = _start_server(Path(tmp), args.workers)
        try:
            report = asyncio.run(run_load(base, seconds=args.seconds, concurrency=args.concurrency,
                                          write_ratio=args.write_ratio, key=args.key))
        finally:
            if proc is not None:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=30)
        for line in report.lines():
            print(line)
        if args.json:
            args.json.write_text(json.dumps({
                "seconds": report.seconds, "requests": report.requests, "statuses": dict(report.statuses),
                "errors": dict(report.errors), "writes_sent": report.writes_sent,
                "acknowledged": len(report.written), "verified": report.verified, "missing": report.missing}))
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
