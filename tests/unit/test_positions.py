"""The compiled position searches answer exactly as the bisect module does."""

from __future__ import annotations

import bisect

from hypothesis import given
from hypothesis import strategies as st

from extractors import positions

sorted_ints = st.lists(st.integers(-5, 60), max_size=30).map(sorted)


@given(sorted_ints, st.integers(-10, 70), st.integers(0, 35), st.integers(-1, 35))
def test_the_searches_agree_with_bisect(values, x, lo, hi):
    lo = min(lo, len(values))
    hi = len(values) if hi < 0 else max(lo, min(hi, len(values)))
    assert positions.bisect_left(values, x, lo, hi) == bisect.bisect_left(values, x, lo, hi)
    assert positions.bisect_right(values, x, lo, hi) == bisect.bisect_right(values, x, lo, hi)
    assert positions.bisect_left(values, x) == bisect.bisect_left(values, x)
    assert positions.bisect_right(values, x) == bisect.bisect_right(values, x)
