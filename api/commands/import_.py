"""``qawl import [--db PATH|URL] ARCHIVE.jsonl``: restore ``qawl export`` into an empty store.

Everything goes in one transaction with the archive's ids, so the API answers as the
original store did. A store that already holds articles or speakers is refused (exit 2);
so is a malformed line (nothing is imported).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import msgspec

from api.cli import UsageError
from api.commands.ingest import add_db_argument, open_from_args
from api.store.archive import DECODER, NotEmpty, Record


def register(subparsers) -> None:
    parser = subparsers.add_parser("import", help="restore a qawl export into an empty store")
    add_db_argument(parser)
    parser.add_argument("archive", metavar="ARCHIVE.jsonl", help="a qawl export file ('-': stdin)")
    parser.set_defaults(func=run)


class _BadLine(Exception):
    pass


def _records(lines, label: str) -> Iterator[Record]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield DECODER.decode(line)
        except (msgspec.ValidationError, msgspec.DecodeError) as exc:
            raise _BadLine(f"{label} line {number}: {exc}") from None


def run(args) -> int:
    if args.archive != "-" and not Path(args.archive).is_file():
        raise UsageError(f"no such file: {args.archive}")
    _, store = open_from_args(args)
    try:
        handle = sys.stdin.buffer if args.archive == "-" else open(args.archive, "rb")
        try:
            stats = store.import_records(_records(handle, args.archive))
        finally:
            if handle is not sys.stdin.buffer:
                handle.close()
    except (NotEmpty, _BadLine, ValueError) as exc:
        raise UsageError(str(exc)) from None
    finally:
        store.close()
    print("imported: " + ", ".join(f"{n} {t}" for t, n in stats.records.items()), file=sys.stderr)
    return 0
