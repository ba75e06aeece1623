"""``qawl clusters [--db PATH|URL] --speaker NAME [--since D] [--until D] [--min-size N]``.

A speaker's statements that travelled, newest appearance first: one JSON object a line
(the items of ``GET /api/v1/clusters``; ``qawl reuse ID`` shows one in full).
"""

from __future__ import annotations

import datetime
import sys

import msgspec

from api.cli import UsageError
from api.commands.ingest import add_db_argument, open_from_args
from api.store.clusters import ClusterFilter

_ENCODER = msgspec.json.Encoder()
_PAGE = 100


def register(subparsers) -> None:
    parser = subparsers.add_parser("clusters", help="a speaker's reused statements, newest first")
    add_db_argument(parser)
    parser.add_argument("--speaker", required=True, metavar="NAME", help="speaker id or any spelling of the name")
    parser.add_argument("--since", help="with an appearance on or after YYYY-MM-DD")
    parser.add_argument("--until", help="with an appearance on or before YYYY-MM-DD")
    parser.add_argument("--min-size", type=int, default=1, metavar="N",
                        help="only statements with at least N appearances (default 1)")
    parser.set_defaults(func=run)


def parse_date(option: str, text: str | None) -> datetime.date | None:
    if text is None:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} must be a date as YYYY-MM-DD, not {text!r}") from None


def run(args) -> int:
    if not args.speaker.strip():
        raise UsageError("--speaker must not be blank")
    if args.min_size < 1:
        raise UsageError(f"--min-size must be at least 1, not {args.min_size}")
    since, until = parse_date("--since", args.since), parse_date("--until", args.until)
    if since and until and since > until:
        raise UsageError(f"--since ({since}) is after --until ({until})")
    _, store = open_from_args(args)
    try:
        speaker_ids = store.resolve_speakers(args.speaker.strip())
        if not speaker_ids:
            raise UsageError(f"no speaker matches {args.speaker!r}")
        filters = ClusterFilter(speaker_ids=speaker_ids, since=since.isoformat() if since else None,
                                until=until.isoformat() if until else None, min_size=args.min_size)
        out, cursor = sys.stdout.buffer, None
        while True:
            page = store.list_clusters(filters, limit=_PAGE, cursor=cursor)
            for item in page.items:
                out.write(_ENCODER.encode(item) + b"\n")
            if page.next is None:
                break
            cursor = page.next
        out.flush()
        return 0
    finally:
        store.close()
