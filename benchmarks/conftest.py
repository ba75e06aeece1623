"""pytest configuration for ``benchmarks/`` (pytest-benchmark).

The benchmarks live apart from the tests: ``pyproject.toml`` keeps ``testpaths = ["tests"]``,
so a plain ``pytest`` never sees them. Point pytest here (``pytest benchmarks/``) and the
``bench_*.py`` files are collected; everything else (``filterwarnings = error``, addopts,
rootdir) still comes from ``pyproject.toml``, because this is a conftest and not an ini file.

What this file adds to every benchmark in the folder:

* ``QAWL_BENCH_PLANT_SLOWDOWN=<pattern>[,<pattern>...]`` (fnmatch on the test's node id,
  or a plain substring of it) runs the timed function ``QAWL_BENCH_PLANT_FACTOR`` times
  (default 2) per call: a planted slowdown, to show that the gate catches one.
* ``benchmark.extra_info["versus"] = "<other test name>"`` asks for the ratio of this
  benchmark's median to the other's, printed at the end of the run (and by the gate).
* ``report_accuracy(name, figures, floors)``: a fixture for the accuracy benchmark; the
  figures are printed at the end of the run and added to ``--benchmark-json`` output
  under ``"qawl_accuracy"``.
"""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path
from typing import Any

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

_MEDIANS = pytest.StashKey[dict[str, tuple[float, str | None]]]()
_ACCURACY = pytest.StashKey[list[dict[str, Any]]]()


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_MEDIANS] = {}
    config.stash[_ACCURACY] = []


def pytest_collect_file(file_path: Path, parent: pytest.Collector):
    """Collect ``bench_*.py`` in this folder (files named on the command line are
    collected by pytest itself)."""
    if file_path.suffix != ".py" or not file_path.name.startswith("bench_"):
        return None
    if parent.session.isinitpath(file_path):
        return None
    ihook = parent.session.gethookproxy(file_path)
    return ihook.pytest_pycollect_makemodule(module_path=file_path, parent=parent)


CALIBRATION = "benchmarks/bench_calibration.py::test_calibration"


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(session, config, items):
    """Under the gate (``QAWL_BENCH_GATE=1``), the calibration runs first and is never
    deselected (``-k``): every other figure is divided by it."""
    collected = list(items)
    yield
    if os.environ.get("QAWL_BENCH_GATE") == "1":
        calibration = [item for item in collected if item.nodeid == CALIBRATION]
        rest = [item for item in items if item.nodeid != CALIBRATION]
        items[:] = calibration + rest


def planted(nodeid: str) -> bool:
    patterns = [p.strip() for p in os.environ.get("QAWL_BENCH_PLANT_SLOWDOWN", "").split(",") if p.strip()]
    return any(p in nodeid or fnmatch.fnmatchcase(nodeid, p) for p in patterns)


def _repeated(fn, times: int):
    def repeated(*args, **kwargs):
        for _ in range(times - 1):
            fn(*args, **kwargs)
        return fn(*args, **kwargs)

    return repeated


class _PlantedSlowdown(BenchmarkFixture):
    """pytest-benchmark's fixture whose timed function runs ``_times`` times per call (the
    instance's class is swapped: pytest-benchmark insists on a BenchmarkFixture)."""

    _times = 2

    def __call__(self, function_to_benchmark, *args, **kwargs):
        return super().__call__(_repeated(function_to_benchmark, self._times), *args, **kwargs)

    def pedantic(self, target, *args, **kwargs):
        return super().pedantic(_repeated(target, self._times), *args, **kwargs)


@pytest.fixture
def benchmark(benchmark, request):
    """pytest-benchmark's fixture, plus the planted slowdown and the median record."""
    if planted(request.node.nodeid):
        factor = int(os.environ.get("QAWL_BENCH_PLANT_FACTOR", "2"))
        benchmark.extra_info["planted_slowdown"] = factor
        benchmark.__class__ = _PlantedSlowdown
        benchmark._times = factor
    yield benchmark
    stats = getattr(benchmark, "stats", None)
    if not benchmark.disabled and stats is not None:
        request.config.stash[_MEDIANS][request.node.name] = (
            stats.stats.median, benchmark.extra_info.get("versus"))


@pytest.fixture
def report_accuracy(request):
    """Record scorer figures: ``report_accuracy(name, figures, floors)``."""

    def report(name: str, figures: dict[str, Any], floors: dict[str, float]) -> None:
        request.config.stash[_ACCURACY].append({"name": name, "figures": figures, "floors": floors})

    return report


def pytest_benchmark_update_json(config, benchmarks, output_json) -> None:
    output_json["qawl_accuracy"] = config.stash.get(_ACCURACY, [])


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    medians = config.stash.get(_MEDIANS, {})
    ratios = [(name, versus, median / medians[versus][0])
              for name, (median, versus) in medians.items() if versus in medians]
    if ratios:
        terminalreporter.section("qawl: ratios of medians")
        for name, versus, ratio in ratios:
            terminalreporter.write_line(f"{name} / {versus} = {ratio:.2f}x")
    accuracy = config.stash.get(_ACCURACY, [])
    if accuracy:
        terminalreporter.section("qawl: accuracy (shared scorer)")
        for line in accuracy_lines(accuracy):
            terminalreporter.write_line(line)


def accuracy_lines(accuracy: list[dict[str, Any]]) -> list[str]:
    lines = [f"{'set':<10} {'figure':<10} {'P':>6} {'R':>6} {'F1':>6} {'floor F1':>9}"]
    for row in accuracy:
        for figure in ("detection", "e2e"):
            f = row["figures"][figure]
            floor = row["floors"].get(f"{figure}_f1")
            shown = f"{floor:.3f}" if floor is not None else "-"
            lines.append(f"{row['name']:<10} {figure:<10} {f['precision']:6.3f} {f['recall']:6.3f} {f['f1']:6.3f} {shown:>9}")
    return lines
