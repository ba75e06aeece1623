"""Extraction stages. Most are compiled with mypyc at install time (``setup.py``)."""

from __future__ import annotations

from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

# Unpacking a wheel writes a module's source and compiled files a moment apart.
_MTIME_SLACK_SECONDS = 2.0


def _stale_compiled_modules(package: Path) -> list[str]:
    """Sources edited after their compiled module was built. Python imports the compiled
    module first, so an edit would silently not run."""
    stale = []
    for suffix in EXTENSION_SUFFIXES:
        for compiled in package.glob(f"*{suffix}"):
            source = compiled.with_name(compiled.name.removesuffix(suffix) + ".py")
            if source.exists() and source.stat().st_mtime > compiled.stat().st_mtime + _MTIME_SLACK_SECONDS:
                stale.append(source.name)
    return sorted(stale)


if _stale := _stale_compiled_modules(Path(__file__).parent):
    raise ImportError(
        f"qawl: {', '.join(_stale)} changed after the extractors were compiled; "
        "reinstall (.venv/bin/pip install -e .) or remove extractors/*.so to run the sources"
    )
