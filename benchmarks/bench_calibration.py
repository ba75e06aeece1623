"""Calibration: a fixed pure-Python workload, timed in the same run as everything else.

The gate (``benchmarks/gate.py``) divides every benchmark's median by this one's, so a
slower or busier runner moves both and the ratio stays put. Never change the workload
without refreshing the baseline (``python -m benchmarks.gate --update-baseline``): every
normalised figure in ``benchmarks/baseline.json`` is relative to it.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+")


def workload() -> int:
    """About a millisecond of the things the pipeline does: dicts, strings, ints, a
    small regex and a sort (no I/O, no allocation that grows between calls)."""
    counts: dict[str, int] = {}
    total = 0
    for i in range(5_000):
        key = f"k{i % 257}"
        counts[key] = counts.get(key, 0) + i * i % 97
        total += len(key)
    text = " ".join(counts)
    total += sum(len(m.group()) for m in _WORD.finditer(text))
    return total + len(sorted(counts.items(), key=lambda kv: (kv[1], kv[0])))


def test_calibration(benchmark):
    assert benchmark(workload) == workload()
