"""The benchmark regression gate: run the suite, compare with the baseline, fail on a slowdown.

    .venv/bin/python -m benchmarks.gate --quick          # CI: the short pass (a few minutes)
    .venv/bin/python -m benchmarks.gate                  # the full run (1M-quote store)
    .venv/bin/python -m benchmarks.gate --quick --update-baseline   # refresh, on purpose
    .venv/bin/python -m benchmarks.gate --quick benchmarks/bench_extraction.py   # a subset

Modes: ``--quick`` (5+ rounds, 0.25 s a benchmark, QAWL_BENCH_QUOTES=10000) and the full run
(10+ rounds, 1 s a benchmark, QAWL_BENCH_QUOTES=1000000, QAWL_BENCH_LARGE=1); each has its
own section in the baseline. Variables already set in the environment win.

How it decides. pytest-benchmark runs every ``benchmarks/bench_*.py`` (``--benchmark-json``,
at least ``--min-rounds`` rounds each, timed in process CPU time unless ``--timer wall``:
waiting for a core on a busy runner is not the code's) and the gate takes each benchmark's **median**,
divided by the median of ``bench_calibration.py::test_calibration`` (a fixed pure-Python
workload) from the *same* run. That normalised median is compared with the one recorded in
``benchmarks/baseline.json`` for the same mode (``quick`` or ``full``): a ratio above the
threshold (default 1.5x) is a regression. A shared runner that is slower as a whole moves
the calibration too, and the ratio stays put; a benchmark that is slower on its own does
not. Benchmarks that fail the threshold are run once more (with the calibration) and only
fail when the rerun is slow too. A failing pytest test (an accuracy floor, a benchmark's own
assertion) fails the gate as well.

Exit status: 0 pass; 1 a regression or a failing test; 2 the gate could not judge (usage,
no calibration in the run, pytest could not run).

Any positional arguments are passed to pytest as paths or node ids (the calibration is
always added); arguments after ``--`` are passed to pytest as they are. The planted
slowdown of ``benchmarks/conftest.py`` (``QAWL_BENCH_PLANT_SLOWDOWN=<name>``) shows the
gate failing; ``tests/integration/test_bench_gate.py`` checks exactly that.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
BASELINE = REPO / "benchmarks" / "baseline.json"
CALIBRATION = "benchmarks/bench_calibration.py::test_calibration"
MODES = {
    # rounds and seconds per benchmark; env: the sizes bench_store and bench_reuse read
    # (a variable already set in the environment wins)
    "quick": {"min_rounds": 5, "max_time": 0.25, "env": {"QAWL_BENCH_QUOTES": "10000"}},
    "full": {"min_rounds": 10, "max_time": 1.0, "env": {"QAWL_BENCH_QUOTES": "1000000", "QAWL_BENCH_LARGE": "1"}},
}

# CPU time of the process by default: on a shared runner, time spent waiting for a core is
# not the code's; the calibration still absorbs a slower CPU, a busy sibling or a cold cache.
TIMERS = {"cpu": "time.process_time", "wall": "time.perf_counter"}


class GateError(Exception):
    """The gate cannot judge this run (exit 2)."""


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    argv = list(sys.argv[1:] if argv is None else argv)
    passthrough: list[str] = []
    if "--" in argv:
        cut = argv.index("--")
        argv, passthrough = argv[:cut], argv[cut + 1:]
    ap = argparse.ArgumentParser(
        prog="python -m benchmarks.gate", description=__doc__.split("\n\n")[0],
        epilog="Arguments after -- go to pytest unchanged.")
    ap.add_argument("paths", nargs="*", help="benchmark files or node ids (default: benchmarks/)")
    ap.add_argument("--quick", action="store_true", help="the short CI pass: fewer rounds, 10k-quote stores")
    ap.add_argument("--update-baseline", action="store_true", help="record this run's figures as the baseline")
    ap.add_argument("--threshold", type=float, default=None,
                    help="fail above this ratio of normalised medians (default: baseline.json's, else 1.5)")
    ap.add_argument("--runs", type=int, default=None,
                    help="run the suite N times and take the median of each figure (default 1; 3 with --update-baseline)")
    ap.add_argument("--min-rounds", type=int, default=None, help="pytest-benchmark --benchmark-min-rounds")
    ap.add_argument("--max-time", type=float, default=None, help="pytest-benchmark --benchmark-max-time (seconds)")
    ap.add_argument("--timer", choices=sorted(TIMERS), default="cpu",
                    help="cpu: process CPU time (default, robust to a busy runner); wall: perf_counter")
    ap.add_argument("--baseline", type=Path, default=BASELINE, help="baseline file (default benchmarks/baseline.json)")
    ap.add_argument("--json", type=Path, default=None, help="also write the gate's report (JSON) here")
    ap.add_argument("--force", action="store_true",
                    help="with --update-baseline: record the timings even when some tests fail (noted in the file)")
    ap.add_argument("--no-rerun", action="store_true", help="do not rerun the slow ones before failing")
    ap.add_argument("--capture", action="store_true", help="hide pytest's own output (the gate's report only)")
    args = ap.parse_args(argv)
    args.passthrough = passthrough
    args.mode = "quick" if args.quick else "full"
    if args.runs is None:
        args.runs = 3 if args.update_baseline else 1
    if args.runs < 1:
        ap.error("--runs must be at least 1")
    return args


# -- running pytest ---------------------------------------------------------------------

def run_suite(args: argparse.Namespace, targets: list[str], out: Path) -> tuple[int, dict[str, Any], str]:
    """Run pytest once over ``targets``; (exit code, pytest-benchmark JSON, captured output)."""
    mode = MODES[args.mode]
    if not any(t.rstrip("/") == "benchmarks" or t.startswith("benchmarks/bench_calibration.py") for t in targets):
        targets = [CALIBRATION, *targets]
    cmd = [
        sys.executable, "-m", "pytest", *targets, "-q",
        f"--benchmark-json={out}",
        f"--benchmark-min-rounds={args.min_rounds or mode['min_rounds']}",
        f"--benchmark-max-time={args.max_time or mode['max_time']}",
        f"--benchmark-timer={TIMERS[args.timer]}",
        "--benchmark-sort=fullname", "--benchmark-columns=median,iqr,rounds",
        *args.passthrough,
    ]
    env = {**os.environ, "QAWL_BENCH_GATE": "1"}
    for name, value in mode["env"].items():
        env.setdefault(name, value)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    print("$", " ".join(cmd), flush=True)
    out.unlink(missing_ok=True)
    with subprocess.Popen(cmd, cwd=REPO, env=env, text=True, encoding="utf-8", errors="replace",
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT) as proc:
        captured = []
        for line in proc.stdout:
            captured.append(line)
            if not args.capture:
                print(line, end="", flush=True)
    output = "".join(captured)
    if proc.returncode not in (0, 1):
        raise GateError(f"pytest could not run the benchmarks (exit {proc.returncode})\n{output[-2000:]}")
    if not out.exists():
        raise GateError(f"pytest-benchmark wrote no JSON: no benchmark ran (pytest exit {proc.returncode})\n{output[-3000:]}")
    return proc.returncode, json.loads(out.read_text(encoding="utf-8")), output


def normalised(data: dict[str, Any]) -> tuple[float, dict[str, dict[str, Any]]]:
    """(calibration median in seconds, {fullname: {median, norm, extra}})."""
    rows = {b["fullname"]: b for b in data.get("benchmarks", [])}
    if CALIBRATION not in rows:
        raise GateError(f"no {CALIBRATION} in this run: nothing to normalise with")
    calibration = rows[CALIBRATION]["stats"]["median"]
    return calibration, {
        name: {"median": b["stats"]["median"], "norm": b["stats"]["median"] / calibration,
               "rounds": b["stats"]["rounds"], "extra": b.get("extra_info", {})}
        for name, b in rows.items() if name != CALIBRATION
    }


def measure(args: argparse.Namespace, targets: list[str], workdir: Path, runs: int, tag: str) -> dict[str, Any]:
    """Run the suite ``runs`` times; medians across runs of each normalised median."""
    calibrations: list[float] = []
    per_bench: dict[str, list[dict[str, Any]]] = {}
    failed = False
    failures: list[str] = []
    accuracy: list[dict[str, Any]] = []
    for i in range(runs):
        code, data, output = run_suite(args, targets, workdir / f"{tag}-{i}.json")
        failed |= code != 0
        failures += [line.strip() for line in output.splitlines()
                     if line.startswith(("FAILED ", "ERROR ")) and line.strip() not in failures]
        calibration, rows = normalised(data)
        calibrations.append(calibration)
        for name, row in rows.items():
            per_bench.setdefault(name, []).append(row)
        accuracy = data.get("qawl_accuracy", []) or accuracy
    benches = {
        name: {"median": statistics.median(r["median"] for r in rs),
               "norm": statistics.median(r["norm"] for r in rs),
               "extra": rs[-1]["extra"]}
        for name, rs in per_bench.items()
    }
    return {"calibration": statistics.median(calibrations), "benchmarks": benches, "timer": args.timer,
            "failed": failed, "failures": failures, "accuracy": accuracy, "runs": runs}


# -- baseline ---------------------------------------------------------------------------

def load_baseline(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {"version": 1, "threshold": 1.5, "modes": {}}
    return json.loads(path.read_text(encoding="utf-8"))


def git_commit() -> str | None:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    except OSError:
        return None
    return out.stdout.strip() or None


def write_baseline(path: Path, baseline: dict[str, Any], mode: str, run: dict[str, Any], merge: bool) -> None:
    section = baseline.setdefault("modes", {}).get(mode, {}) if merge else {}
    benches = dict(section.get("benchmarks", {})) if merge else {}
    benches.update({name: float(f"{b['norm']:.4g}") for name, b in run["benchmarks"].items()})
    baseline.setdefault("version", 1)
    baseline.setdefault("threshold", 1.5)
    baseline.setdefault("note", "Normalised medians: each benchmark's median divided by the median of "
                                f"{CALIBRATION} in the same run. Written by python -m benchmarks.gate --update-baseline.")
    baseline["modes"][mode] = {
        "updated": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "commit": git_commit(),
        "python": platform.python_version(),
        "machine": f"{platform.machine()} {os.cpu_count()} cpu",
        "runs": run["runs"],
        "timer": run["timer"],
        **({"tests_failed": run["failures"]} if run["failed"] else {}),
        "calibration_median_s": float(f"{run['calibration']:.4g}"),
        "benchmarks": dict(sorted(benches.items())),
    }
    path.write_text(json.dumps(baseline, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


# -- judging and reporting --------------------------------------------------------------

def judge(run: dict[str, Any], section: dict[str, Any], threshold: float, thresholds: dict[str, float]) -> list[dict[str, Any]]:
    base = section.get("benchmarks", {})
    rows = []
    for name, b in sorted(run["benchmarks"].items()):
        limit = thresholds.get(name, threshold)
        row = {"name": name, "baseline": base.get(name), "now": b["norm"], "median_s": b["median"],
               "threshold": limit, "ratio": None, "verdict": "new", "first_ratio": None}
        if row["baseline"]:
            row["ratio"] = b["norm"] / row["baseline"]
            row["verdict"] = "SLOWER" if row["ratio"] > limit else "faster" if row["ratio"] < 1 / limit else "ok"
        rows.append(row)
    for name in sorted(set(base) - set(run["benchmarks"])):
        rows.append({"name": name, "baseline": base[name], "now": None, "median_s": None, "threshold": threshold,
                     "ratio": None, "verdict": "not run", "first_ratio": None})
    return rows


def short(name: str) -> str:
    return name.removeprefix("benchmarks/").replace(".py::", "::")


def seconds(value: float | None) -> str:
    if value is None:
        return "-"
    for unit, scale in (("s", 1), ("ms", 1e-3), ("us", 1e-6)):
        if value >= scale:
            return f"{value / scale:.3g} {unit}"
    return f"{value / 1e-9:.3g} ns"


def report(args, run, rows, section, threshold) -> list[str]:
    lines = [
        "",
        f"qawl benchmark gate: mode {args.mode}, threshold {threshold:.2f}x, "
        f"figures are medians / calibration median (same run)",
    ]
    base_cal = section.get("calibration_median_s")
    speed = f", runner {base_cal / run['calibration']:.2f}x the baseline's speed" if base_cal else ""
    lines.append(f"calibration median {seconds(run['calibration'])} now, {seconds(base_cal)} at baseline "
                 f"({section.get('updated', 'no baseline')}, {section.get('commit') or '-'}){speed}")
    width = max([len(short(r["name"])) for r in rows] + [9])
    lines.append(f"{'benchmark':<{width}}  {'baseline':>9}  {'now':>9}  {'median':>9}  {'ratio':>6}  verdict")
    subset = bool(args.paths or args.passthrough)
    unselected = [r for r in rows if r["verdict"] == "not run"] if subset else []
    for r in rows:
        if r in unselected:
            continue
        base = f"{r['baseline']:.4g}" if r["baseline"] is not None else "-"
        now = f"{r['now']:.4g}" if r["now"] is not None else "-"
        ratio = f"{r['ratio']:.2f}" if r["ratio"] is not None else "-"
        verdict = r["verdict"]
        if r["first_ratio"] is not None:
            verdict += f" (first run {r['first_ratio']:.2f}, rerun {r['rerun_ratio']:.2f})"
        if r["verdict"] == "SLOWER":
            verdict += f" > {r['threshold']:.2f}"
        planted = run["benchmarks"].get(r["name"], {}).get("extra", {}).get("planted_slowdown")
        if planted:
            verdict += f" [planted {planted}x slowdown]"
        lines.append(f"{short(r['name']):<{width}}  {base:>9}  {now:>9}  {seconds(r['median_s']):>9}  {ratio:>6}  {verdict}")
    if unselected:
        lines.append(f"({len(unselected)} benchmarks of the baseline were not selected in this run)")
    by_short = {b.split("::")[-1]: v for b, v in run["benchmarks"].items()}
    pairs = [(n.split("::")[-1], b["extra"]["versus"]) for n, b in run["benchmarks"].items() if b["extra"].get("versus")]
    pairs = [(a, v) for a, v in pairs if v in by_short]
    if pairs:
        lines.append("")
        for a, v in pairs:
            lines.append(f"{a} / {v}: {seconds(by_short[a]['median'])} / {seconds(by_short[v]['median'])} "
                         f"= {by_short[a]['median'] / by_short[v]['median']:.2f}x")
    if run["accuracy"]:
        lines.append("")
        lines.append(f"{'accuracy':<10} {'figure':<10} {'P':>6} {'R':>6} {'F1':>6} {'floor F1':>9}")
        for a in run["accuracy"]:
            for figure in ("detection", "e2e"):
                f = a["figures"][figure]
                floor = a["floors"].get(f"{figure}_f1")
                flag = "  BELOW FLOOR" if floor is not None and f["f1"] < floor else ""
                lines.append(f"{a['name']:<10} {figure:<10} {f['precision']:6.3f} {f['recall']:6.3f} {f['f1']:6.3f} "
                             f"{f'{floor:.3f}' if floor is not None else '-':>9}{flag}")
    return lines


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    targets = args.paths or ["benchmarks"]
    baseline = load_baseline(args.baseline)
    threshold = args.threshold or float(os.environ.get("QAWL_BENCH_THRESHOLD", 0) or 0) or baseline.get("threshold", 1.5)
    section = baseline.get("modes", {}).get(args.mode, {})
    try:
        if section and not args.update_baseline and section.get("timer") != args.timer:
            raise GateError(f"the {args.mode!r} baseline was measured with --timer {section.get('timer')}, "
                            f"this run uses --timer {args.timer}")
        with tempfile.TemporaryDirectory(prefix="qawl-gate-") as tmp:
            run = measure(args, targets, Path(tmp), args.runs, "run")
            if args.update_baseline:
                if run["failed"] and not args.force:
                    print("\ngate: NOT updating the baseline: pytest reported failing tests:\n  "
                          + "\n  ".join(run["failures"] or ["(see pytest's output above)"])
                          + "\n(--force records the timings anyway, with the failures noted in the baseline)")
                    return 1
                write_baseline(args.baseline, baseline, args.mode, run, merge=bool(args.paths))
                rows = judge(run, section, threshold, baseline.get("thresholds", {}))
                print("\n".join(report(args, run, rows, section, threshold)))
                print(f"\ngate: baseline for mode {args.mode!r} written to {args.baseline} "
                      f"({len(run['benchmarks'])} benchmarks, median of {run['runs']} runs); the ratios above are "
                      "against the previous baseline")
                return 0
            rows = judge(run, section, threshold, baseline.get("thresholds", {}))
            slow = [r for r in rows if r["verdict"] == "SLOWER"]
            if slow and not args.no_rerun:
                print(f"\ngate: {len(slow)} slower than the threshold; running them once more to confirm", flush=True)
                again = measure(args, [r["name"] for r in slow], Path(tmp), 1, "rerun")
                run["failed"] |= again["failed"]
                run["failures"] += [f for f in again["failures"] if f not in run["failures"]]
                for r in slow:
                    b = again["benchmarks"].get(r["name"])
                    if b is None:
                        continue
                    rerun_ratio = b["norm"] / r["baseline"]
                    r["first_ratio"], r["rerun_ratio"] = r["ratio"], rerun_ratio
                    if rerun_ratio < r["ratio"]:  # the better of the two runs decides
                        r["ratio"], r["now"], r["median_s"] = rerun_ratio, b["norm"], b["median"]
                    r["verdict"] = "SLOWER" if r["ratio"] > r["threshold"] else "ok"
    except GateError as exc:
        print(f"\ngate: cannot judge: {exc}", file=sys.stderr)
        return 2
    print("\n".join(report(args, run, rows, section, threshold)))
    slow = [r for r in rows if r["verdict"] == "SLOWER"]
    if args.json:
        args.json.write_text(json.dumps({"mode": args.mode, "threshold": threshold, "calibration_s": run["calibration"],
                                         "rows": rows, "accuracy": run["accuracy"], "tests_failed": run["failed"],
                                         "passed": not slow and not run["failed"]}, indent=2, ensure_ascii=False),
                             encoding="utf-8")
    problems = []
    if slow:
        problems.append(f"{len(slow)} benchmark(s) slower than the baseline beyond the threshold: "
                        + ", ".join(short(r["name"]) for r in slow))
    if run["failed"]:
        problems.append("pytest reported failing tests (an accuracy floor or a benchmark's own assertion):\n  "
                        + "\n  ".join(run["failures"] or ["(see pytest's output above)"]))
    if not section:
        print(f"\ngate: no baseline for mode {args.mode!r} in {args.baseline}: nothing compared "
              f"(record one with --update-baseline{' --quick' if args.quick else ''})")
    if problems:
        print("\ngate: FAIL: " + "; ".join(problems))
        return 1
    new = sum(r["verdict"] == "new" for r in rows)
    print(f"\ngate: PASS ({sum(r['verdict'] in ('ok', 'faster') for r in rows)} within {threshold:.2f}x"
          + (f", {new} without a baseline" if new else "") + ")")
    return 0


if __name__ == "__main__":
    sys.exit(main())
