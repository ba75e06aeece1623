from __future__ import annotations

import pytest

from extractors.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    """A fresh pipeline a test module: what one module's speakers teach the linker stays there."""
    return Pipeline()
