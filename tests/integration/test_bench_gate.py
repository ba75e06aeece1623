"""The benchmark gate (benchmarks/gate.py) on a tiny subset, against its own baseline.

It passes on an unchanged tree three runs in a row and fails on a planted 2x slowdown
(``QAWL_BENCH_PLANT_SLOWDOWN``: benchmarks/conftest.py runs that benchmark's timed function
twice per call), naming the slow benchmark; the rerun that confirms a slowdown does not
excuse a real one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SUBSET = [
    "benchmarks/bench_extraction.py::test_normalize_5kb",
    "benchmarks/bench_extraction.py::test_cue_scan_5kb",
]
PLANTED = "benchmarks/bench_extraction.py::test_cue_scan_5kb"


def gate(tmp_path: Path, *extra: str, env: dict[str, str] | None = None) -> tuple[subprocess.CompletedProcess, dict]:
    report = tmp_path / "report.json"
    report.unlink(missing_ok=True)
    cmd = [sys.executable, "-m", "benchmarks.gate", "--quick", "--capture", "--max-time", "0.1",
           "--baseline", str(tmp_path / "baseline.json"), "--json", str(report), *extra, *SUBSET,
           "--", "-p", "no:schemathesis", "-p", "no:playwright"]  # plugins the benchmarks do not use: faster start
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith(("QAWL_BENCH_", "PYTEST_"))}
    proc = subprocess.run(cmd, cwd=REPO, env={**clean_env, **(env or {})}, capture_output=True, text=True, timeout=300)
    return proc, (json.loads(report.read_text(encoding="utf-8")) if report.exists() else {})


def test_gate_passes_unchanged_tree_and_fails_planted_slowdown(tmp_path):
    proc, _ = gate(tmp_path, "--update-baseline", "--runs", "1")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    recorded = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))["modes"]["quick"]
    assert set(recorded["benchmarks"]) == set(SUBSET)

    for attempt in range(3):
        proc, report = gate(tmp_path)
        assert proc.returncode == 0, f"clean run {attempt + 1}:\n{proc.stdout}{proc.stderr}"
        assert report["passed"] and {r["verdict"] for r in report["rows"]} <= {"ok", "faster"}
        assert "gate: PASS" in proc.stdout

    proc, report = gate(tmp_path, env={"QAWL_BENCH_PLANT_SLOWDOWN": "test_cue_scan_5kb"})
    assert proc.returncode == 1, proc.stdout + proc.stderr
    rows = {r["name"]: r for r in report["rows"]}
    assert rows[PLANTED]["verdict"] == "SLOWER"
    assert 1.5 < rows[PLANTED]["ratio"] < 3.0
    assert rows[PLANTED]["first_ratio"] is not None, "a slowdown is confirmed by a rerun before failing"
    assert all(r["verdict"] in ("ok", "faster") for name, r in rows.items() if name != PLANTED)
    assert "gate: FAIL" in proc.stdout and "bench_extraction::test_cue_scan_5kb" in proc.stdout
