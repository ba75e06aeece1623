"""``qawl link [--date YYYY-MM-DD] [FILE|-]``: speaker ids for names, one a line.

All lines go through one linker, so two spellings of an unknown person come out with one
id. Titles resolve to whoever held them on ``--date`` (default today).
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import msgspec

from api.cli import UsageError
from extractors.linking import Link, Linker, LinkMethod
from extractors.normalize import normalize_key


class LinkLine(msgspec.Struct, frozen=True):
    mention: str
    speaker_id: str
    name: str
    score: float
    method: LinkMethod


_ENCODER = msgspec.json.Encoder()


def register(subparsers) -> None:
    parser = subparsers.add_parser("link", help="link names (one a line) to speaker ids")
    parser.add_argument("file", nargs="?", default="-", metavar="FILE", help="UTF-8 names, one a line; - (default) reads stdin")
    parser.add_argument("--date", help="resolve titles as of this day, YYYY-MM-DD (default today)")
    parser.set_defaults(func=run)


def parse_date(text: str | None) -> datetime.date | None:
    if text is None:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--date must be a date as YYYY-MM-DD, not {text!r}") from None


def read_names(name: str) -> list[str]:
    """The non-empty lines of FILE (or stdin), stripped."""
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
        text = data.decode("utf-8").removeprefix("\ufeff")
    except OSError as exc:
        raise UsageError(f"{name}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise UsageError(f"{name}: not UTF-8 text (byte {exc.start})") from None
    return [line.strip() for line in text.splitlines() if normalize_key(line)]


def run(args) -> int:
    day = parse_date(args.date)
    names = read_names(args.file)
    linker = Linker()
    out = sys.stdout.buffer
    for mention in names:
        out.write(_ENCODER.encode(_line(linker.link(mention, on=day))) + b"\n")
    out.flush()
    return 0


def _line(link: Link) -> LinkLine:
    return LinkLine(link.mention, link.speaker_id, link.name, link.score, link.method)
