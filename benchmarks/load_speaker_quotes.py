"""Throughput of ``GET /api/v1/speakers/{id}/quotes`` against a trivial endpoint, same app,
same run, with wrk on 127.0.0.1 (``apt-get install -y --no-install-recommends wrk``).

    python -m benchmarks.load_speaker_quotes [--quotes 1000000] [--connections 50]
        [--duration 10] [--rounds 3] [--workers 1] [--threads 2]

Builds (or reuses) a generated store, starts ``qawl serve`` on a free port, runs wrk on
``/health/live`` (no store access) and on the first page of the most quoted speaker's
quotes, alternating them for ``--rounds`` rounds (the machine's other load drifts; each
round compares runs seconds apart), and prints the median req/s, p50 and p99 of both and
the median of the per-round ratios. Target: ≥ 60 % of the trivial endpoint's
req/s and p99 ≤ 20 ms at 50 connections.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from benchmarks.store_data import build

REPO = Path(__file__).resolve().parents[1]
_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ms(value: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s)", value)
    if not m:
        raise ValueError(value)
    return float(m.group(1)) * _UNITS[m.group(2)]


def run_wrk(url: str, *, threads: int, connections: int, duration: int) -> dict[str, float]:
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", url],
                         capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    if errors:
        raise SystemExit(f"{url}: {errors.group(1)} error responses\n{out}")
    return {"rps": rps, "p50": p50, "p99": p99}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quotes", type=int, default=1_000_000)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--dir", default=os.environ.get("QAWL_BENCH_DIR", tempfile.gettempdir()))
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install -y --no-install-recommends wrk")
    db = build(Path(args.dir) / f"qawl-bench-{args.quotes}.db", args.quotes)
    with sqlite3.connect(db) as conn:
        speaker, count = conn.execute(
            "SELECT speaker_id, count(*) FROM quotes GROUP BY speaker_id ORDER BY 2 DESC LIMIT 1").fetchone()
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    server = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "serve", "--db", str(db), "--port", str(port),
         "--workers", str(args.workers)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/health/live", timeout=1).read()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    sys.exit("qawl serve did not start")
                time.sleep(0.2)
        urls = {"trivial /health/live": base + "/health/live",
                f"/api/v1/speakers/{speaker}/quotes": f"{base}/api/v1/speakers/{speaker}/quotes"}
        for url in urls.values():  # warm up
            run_wrk(url, threads=1, connections=4, duration=2)
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in urls}
        for _ in range(args.rounds):
            for name, url in urls.items():
                runs[name].append(run_wrk(url, threads=args.threads, connections=args.connections,
                                          duration=args.duration))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    print(f"store: {args.quotes} quotes; speaker {speaker} has {count}; wrk -t{args.threads}"
          f" -c{args.connections} -d{args.duration}s x {args.rounds} rounds; granian workers: {args.workers};"
          f" {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    results = {}
    for name, rs in runs.items():
        r = results[name] = {k: statistics.median(x[k] for x in rs) for k in ("rps", "p50", "p99")}
        each = " ".join(f"{x['rps']:.0f}" for x in rs)
        print(f"  {name:45} {r['rps']:9.0f} req/s   p50 {r['p50']:6.2f} ms   p99 {r['p99']:6.2f} ms"
              f"   (rounds: {each})")
    trivial, real = results.values()
    ratio = statistics.median(b["rps"] / a["rps"] for a, b in zip(*runs.values()))
    print(f"  ratio {ratio:.0%} (target ≥ 60%); p99 {real['p99']:.2f} ms (target ≤ 20 ms)")
    return 0 if ratio >= 0.6 and real["p99"] <= 20 else 1


if __name__ == "__main__":
    sys.exit(main())
