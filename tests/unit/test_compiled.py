"""The compiled extractors never run stale: an edited source refuses the old build."""

from __future__ import annotations

import os
from importlib.machinery import EXTENSION_SUFFIXES

from extractors import _stale_compiled_modules

SUFFIX = EXTENSION_SUFFIXES[0]


def _files(tmp_path, source_age: float, compiled_age: float) -> None:
    for name, age in (("pipeline.py", source_age), (f"pipeline{SUFFIX}", compiled_age)):
        path = tmp_path / name
        path.write_text("")
        os.utime(path, (1_000_000 - age, 1_000_000 - age))


def test_a_source_edited_after_its_build_is_stale(tmp_path):
    _files(tmp_path, source_age=0, compiled_age=60)
    assert _stale_compiled_modules(tmp_path) == ["pipeline.py"]


def test_a_build_newer_than_its_source_is_current(tmp_path):
    _files(tmp_path, source_age=60, compiled_age=0)
    assert _stale_compiled_modules(tmp_path) == []


def test_files_unpacked_a_moment_apart_are_current(tmp_path):
    _files(tmp_path, source_age=0, compiled_age=0.5)  # a wheel writes them one after the other
    assert _stale_compiled_modules(tmp_path) == []


def test_pure_python_sources_alone_are_current(tmp_path):
    (tmp_path / "pipeline.py").write_text("")
    assert _stale_compiled_modules(tmp_path) == []
