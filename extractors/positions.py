"""Searches in sorted lists of text positions.

The ``bisect`` module's two searches for lists of ints: compiled, they compare native ints
where ``bisect`` calls the generic comparison for every step, and the stages search
positions tens of thousands of times an article batch (every token window, every offset
mapped back to the original text).
"""

from __future__ import annotations


def bisect_left(values: list[int], x: int, lo: int = 0, hi: int = -1) -> int:
    """Same as ``bisect.bisect_left(values, x, lo, hi)`` (``hi`` -1: the list's end)."""
    if hi < 0:
        hi = len(values)
    while lo < hi:
        mid = (lo + hi) // 2
        if values[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


def bisect_right(values: list[int], x: int, lo: int = 0, hi: int = -1) -> int:
    """Same as ``bisect.bisect_right(values, x, lo, hi)``: among ints, the first place past
    every ``x`` is the first place of ``x + 1``."""
    return bisect_left(values, x + 1, lo, hi)
