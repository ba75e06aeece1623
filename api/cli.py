"""The ``qawl`` command line: one module a subcommand under ``api/commands``.

Usage errors exit with 2 and a one-line message; no command prints a traceback for bad
input.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# Each module exposes ``register(subparsers)``, which adds its subcommand and sets
# ``func`` (``args -> exit code``) as the parser default.
COMMAND_MODULES = (
    "api.commands.extract",
    "api.commands.ingest",
    "api.commands.serve",
    "api.commands.link",
    "api.commands.reuse",
    "api.commands.clusters",
    "api.commands.correct",
    "api.commands.reextract",
    "api.commands.takedown",
    "api.commands.export",
    "api.commands.import_",
)


class UsageError(Exception):
    """Bad arguments or unusable input: reported on stderr, exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="qawl", description="Who said what, in Arabic news.")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"qawl {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
