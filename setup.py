"""Build: the extraction stages are compiled to C with mypyc when a C compiler is at hand.

Everything else about the package lives in ``pyproject.toml``. The compiled modules are
the same Python sources, so a machine without a compiler (or ``QAWL_PURE_PYTHON=1`` at
install time) gets the same results from the pure-Python modules, about 1.7x slower.
An editable install puts the compiled modules beside their sources, and Python imports a
compiled module before its ``.py``: after editing one of ``COMPILED``, install again
(``extractors/__init__.py`` refuses to run stale compiled code).
"""

from __future__ import annotations

import os
import sys

from setuptools import setup
from setuptools.command.build_ext import build_ext

COMPILED = [
    "extractors/positions.py",
    "extractors/normalize.py",
    "extractors/segment.py",
    "extractors/cues.py",
    "extractors/words.py",
    "extractors/quotes.py",
    "extractors/speakers.py",
    "extractors/pipeline.py",
]


class OptionalBuildExt(build_ext):
    """A failed compile leaves the pure-Python package, with a warning, not a failed install."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:  # noqa: BLE001 - any compiler failure means "stay pure"
            print(f"qawl: compiling the extractors failed ({exc}); using pure Python", file=sys.stderr)


def compiled_modules() -> list:
    if os.environ.get("QAWL_PURE_PYTHON") == "1":
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        return []
    return mypycify(COMPILED, opt_level="3")


setup(ext_modules=compiled_modules(), cmdclass={"build_ext": OptionalBuildExt})
